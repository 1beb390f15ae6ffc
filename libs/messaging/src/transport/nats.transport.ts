import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
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
import { Logger } from '@nestjs/common';
import {
  COMMAND_PREFIX,
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
import {
  CommandGate,
  DEFAULT_COMMAND_LIMITS,
  messageLimit,
  requestTooLarge,
  type CommandHandler,
  type CommandLimits,
} from './command-gate';
import { chunkBytes, type CommandRequestOptions } from './large-messages';
import {
  LargeHeader,
  largeHeaders,
  requestInChunks,
  respondInChunks,
  respondWhole,
} from './nats-chunks';
import {
  DEFAULT_UPLOAD_LIMITS,
  isNoResponders,
  sendInParts,
  UploadDesk,
  type UploadLimits,
} from './nats-uploads';

export interface NatsEventOptions {
  /** Stream replicas: 1 on one server, 3 in a production cluster. */
  replicas: number;
  /** How long JetStream waits for an ack before redelivering (a crashed consumer's events). */
  ackWaitMs: number;
  /** How long `Nats-Msg-Id` deduplication remembers an id. */
  duplicateWindowMs: number;
  /** The stream's bounds, used when this process creates it. */
  limits?: Partial<StreamLimits>;
}

/** How much the event stream keeps; see "Stream limits" in README.md for what each risks. */
export interface StreamLimits {
  /** Events older than this are removed. */
  maxAgeMs: number;
  /** The stream's size on disk at most. */
  maxBytes: number;
  /** When the stream is full: `new` refuses publishes (the outbox keeps them), `old` drops the oldest. */
  discard: 'old' | 'new';
}

/**
 * 30 days, 4 GiB. NATS reserves `max_bytes` on every server holding a replica when the stream is
 * created (and refuses it beyond the server's `max_file_store`: 8 GB in deploy/kubernetes), and
 * 4 GiB holds several hundred thousand cases, so the age binds first.
 */
export const DEFAULT_STREAM_LIMITS: StreamLimits = {
  maxAgeMs: 30 * 24 * 3600_000,
  maxBytes: 4 * 1024 ** 3,
  discard: 'new',
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Events over JetStream: one stream for all domain events, a durable pull consumer per service
 * and event type (nats-server 2.9 allows one filter subject per consumer), explicit acks.
 */
export class NatsEventTransport implements EventTransport {
  private readonly log = new Logger('nats:events');
  private js!: JetStreamClient;
  private jsm!: JetStreamManager;
  private readonly running: Array<{ stop(): Promise<void> | void }> = [];

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: NatsEventOptions,
  ) {}

  /**
   * Creates the stream if it is missing; safe to run from every service at every start. Services
   * that start together race on it, so a failed attempt is retried a few times.
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

  /**
   * An existing stream is never updated here: its replicas and limits are the operator's, and a
   * service that rewrote them would undo the operator's choice at every start (the last service
   * to start would win). Each setting that differs from this process's configuration is logged.
   */
  private async ensureStream(): Promise<void> {
    const limits = { ...DEFAULT_STREAM_LIMITS, ...this.options.limits };
    const config: Partial<StreamConfig> & { name: string } = {
      name: EVENT_STREAM,
      subjects: [`${EVENT_SUBJECT_PREFIX}.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: this.options.replicas,
      duplicate_window: nanos(this.options.duplicateWindowMs),
      max_age: nanos(limits.maxAgeMs),
      max_bytes: limits.maxBytes,
      discard: limits.discard === 'new' ? DiscardPolicy.New : DiscardPolicy.Old,
    };
    const existing = await this.jsm.streams.info(EVENT_STREAM).then(
      (info) => info.config,
      (err: unknown) => {
        if (isNotFound(err)) return undefined;
        throw err;
      },
    );
    if (!existing) {
      await this.jsm.streams.add(config);
      return;
    }
    const settings = [
      'num_replicas',
      'max_age',
      'max_bytes',
      'discard',
      'duplicate_window',
    ] as const;
    for (const key of settings)
      if (existing[key] !== config[key])
        this.log.warn(
          `stream ${EVENT_STREAM} has ${key} ${existing[key]}, this process is configured for ${config[key]}; left as it is (the operator's to change)`,
        );
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

/**
 * Commands over core NATS request/reply; each service subscribes to its subtree in a queue group.
 * Both sides keep to the server's max payload: a command too large is answered 413 before it is
 * sent, an answer too large REPLY_TOO_LARGE (CommandGate). A call opted in as large moves its
 * command and answer in chunks within the max payload instead, up to the large cap (see
 * nats-chunks.ts and nats-uploads.ts). While the connection is down (NATS restarting, the client
 * reconnecting) a request is answered 503 at once, not held to its timeout.
 */
export class NatsCommandTransport implements CommandTransport {
  private readonly log = new Logger('nats:commands');
  private readonly subscriptions: Subscription[] = [];
  private readonly desks: UploadDesk[] = [];
  private readonly limits: CommandLimits;
  private readonly uploadLimits: UploadLimits;
  private connected = true;

  constructor(
    private readonly nc: NatsConnection,
    limits: Partial<CommandLimits> = {},
    uploads: Partial<UploadLimits> = {},
  ) {
    const configured = { ...DEFAULT_COMMAND_LIMITS, ...limits };
    this.limits = {
      ...configured,
      maxPayloadBytes: Math.min(
        configured.maxPayloadBytes,
        nc.info?.max_payload ?? configured.maxPayloadBytes,
      ),
    };
    this.uploadLimits = { ...DEFAULT_UPLOAD_LIMITS, ...uploads };
    void this.watchConnection();
  }

  get maxPayloadBytes(): number {
    return this.limits.maxPayloadBytes;
  }

  /** Large commands this process holds while their parts arrive or they run. */
  get uploadsInHand(): number {
    return this.desks.reduce((sum, desk) => sum + desk.inHand, 0);
  }

  private get chunkBytes(): number {
    return chunkBytes(this.limits.maxPayloadBytes);
  }

  private async watchConnection(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect') this.connected = false;
      else if (status.type === 'reconnect') this.connected = true;
    }
  }

  async request(
    subject: string,
    message: CommandMessage,
    timeoutMs: number,
    options?: CommandRequestOptions,
  ): Promise<CommandReply> {
    const service = serviceOfSubject(subject);
    const data = encoder.encode(JSON.stringify(message));
    const limit = messageLimit(this.limits, options);
    if (data.length > limit) return requestTooLarge(data.length, limit, options?.large);
    if (!this.connected || this.nc.isClosed())
      return unavailableReply(service, 'cannot be reached: the message bus is not connected');
    try {
      if (!options?.large) {
        const reply = await this.nc.request(subject, data, { timeout: timeoutMs });
        return JSON.parse(decoder.decode(reply.data)) as CommandReply;
      }
      const reply =
        data.length <= this.chunkBytes
          ? await requestInChunks(
              this.nc,
              subject,
              data,
              largeHeaders({ large: '1' }),
              timeoutMs,
              service,
            )
          : await sendInParts(
              this.nc,
              subject,
              service,
              data,
              this.chunkBytes,
              Date.now() + timeoutMs,
            );
      return reply ?? timeoutReply(service, timeoutMs);
    } catch (err) {
      if (isNoResponders(err)) return unavailableReply(service);
      if (
        err instanceof errors.ClosedConnectionError ||
        err instanceof errors.DrainingConnectionError ||
        err instanceof errors.ConnectionError ||
        (err instanceof errors.TimeoutError && !this.connected)
      ) {
        return unavailableReply(service, 'cannot be reached: the message bus is not connected');
      }
      if (err instanceof errors.TimeoutError) {
        return timeoutReply(service, timeoutMs);
      }
      throw err;
    }
  }

  async serve(service: ServiceName, handler: CommandHandler): Promise<void> {
    const gate = new CommandGate(service, handler, this.limits);
    const desk = new UploadDesk(
      this.nc,
      service,
      this.uploadLimits,
      this.chunkBytes,
      messageLimit(this.limits, { large: true }),
      this.log,
    );
    this.desks.push(desk);
    const sub = this.nc.subscribe(`${COMMAND_PREFIX}.${service}.>`, {
      queue: service,
      callback: (err: Error | null, msg: Msg) => {
        if (err) return;
        // Only a call opted in as large carries headers; an ordinary one goes as it always did.
        const large = msg.headers?.get(LargeHeader.large) === '1';
        if (large && msg.headers!.has(LargeHeader.upload))
          return this.respond(msg, () => desk.begin(msg, gate));
        void gate
          .answer(msg.subject, decoder.decode(msg.data), large ? { large } : undefined)
          .then((json) =>
            this.respond(msg, () =>
              large ? respondInChunks(msg, json, this.chunkBytes) : respondWhole(msg, json),
            ),
          );
      },
    });
    this.subscriptions.push(sub);
  }

  /** Runs `send`, which answers `msg`; the connection may have closed meanwhile. */
  private respond(msg: Msg, send: () => void): void {
    try {
      send();
    } catch (respondErr) {
      // The caller gets its timeout or 503.
      this.log.warn(`answer to ${msg.subject} not sent: ${(respondErr as Error).message}`);
    }
  }

  healthy(): boolean {
    return !this.nc.isClosed();
  }

  async close(): Promise<void> {
    for (const sub of this.subscriptions) sub.unsubscribe();
    this.subscriptions.length = 0;
    for (const desk of this.desks) desk.close();
    this.desks.length = 0;
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
