import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import {
  errors,
  nanos,
  type Msg,
  type NatsConnection,
  type Subscription,
} from '@nats-io/nats-core';
import {
  COMMAND_PREFIX,
  ErrorCode,
  type CommandMessage,
  type CommandReply,
  type ServiceName,
} from '@balanse/contracts';
import { EVENT_STREAM, EVENT_SUBJECT_PREFIX, eventSubject } from '../events/event-subjects';
import {
  serviceOfSubject,
  timeoutReply,
  unavailableReply,
  type CommandTransport,
  type ConsumerSpec,
  type Delivery,
  type EventTransport,
} from './transport';
import { Semaphore } from './semaphore';

export interface NatsEventOptions {
  /** Stream replicas: 1 on one server, 3 in a production cluster. */
  replicas: number;
  /** How long JetStream waits for an ack before redelivering (a crashed consumer's events). */
  ackWaitMs: number;
  /** How long `Nats-Msg-Id` deduplication remembers an id. */
  duplicateWindowMs: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Events over JetStream: one stream for all domain events, a durable pull consumer per service
 * and event type (nats-server 2.9 allows one filter subject per consumer), explicit acks.
 */
export class NatsEventTransport implements EventTransport {
  private js!: JetStreamClient;
  private jsm!: JetStreamManager;
  private readonly running: Array<{ stop(): Promise<void> | void }> = [];

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: NatsEventOptions,
  ) {}

  /**
   * Creates or updates the stream; safe to run from every service at every start. Services that
   * start together race on it, so a failed attempt is retried a few times.
   */
  async start(): Promise<void> {
    this.jsm = await jetstreamManager(this.nc);
    this.js = jetstream(this.nc);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.ensureStream();
        return;
      } catch (err) {
        if (attempt >= 8) throw err;
        await new Promise((r) => setTimeout(r, 250 * attempt));
      }
    }
  }

  private async ensureStream(): Promise<void> {
    const config: Partial<StreamConfig> & { name: string } = {
      name: EVENT_STREAM,
      subjects: [`${EVENT_SUBJECT_PREFIX}.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: this.options.replicas,
      duplicate_window: nanos(this.options.duplicateWindowMs),
    };
    const exists = await this.jsm.streams.info(EVENT_STREAM).then(
      () => true,
      (err: unknown) => {
        if (isNotFound(err)) return false;
        throw err;
      },
    );
    if (exists) await this.jsm.streams.update(EVENT_STREAM, config);
    else await this.jsm.streams.add(config);
  }

  async publish(envelope: Record<string, unknown> & { id: string; type: string }): Promise<void> {
    await this.js.publish(eventSubject(envelope.type), encoder.encode(JSON.stringify(envelope)), {
      msgID: envelope.id,
    });
  }

  async subscribe(
    spec: ConsumerSpec,
    onDelivery: (delivery: Delivery) => Promise<void>,
  ): Promise<void> {
    const config = {
      durable_name: spec.durable,
      filter_subject: eventSubject(spec.type),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(this.options.ackWaitMs),
      max_ack_pending: Math.max(1000, spec.concurrency * 4),
      // The consumer acks (handled or dead-lettered) or terms every event by its last delivery;
      // the bound is a backstop, so that nothing is redelivered forever (see RetryPolicy).
      max_deliver: spec.maxDeliver,
    };
    try {
      await this.jsm.consumers.info(EVENT_STREAM, spec.durable);
      await this.jsm.consumers.update(EVENT_STREAM, spec.durable, config);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await this.jsm.consumers.add(EVENT_STREAM, config);
    }
    const consumer = await this.js.consumers.get(EVENT_STREAM, spec.durable);
    const messages = await consumer.consume({ max_messages: spec.concurrency * 2 });
    this.running.push({ stop: () => messages.close().then(() => undefined) });
    const limit = new Semaphore(spec.concurrency);
    void (async () => {
      for await (const m of messages) {
        await limit.acquire();
        const delivery: Delivery = {
          subject: m.subject,
          body: decoder.decode(m.data),
          attempt: m.info.deliveryCount,
          ack: () => m.ack(),
          nak: (delayMs) => m.nak(delayMs),
          term: () => m.term(),
        };
        // The consumer settles every delivery itself; this is the backstop for a bug in it.
        onDelivery(delivery)
          .catch(() => m.nak(1000))
          .finally(() => limit.release());
      }
    })();
  }

  healthy(): boolean {
    return !this.nc.isClosed();
  }

  async close(): Promise<void> {
    await Promise.all(this.running.map((r) => r.stop()));
    this.running.length = 0;
  }
}

/** Commands over core NATS request/reply; each service subscribes to its subtree in a queue group. */
export class NatsCommandTransport implements CommandTransport {
  private readonly subscriptions: Subscription[] = [];

  constructor(private readonly nc: NatsConnection) {}

  async request(
    subject: string,
    message: CommandMessage,
    timeoutMs: number,
  ): Promise<CommandReply> {
    const service = serviceOfSubject(subject);
    try {
      const reply = await this.nc.request(subject, encoder.encode(JSON.stringify(message)), {
        timeout: timeoutMs,
      });
      return JSON.parse(decoder.decode(reply.data)) as CommandReply;
    } catch (err) {
      if (
        err instanceof errors.NoRespondersError ||
        (err instanceof errors.RequestError && err.isNoResponders())
      ) {
        return unavailableReply(service);
      }
      if (err instanceof errors.TimeoutError) {
        return timeoutReply(service, timeoutMs);
      }
      throw err;
    }
  }

  async serve(
    service: ServiceName,
    handler: (subject: string, message: CommandMessage) => Promise<CommandReply>,
  ): Promise<void> {
    const sub = this.nc.subscribe(`${COMMAND_PREFIX}.${service}.>`, {
      queue: service,
      callback: (err: Error | null, msg: Msg) => {
        if (err) return;
        let message: CommandMessage;
        try {
          message = JSON.parse(decoder.decode(msg.data)) as CommandMessage;
        } catch {
          msg.respond(
            encoder.encode(
              JSON.stringify({
                ok: false,
                error: {
                  status: 400,
                  code: ErrorCode.MALFORMED_JSON,
                  message: 'command is not JSON',
                },
              }),
            ),
          );
          return;
        }
        void handler(msg.subject, message).then((reply) =>
          msg.respond(encoder.encode(JSON.stringify(reply))),
        );
      },
    });
    this.subscriptions.push(sub);
  }

  healthy(): boolean {
    return !this.nc.isClosed();
  }

  async close(): Promise<void> {
    for (const sub of this.subscriptions) sub.unsubscribe();
    this.subscriptions.length = 0;
  }
}

function isNotFound(err: unknown): boolean {
  const e = err as { code?: unknown; api_error?: { err_code?: number }; message?: string };
  return (
    e?.api_error?.err_code === 10059 ||
    e?.api_error?.err_code === 10014 ||
    /not found/i.test(e?.message ?? '')
  );
}
