import { Logger } from '@nestjs/common';
import {
  ErrorCode,
  type CommandMessage,
  type CommandReply,
  type ErrorBody,
  type ServiceName,
} from '@balanse/contracts';
import { handlerFailures, largeMessages, repliesTooLarge } from '../metrics';
import { MAX_LARGE_MESSAGE_BYTES, type CommandRequestOptions } from './large-messages';

/** NATS's default max payload; the in-process bus enforces the same so both modes answer alike. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

/** How much one service takes on at once; see the configuration reference in README.md. */
export interface CommandLimits {
  /** The largest command or answer, encoded (NATS: the lower of this and the server's max_payload). */
  maxPayloadBytes: number;
  /** Commands handled at once by this service (in this process). */
  maxConcurrent: number;
  /** Commands waiting for a slot; beyond, SERVICE_BUSY. */
  maxQueued: number;
  /** The cap of a call opted in as large (default MAX_LARGE_MESSAGE_BYTES; lower in tests). */
  maxLargeMessageBytes?: number;
}

/** The largest encoded command or answer of a call with `options`. */
export function messageLimit(limits: CommandLimits, options?: CommandRequestOptions): number {
  return options?.large
    ? (limits.maxLargeMessageBytes ?? MAX_LARGE_MESSAGE_BYTES)
    : limits.maxPayloadBytes;
}

export const DEFAULT_COMMAND_LIMITS: CommandLimits = {
  maxPayloadBytes: DEFAULT_MAX_PAYLOAD_BYTES,
  maxConcurrent: 64,
  maxQueued: 256,
};

export type CommandHandler = (subject: string, message: CommandMessage) => Promise<CommandReply>;

/** A client retries a 503 after this long (`Retry-After`). */
export const RETRY_AFTER_SECONDS = 1;

/**
 * The UTF-8 size of `json` if it is over `maxBytes`, else 0. A UTF-16 code unit is at most 3
 * bytes of UTF-8, so most messages need no count of their bytes: the hot path's only cost.
 */
export function bytesOver(json: string, maxBytes: number): number {
  if (json.length * 3 <= maxBytes) return 0;
  const bytes = Buffer.byteLength(json);
  return bytes > maxBytes ? bytes : 0;
}

/**
 * The answer to a command whose encoded message would not fit in one bus message, or (`large`)
 * is over the cap of a large call.
 */
export function requestTooLarge(bytes: number, limitBytes: number, large = false): CommandReply {
  return failure({
    status: 413,
    code: ErrorCode.PAYLOAD_TOO_LARGE,
    message: `request is too large for the message bus (${bytes} bytes encoded, limit ${limitBytes})`,
    details: large
      ? { bytes, maxLargeMessageBytes: limitBytes }
      : { bytes, maxPayloadBytes: limitBytes },
  });
}

/**
 * Stands between a transport and a service's command handler, so that no command can take the
 * service down or wedge it: the command is parsed, handled and encoded with every failure
 * answered (500 INTERNAL, logged and counted), an answer too large for the bus is answered
 * REPLY_TOO_LARGE instead, and at most `maxConcurrent` commands run at once with `maxQueued`
 * waiting (beyond that, SERVICE_BUSY at once, since waiting longer would only end in a timeout).
 * On the hot path it adds a counter and a length check.
 */
export class CommandGate {
  private readonly log: Logger;
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly service: ServiceName,
    private readonly handler: CommandHandler,
    readonly limits: CommandLimits,
  ) {
    this.log = new Logger(`${service}:commands`);
  }

  /**
   * The encoded answer to one encoded command; never rejects. A call opted in as `large` may
   * have an answer up to the large cap instead of the max payload.
   */
  async answer(subject: string, json: string, options?: CommandRequestOptions): Promise<string> {
    if (options?.large && bytesOver(json, this.limits.maxPayloadBytes))
      largeMessages.inc({ service: this.service, kind: 'command' });
    let message: CommandMessage;
    try {
      message = JSON.parse(json) as CommandMessage;
    } catch {
      return JSON.stringify(
        failure({ status: 400, code: ErrorCode.MALFORMED_JSON, message: 'command is not JSON' }),
      );
    }
    if (this.active >= this.limits.maxConcurrent) {
      if (this.waiting.length >= this.limits.maxQueued) return JSON.stringify(this.busy());
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.active++;
    let reply: CommandReply;
    try {
      reply = await this.handler(subject, message);
    } catch (err) {
      reply = this.failed(subject, err);
    } finally {
      this.release();
    }
    if (!reply.ok && reply.error.status >= 500 && reply.error.code === ErrorCode.INTERNAL)
      handlerFailures.inc({ service: this.service, kind: 'command' });
    return this.encode(subject, reply, options);
  }

  /** A finished command hands its slot to the next waiting one. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  private encode(subject: string, reply: CommandReply, options?: CommandRequestOptions): string {
    let json: string;
    try {
      json = JSON.stringify(reply);
    } catch (err) {
      handlerFailures.inc({ service: this.service, kind: 'command' });
      return JSON.stringify(this.failed(subject, err));
    }
    const limit = messageLimit(this.limits, options);
    const bytes = bytesOver(json, limit);
    if (!bytes) {
      if (options?.large && bytesOver(json, this.limits.maxPayloadBytes))
        largeMessages.inc({ service: this.service, kind: 'answer' });
      return json;
    }
    repliesTooLarge.inc({ service: this.service });
    this.log.warn(
      `answer to ${subject} is ${bytes} bytes, over the ${options?.large ? 'large message cap' : 'bus limit'} of ${limit}; answered REPLY_TOO_LARGE`,
    );
    return JSON.stringify(
      failure({
        status: 413,
        code: ErrorCode.REPLY_TOO_LARGE,
        message: options?.large
          ? 'the answer would exceed the cap of a large message'
          : 'the answer would exceed the bus max payload; ask for a smaller page',
        details: options?.large
          ? { bytes, maxLargeMessageBytes: limit }
          : { bytes, maxPayloadBytes: limit },
      }),
    );
  }

  private failed(subject: string, err: unknown): CommandReply {
    this.log.error(
      `${subject} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return failure({
      status: 500,
      code: ErrorCode.INTERNAL,
      message: 'internal error; see the service log',
    });
  }

  private busy(): CommandReply {
    return serviceBusy(this.service);
  }
}

/** 503 SERVICE_BUSY: `service` has more in hand than its limits. */
export function serviceBusy(service: string): CommandReply {
  return failure({
    status: 503,
    code: ErrorCode.SERVICE_BUSY,
    message: `service ${service} is busy; retry shortly`,
    details: { retryAfterSeconds: RETRY_AFTER_SECONDS },
  });
}

function failure(error: ErrorBody): CommandReply {
  return { ok: false, error };
}
