import {
  COMMAND_PREFIX,
  ErrorCode,
  type CommandMessage,
  type CommandReply,
  type ServiceName,
} from '@balanse/contracts';
import { RETRY_AFTER_SECONDS } from './command-gate';
import type { CommandRequestOptions } from './large-messages';

/**
 * One delivery of an event to one consumer. Exactly one of ack/nak/term must be called. The
 * envelope arrives as text: the consumer checks it (`checkEnvelope`) before anything parses it
 * into an event or touches the database.
 */
export interface Delivery {
  /** The bus subject it came on; a well-behaved producer uses `eventSubject(type)`. */
  subject: string;
  /** The CloudEvents JSON envelope as received: not yet parsed, checked or trusted. */
  body: string;
  /** 1 on first delivery. */
  attempt: number;
  ack(): void;
  /** Deliver again after `delayMs`. */
  nak(delayMs: number): void;
  /** Never deliver it again: it can neither be handled nor kept as a dead letter. */
  term(): void;
}

export interface ConsumerSpec {
  /** Durable consumer name, unique per service and event type. */
  durable: string;
  type: string;
  /** Deliveries handled at once. */
  concurrency: number;
  /** Deliveries of one event at most (the consumer dead-letters or terminates it by then). */
  maxDeliver: number;
}

/**
 * Carries events from outboxes to consumers: JetStream in the distributed mode, an in-process
 * bus in the embedded mode. `publish` resolves once the event is durably accepted.
 */
export interface EventTransport {
  publish(envelope: Record<string, unknown> & { id: string; type: string }): Promise<void>;
  subscribe(spec: ConsumerSpec, onDelivery: (delivery: Delivery) => Promise<void>): Promise<void>;
  /** True when the transport can publish and consume (readiness). */
  healthy(): boolean;
  close(): Promise<void>;
}

/**
 * Request/reply for commands and queries, with queue groups so replicas share the load. A call
 * opted in as `large` may move a command and an answer up to the large cap; `timeoutMs` covers
 * the whole exchange.
 */
export interface CommandTransport {
  request(
    subject: string,
    message: CommandMessage,
    timeoutMs: number,
    options?: CommandRequestOptions,
  ): Promise<CommandReply>;
  serve(
    service: ServiceName,
    handler: (subject: string, message: CommandMessage) => Promise<CommandReply>,
  ): Promise<void>;
  healthy(): boolean;
  close(): Promise<void>;
}

/** The answer when no replica of `service` is running, or the bus cannot reach it (`why`). */
export function unavailableReply(service: string, why = 'is not running'): CommandReply {
  return {
    ok: false,
    error: {
      status: 503,
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message: `service ${service} ${why}`,
      details: { retryAfterSeconds: RETRY_AFTER_SECONDS },
    },
  };
}

/** The answer when `service` did not reply in time. */
export function timeoutReply(service: string, timeoutMs: number): CommandReply {
  return {
    ok: false,
    error: {
      status: 504,
      code: ErrorCode.SERVICE_TIMEOUT,
      message: `service ${service} did not answer within ${timeoutMs} ms`,
    },
  };
}

/** `balanse.cmd.identify.cases.get` → `identify` */
export function serviceOfSubject(subject: string): string {
  return subject.slice(COMMAND_PREFIX.length + 1).split('.')[0];
}
