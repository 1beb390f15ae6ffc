import { ErrorCode, type CommandReply } from '@balanse/contracts';

/**
 * The largest command or answer, encoded, that a call opted in with `{ large: true }` may move:
 * over NATS in chunks each within the bus's max payload, in-process whole. Over it, the same 413s
 * as an ordinary call over the max payload.
 */
export const MAX_LARGE_MESSAGE_BYTES = 64 * 1024 * 1024;

/** Room left in each chunk for the message's headers, which count against the max payload. */
export const CHUNK_HEADROOM_BYTES = 4 * 1024;

/** How one command travels; ordinary calls pass none. */
export interface CommandRequestOptions {
  /** The command and its answer may be up to MAX_LARGE_MESSAGE_BYTES, moved in chunks. */
  large?: boolean;
}

/** The bytes of one chunk on a bus whose max payload is `maxPayloadBytes`. */
export function chunkBytes(maxPayloadBytes: number): number {
  return Math.max(1024, maxPayloadBytes - CHUNK_HEADROOM_BYTES);
}

/** `bytes` cut in pieces of at most `size` bytes (views, not copies); at least one piece. */
export function splitBytes(bytes: Uint8Array, size: number): Uint8Array[] {
  if (bytes.length <= size) return [bytes];
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return pieces;
}

/**
 * Collects the chunks of one message of `expectedBytes`, refusing any byte beyond. The text is
 * decoded once from all the bytes: a chunk boundary may fall inside a UTF-8 character.
 */
export class Reassembly {
  private readonly chunks: Uint8Array[] = [];
  private received = 0;

  constructor(readonly expectedBytes: number) {}

  /** False, keeping nothing, if the chunk would take the message past its size. */
  add(chunk: Uint8Array): boolean {
    if (this.received + chunk.length > this.expectedBytes) return false;
    this.chunks.push(chunk);
    this.received += chunk.length;
    return true;
  }

  get receivedBytes(): number {
    return this.received;
  }

  get complete(): boolean {
    return this.received === this.expectedBytes;
  }

  text(): string {
    return Buffer.concat(this.chunks, this.received).toString('utf8');
  }
}

/** 400 for a large command whose parts do not make up the message they announced. */
export function chunksInvalid(message: string, details: Record<string, unknown>): CommandReply {
  return {
    ok: false,
    error: { status: 400, code: ErrorCode.CHUNKED_MESSAGE_INVALID, message, details },
  };
}

/** 502 for a large answer that arrived with bytes missing: a chunk was lost on the bus. */
export function replyIncomplete(
  service: string,
  receivedBytes: number,
  expectedBytes: number,
): CommandReply {
  return {
    ok: false,
    error: {
      status: 502,
      code: ErrorCode.REPLY_INCOMPLETE,
      message: `the answer of service ${service} arrived incomplete (${receivedBytes} of ${expectedBytes} bytes); the command may have taken effect`,
      details: { receivedBytes, expectedBytes },
    },
  };
}
