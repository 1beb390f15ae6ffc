import type { CommandMessage, CommandReply, ServiceName } from '@balanse/contracts';
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
import { Semaphore } from './semaphore';

interface Subscription {
  spec: ConsumerSpec;
  onDelivery: (delivery: Delivery) => Promise<void>;
  limit: Semaphore;
}

/**
 * The embedded mode's event bus. `publish` resolves only when every consumer has acked, so the
 * relay marks an outbox row published only after all its effects are committed: a crash before
 * that leaves the row unpublished, it is sent again at restart, and the inboxes drop repeats.
 * A nak schedules a redelivery after its delay without holding up other events.
 */
export class InProcessEventTransport implements EventTransport {
  private readonly subscriptions = new Map<string, Subscription[]>();
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  async publish(envelope: Record<string, unknown> & { id: string; type: string }): Promise<void> {
    if (this.closed) throw new Error('event bus is closed');
    const subs = this.subscriptions.get(envelope.type) ?? [];
    // Text, as on the wire: consumers check and parse it, and share no object with the producer.
    const body = JSON.stringify(envelope);
    const subject = eventSubject(envelope.type);
    await Promise.all(subs.map((sub) => this.deliver(sub, subject, body)));
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
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/** The embedded mode's request/reply: a direct call with the same timeout and error rules as NATS. */
export class InProcessCommandTransport implements CommandTransport {
  private readonly handlers = new Map<
    string,
    (subject: string, message: CommandMessage) => Promise<CommandReply>
  >();

  request(subject: string, message: CommandMessage, timeoutMs: number): Promise<CommandReply> {
    // A JSON round trip, as on the wire: no shared object references between services.
    return this.requestJson(subject, JSON.stringify(message), timeoutMs);
  }

  /** A command already serialised (by the embedded gateway's thread). */
  async requestJson(subject: string, json: string, timeoutMs: number): Promise<CommandReply> {
    const service = serviceOfSubject(subject);
    const handler = this.handlers.get(service);
    if (!handler) return unavailableReply(service);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<CommandReply>((resolve) => {
      timer = setTimeout(() => resolve(timeoutReply(service, timeoutMs)), timeoutMs);
    });
    try {
      return await Promise.race([handler(subject, JSON.parse(json) as CommandMessage), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async serve(
    service: ServiceName,
    handler: (subject: string, message: CommandMessage) => Promise<CommandReply>,
  ): Promise<void> {
    this.handlers.set(service, handler);
  }

  healthy(): boolean {
    return true;
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
