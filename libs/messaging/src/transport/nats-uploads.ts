import { errors, nuid, type Msg, type NatsConnection, type Subscription } from '@nats-io/nats-core';
import type { Logger } from '@nestjs/common';
import type { CommandReply } from '@balanse/contracts';
import { uploadsDropped } from '../metrics';
import { requestTooLarge, serviceBusy, type CommandGate } from './command-gate';
import { chunksInvalid, Reassembly, splitBytes } from './large-messages';
import {
  LargeHeader,
  largeHeaders,
  requestInChunks,
  respondInChunks,
  respondWhole,
} from './nats-chunks';
import { unavailableReply } from './transport';

/**
 * The later parts of a large command go to `balanse.parts.<service>.<uploadId>`, which only the
 * replica holding the upload subscribes to. Not under `balanse.cmd.<service>.>`: NATS picks one
 * member of a queue group among all the group's subscriptions that match a subject, so the
 * service's own `balanse.cmd.<service>.>` subscriptions would take most parts meant for it.
 */
export const PARTS_PREFIX = 'balanse.parts';

export function partsSubject(service: string, uploadId: string): string {
  return `${PARTS_PREFIX}.${service}.${uploadId}`;
}

/** How many large commands a process holds while their parts arrive, and for how long. */
export interface UploadLimits {
  /** Uploads in hand at once (receiving, or running); beyond, 503 SERVICE_BUSY. */
  maxUploads: number;
  /** An upload with no part for this long is dropped and its memory freed. */
  idleMs: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxUploads: 4, idleMs: 30_000 };

const decoder = new TextDecoder();

/**
 * Sends a large command in parts: the first to the command's subject (its queue group picks the
 * replica), which answers "ready" once it listens on the upload's subject; every later part is
 * a request the replica acknowledges (flow control), and the last one is answered with the
 * command's answer, in chunks. Undefined if `deadline` passes first.
 */
export async function sendInParts(
  nc: NatsConnection,
  subject: string,
  service: string,
  data: Uint8Array,
  chunkBytes: number,
  deadline: number,
): Promise<CommandReply | undefined> {
  const parts = splitBytes(data, chunkBytes);
  const id = nuid.next();
  const left = () => deadline - Date.now();
  const first = largeHeaders({
    large: '1',
    upload: id,
    parts: String(parts.length),
    bytes: String(data.length),
  });
  const ready = await nc.request(subject, parts[0]!, { timeout: left(), headers: first });
  if (!ready.headers?.has(LargeHeader.ack)) return parseWhole(ready);
  const to = partsSubject(service, id);
  try {
    for (let k = 1; k < parts.length; k++) {
      if (left() < 1) return undefined;
      const hdrs = largeHeaders({ part: String(k) });
      if (k === parts.length - 1)
        return await requestInChunks(nc, to, parts[k]!, hdrs, left(), service);
      const ack = await nc.request(to, parts[k]!, { timeout: left(), headers: hdrs });
      if (!ack.headers?.has(LargeHeader.ack)) return parseWhole(ack);
    }
  } catch (err) {
    if (!isNoResponders(err)) throw err;
    return unavailableReply(
      service,
      'dropped the upload of a large command (idle too long, or restarted); send it again',
    );
  }
  return undefined;
}

function parseWhole(msg: Msg): CommandReply {
  return JSON.parse(decoder.decode(msg.data)) as CommandReply;
}

export function isNoResponders(err: unknown): boolean {
  return (
    err instanceof errors.NoRespondersError ||
    (err instanceof errors.RequestError && err.isNoResponders())
  );
}

interface Upload {
  id: string;
  subject: string;
  gate: CommandGate;
  parts: number;
  /** The index of the part expected next. */
  next: number;
  whole: Reassembly;
  sub?: Subscription;
  timer?: NodeJS.Timeout;
}

/**
 * A service replica's side of large commands sent in parts: at most `maxUploads` in hand, each
 * dropped after `idleMs` without a part, parts checked for order and size (400
 * CHUNKED_MESSAGE_INVALID, and the upload dropped). The whole command then runs through the
 * service's CommandGate as if it had come in one message.
 */
export class UploadDesk {
  private readonly uploads = new Map<string, Upload>();

  constructor(
    private readonly nc: NatsConnection,
    private readonly service: string,
    private readonly limits: UploadLimits,
    private readonly chunkBytes: number,
    private readonly maxLargeMessageBytes: number,
    private readonly log: Logger,
  ) {}

  /** Uploads this desk holds (receiving or running). */
  get inHand(): number {
    return this.uploads.size;
  }

