import { Empty, headers, type Msg, type MsgHdrs, type NatsConnection } from '@nats-io/nats-core';
import type { CommandReply } from '@balanse/contracts';
import { Reassembly, replyIncomplete, splitBytes } from './large-messages';

/**
 * Headers of the large-message exchange over NATS. An ordinary call carries none, so its bytes
 * on the wire are what they were before large calls existed.
 */
export const LargeHeader = {
  /** On a command: the caller opted in, so the answer comes in chunks and a sentinel. */
  large: 'Balanse-Large',
  /** On the first chunk of an answer, and the first part of a command: the message's bytes. */
  bytes: 'Balanse-Bytes',
  /** On the first part of a command sent in parts: the upload's id and its number of parts. */
  upload: 'Balanse-Upload',
  parts: 'Balanse-Parts',
  /** On each later part: its index (1, 2, …). */
  part: 'Balanse-Part',
  /** A service's answer to a part but the last: send the next. */
  ack: 'Balanse-Ack',
} as const;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Headers with `values` set. */
export function largeHeaders(values: Partial<Record<keyof typeof LargeHeader, string>>): MsgHdrs {
  const h = headers();
  for (const [key, value] of Object.entries(values))
    h.set(LargeHeader[key as keyof typeof LargeHeader], value as string);
  return h;
}

/** Answers `msg` with one message: an error before any chunk, or a command that fits. */
export function respondWhole(msg: Msg, reply: CommandReply | string): void {
  msg.respond(encoder.encode(typeof reply === 'string' ? reply : JSON.stringify(reply)));
}

/**
 * Answers a large call: the encoded answer in chunks of at most `chunkBytes` (the first one
 * saying how many bytes there are in all), then an empty sentinel.
 */
export function respondInChunks(msg: Msg, json: string, chunkBytes: number): void {
  const bytes = encoder.encode(json);
  const [first, ...rest] = splitBytes(bytes, chunkBytes);
  msg.respond(first, { headers: largeHeaders({ bytes: String(bytes.length) }) });
  for (const chunk of rest) msg.respond(chunk);
  msg.respond(Empty);
}

/**
 * Sends `data` to `subject` and collects a chunked answer until its sentinel, within
 * `maxWaitMs`. Undefined if the sentinel did not come in time; a message without the size
 * header is an answer whole (an error answered before any chunk). Bus errors (no responders,
 * connection lost) reject as from `nc.request`.
 */
export async function requestInChunks(
  nc: NatsConnection,
  subject: string,
  data: Uint8Array,
  hdrs: MsgHdrs,
  maxWaitMs: number,
  service: string,
): Promise<CommandReply | undefined> {
  const replies = await nc.requestMany(subject, data, {
    strategy: 'sentinel',
    maxWait: maxWaitMs,
    headers: hdrs,
  });
  let answer: Reassembly | undefined;
  for await (const msg of replies) {
    if (!answer) {
      const total = msg.headers?.get(LargeHeader.bytes);
      if (!total) return parseReply(msg.data);
      answer = new Reassembly(Number(total));
    }
    if (msg.data.length === 0) {
      if (!answer.complete)
        return replyIncomplete(service, answer.receivedBytes, answer.expectedBytes);
      return parseReply(answer.text());
    }
    if (!answer.add(msg.data))
      return replyIncomplete(service, answer.receivedBytes, answer.expectedBytes);
  }
  return undefined;
}

function parseReply(encoded: Uint8Array | string): CommandReply {
  return JSON.parse(
    typeof encoded === 'string' ? encoded : decoder.decode(encoded),
  ) as CommandReply;
}
