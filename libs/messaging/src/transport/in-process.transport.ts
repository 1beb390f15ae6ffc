import type { CommandMessage, CommandReply, ServiceName } from '@balanse/contracts';
import {
  bytesOver,
  CommandGate,
  DEFAULT_COMMAND_LIMITS,
  messageLimit,
  requestTooLarge,
  type CommandHandler,
  type CommandLimits,
} from './command-gate';
import {
  serviceOfSubject,
  timeoutReply,
  unavailableReply,
  type CommandTransport,
  type ConsumerSpec,
  type Delivery,
  type EventTransport,
} from './transport';
import { eventSubject } from '../events/event-subjects';
import type { CommandRequestOptions } from './large-messages';
import { Semaphore } from './semaphore';

interface Subscription {
  spec: ConsumerSpec;
  onDelivery: (delivery: Delivery) => Promise<void>;
  limit: Semaphore;
}

/** Deliveries the embedded bus holds at once (handling, waiting for a consumer, or to be retried). */
export const DEFAULT_MAX_PENDING_DELIVERIES = 4096;

/**
 * The embedded mode's event bus. `publish` resolves only when every consumer has acked, so the
 * relay marks an outbox row published only after all its effects are committed: a crash before
 * that leaves the row unpublished, it is sent again at restart, and the inboxes drop repeats.
 * A nak schedules a redelivery after its delay without holding up other events. At most
 * `maxPending` deliveries are held at once: a publish beyond that waits for room (backpressure on
 * the relays, whose rows stay in their outboxes meanwhile).
 */
export class InProcessEventTransport implements EventTransport {
  private readonly subscriptions = new Map<string, Subscription[]>();
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private pending = 0;
  private readonly waitingForRoom: Array<() => void> = [];

  constructor(private readonly maxPending = DEFAULT_MAX_PENDING_DELIVERIES) {}

  async publish(envelope: Record<string, unknown> & { id: string; type: string }): Promise<void> {
    if (this.closed) throw new Error('event bus is closed');
    const subs = this.subscriptions.get(envelope.type) ?? [];
    // One event always gets in, so a consumer count above the limit cannot block forever.
    while (this.pending > 0 && this.pending + subs.length > this.maxPending)
      await new Promise<void>((resolve) => this.waitingForRoom.push(resolve));
    if (this.closed) throw new Error('event bus is closed');
    // Text, as on the wire: consumers check and parse it, and share no object with the producer.
    const body = JSON.stringify(envelope);
    const subject = eventSubject(envelope.type);
    this.pending += subs.length;
    await Promise.all(
      subs.map((sub) =>
        this.deliver(sub, subject, body).finally(() => {
          this.pending--;
          this.waitingForRoom.shift()?.();
        }),
      ),
    );
  }

  async subscribe(
    spec: ConsumerSpec,
    onDelivery: (delivery: Delivery) => Promise<void>,
  ): Promise<void> {
    const list = this.subscriptions.get(spec.type) ?? [];
    if (list.some((s) => s.spec.durable === spec.durable))
      throw new Error(`consumer ${spec.durable} exists`);
    list.push({ spec, onDelivery, limit: new Semaphore(spec.concurrency) });
    this.subscriptions.set(spec.type, list);
  }

  private deliver(sub: Subscription, subject: string, body: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const attemptDelivery = (attempt: number) => {
        if (this.closed) return reject(new Error('event bus closed before delivery'));
        let settled = false;
        const settle = () => {
          if (settled) return;
          settled = true;
          resolve();
        };
        const delivery: Delivery = {
          subject,
          body,
          attempt,
          ack: settle,
          term: settle, // dropped, as JetStream drops a terminated message
          nak: (delayMs) => {
            if (settled) return;
            settled = true;
            // Like JetStream's max_deliver: no delivery after the last one.
            if (attempt >= sub.spec.maxDeliver) return resolve();
            const timer = setTimeout(() => {
              this.timers.delete(timer);
              attemptDelivery(attempt + 1);
            }, delayMs);
            this.timers.add(timer);
          },
        };
        sub.limit
          .run(() => sub.onDelivery(delivery))
          .catch(() => delivery.nak(1000))
          .finally(() => {
            if (!settled) delivery.nak(1000); // a handler that neither acked nor naked
          });
      };
      attemptDelivery(1);
    });
  }

  healthy(): boolean {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waitingForRoom.splice(0)) wake();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/**
 * The embedded mode's request/reply: a direct call with the same timeout, size and error rules as
 * NATS (the same max payload both ways, the same CommandGate around each service). A call opted
 * in as large passes whole up to the large cap, where NATS would move it in chunks.
 */
export class InProcessCommandTransport implements CommandTransport {
  private readonly gates = new Map<string, CommandGate>();
  private readonly limits: CommandLimits;

  constructor(limits: Partial<CommandLimits> = {}) {
    this.limits = { ...DEFAULT_COMMAND_LIMITS, ...limits };
  }

  get maxPayloadBytes(): number {
    return this.limits.maxPayloadBytes;
  }

  /** The cap of a call opted in as large. */
  get maxLargeMessageBytes(): number {
    return messageLimit(this.limits, { large: true });
  }

  async request(
    subject: string,
    message: CommandMessage,
    timeoutMs: number,
    options?: CommandRequestOptions,
  ): Promise<CommandReply> {
    // A JSON round trip, as on the wire: no shared object references between services.
    const json = await this.requestJson(subject, JSON.stringify(message), timeoutMs, options);
    return JSON.parse(json) as CommandReply;
  }

  /** A command already serialised (by the embedded gateway's thread); the answer serialised. */
  async requestJson(
    subject: string,
    json: string,
    timeoutMs: number,
    options?: CommandRequestOptions,
  ): Promise<string> {
    const limit = messageLimit(this.limits, options);
    const bytes = bytesOver(json, limit);
    if (bytes) return JSON.stringify(requestTooLarge(bytes, limit, options?.large));
    const service = serviceOfSubject(subject);
    const gate = this.gates.get(service);
    if (!gate) return JSON.stringify(unavailableReply(service));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(
        () => resolve(JSON.stringify(timeoutReply(service, timeoutMs))),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([gate.answer(subject, json, options), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async serve(service: ServiceName, handler: CommandHandler): Promise<void> {
    this.gates.set(service, new CommandGate(service, handler, this.limits));
  }

  healthy(): boolean {
    return true;
  }

  async close(): Promise<void> {
    this.gates.clear();
  }
}