  /** The first part of a large command, as it came on the command's subject. */
  begin(msg: Msg, gate: CommandGate): void {
    const h = msg.headers!;
    const id = h.get(LargeHeader.upload);
    const parts = Number(h.get(LargeHeader.parts));
    const bytes = Number(h.get(LargeHeader.bytes));
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id) || this.uploads.has(id))
      return respondWhole(msg, chunksInvalid('the upload id is not valid', { field: 'upload' }));
    if (!Number.isSafeInteger(bytes) || bytes < 1)
      return respondWhole(msg, chunksInvalid('the size is not valid', { field: 'bytes' }));
    if (bytes > this.maxLargeMessageBytes)
      return respondWhole(msg, requestTooLarge(bytes, this.maxLargeMessageBytes, true));
    if (!Number.isSafeInteger(parts) || parts < 2 || parts > bytes)
      return respondWhole(msg, chunksInvalid('the number of parts is not valid', { parts, bytes }));
    if (this.uploads.size >= this.limits.maxUploads)
      return respondWhole(msg, serviceBusy(this.service));
    const upload: Upload = {
      id,
      subject: msg.subject,
      gate,
      parts,
      next: 1,
      whole: new Reassembly(bytes),
    };
    if (!upload.whole.add(msg.data))
      return respondWhole(msg, chunksInvalid('the first part is larger than the size', { bytes }));
    this.uploads.set(id, upload);
    // Subscribed before "ready" goes out: the server sees the two in order on this connection.
    upload.sub = this.nc.subscribe(partsSubject(this.service, id), {
      callback: (err, part) => {
        if (err) return;
        try {
          this.receive(upload, part);
        } catch (respondErr) {
          // The connection closed meanwhile; the caller gets its timeout or 503.
          this.log.warn(`part of ${upload.subject} not answered: ${(respondErr as Error).message}`);
        }
      },
    });
    this.touch(upload);
    msg.respond(undefined, { headers: largeHeaders({ ack: '1' }) });
  }

  private receive(upload: Upload, msg: Msg): void {
    const index = Number(msg.headers?.get(LargeHeader.part));
    if (index !== upload.next)
      return this.refuse(
        upload,
        msg,
        chunksInvalid(`part ${index} arrived where part ${upload.next} was expected`, {
          expected: upload.next,
          received: index,
        }),
      );
    if (!upload.whole.add(msg.data))
      return this.refuse(
        upload,
        msg,
        chunksInvalid('the parts are larger than the size announced', {
          bytes: upload.whole.expectedBytes,
        }),
      );
    upload.next++;
    if (upload.next < upload.parts) {
      this.touch(upload);
      msg.respond(undefined, { headers: largeHeaders({ ack: '1' }) });
      return;
    }
    this.stopListening(upload);
    if (!upload.whole.complete)
      return this.refuse(
        upload,
        msg,
        chunksInvalid('the parts are smaller than the size announced', {
          bytes: upload.whole.expectedBytes,
          received: upload.whole.receivedBytes,
        }),
      );
    // In hand until answered, so that the uploads' limit bounds the memory they hold.
    void upload.gate
      .answer(upload.subject, upload.whole.text(), { large: true })
      .then((json) => respondInChunks(msg, json, this.chunkBytes))
      .catch((err: Error) => this.log.warn(`answer to ${upload.subject} not sent: ${err.message}`))
      .finally(() => this.uploads.delete(upload.id));
  }

  private refuse(upload: Upload, msg: Msg, reply: CommandReply): void {
    this.forget(upload);
    respondWhole(msg, reply);
  }

  /** (Re)starts the idle timer. */
  private touch(upload: Upload): void {
    clearTimeout(upload.timer);
    upload.timer = setTimeout(() => {
      this.log.warn(
        `large command ${upload.id} for ${upload.subject} sent no part for ${this.limits.idleMs} ms (${upload.whole.receivedBytes} of ${upload.whole.expectedBytes} bytes); dropped`,
      );
      uploadsDropped.inc({ service: this.service });
      this.forget(upload);
    }, this.limits.idleMs);
  }

  private stopListening(upload: Upload): void {
    clearTimeout(upload.timer);
    upload.sub?.unsubscribe();
  }

  private forget(upload: Upload): void {
    this.stopListening(upload);
    this.uploads.delete(upload.id);
  }

  /** Drops every upload (the transport closes). */
  close(): void {
    for (const upload of [...this.uploads.values()]) this.forget(upload);
  }
}
