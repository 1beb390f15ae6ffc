import { randomInt } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * W3C Bitstring Status List v1.0: one bit per credential (statusSize 1), index 0 the left-most
 * bit (the high bit of the first byte). Published as `encodedList`: multibase base64url (`u`,
 * no padding) of the GZIP-compressed bitstring.
 */

/** The spec's minimum: 131,072 entries (16 KB), so one credential hides among many. */
export const STATUS_LIST_MIN_LENGTH = 131_072;
/** What a verifier expands at most (a gzip bomb must not take the memory): 16 MiB of bits. */
export const STATUS_LIST_MAX_BYTES = 16 * 1024 * 1024;

export type StatusListErrorCode =
  | 'STATUS_LIST_MALFORMED'
  | 'STATUS_LIST_LENGTH'
  | 'STATUS_INDEX_OUT_OF_RANGE'
  | 'STATUS_ENTRY_MALFORMED'
  | 'STATUS_PURPOSE_MISMATCH'
  | 'STATUS_LIST_FULL';

/** A status problem with a stable `code` (what the verify endpoint reports). */
export class StatusListError extends Error {
  override name = 'StatusListError';
  constructor(
    readonly code: StatusListErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export class StatusList {
  readonly #bytes: Uint8Array;

  /** An empty list (all bits clear) of `length` entries, a multiple of 8 and ≥ 131,072. */
  constructor(length: number = STATUS_LIST_MIN_LENGTH, bytes?: Uint8Array) {
    if (!Number.isSafeInteger(length) || length < STATUS_LIST_MIN_LENGTH || length % 8 !== 0)
      throw new StatusListError(
        'STATUS_LIST_LENGTH',
        `a status list has at least ${STATUS_LIST_MIN_LENGTH} entries, a multiple of 8 (got ${length})`,
      );
    if (bytes && bytes.length * 8 !== length)
      throw new StatusListError('STATUS_LIST_LENGTH', 'the bytes do not match the length');
    this.#bytes = bytes ? new Uint8Array(bytes) : new Uint8Array(length / 8);
  }

  get length(): number {
    return this.#bytes.length * 8;
  }

  get(index: number): boolean {
    this.#check(index);
    return (this.#bytes[index >> 3]! & (0x80 >> (index & 7))) !== 0;
  }

  /** Sets (revoked / suspended) or clears (reinstated, for suspension) the bit at `index`. */
  set(index: number, value = true): void {
    this.#check(index);
    if (value) this.#bytes[index >> 3]! |= 0x80 >> (index & 7);
    else this.#bytes[index >> 3]! &= ~(0x80 >> (index & 7));
  }

  clear(index: number): void {
    this.set(index, false);
  }

  /** How many bits are set. */
  count(): number {
    let n = 0;
    for (const byte of this.#bytes) for (let b = byte; b; b &= b - 1) n++;
    return n;
  }

  /** A copy of the raw bitstring (to store the list). */
  toBytes(): Uint8Array {
    return new Uint8Array(this.#bytes);
  }

  /** `encodedList`: `u` + base64url (no padding) of the gzip of the bitstring. */
  encode(): string {
    // mtime 0 and a fixed level: the same list always encodes to the same text (cacheable).
    return 'u' + gzipSync(this.#bytes, { level: 9 }).toString('base64url');
  }

  /** A verifier's view of an `encodedList`; a StatusListError for anything malformed. */
  static decode(encodedList: unknown, maxBytes = STATUS_LIST_MAX_BYTES): StatusList {
    if (typeof encodedList !== 'string' || !encodedList.startsWith('u'))
      throw new StatusListError(
        'STATUS_LIST_MALFORMED',
        'encodedList must be multibase base64url (starting with "u")',
      );
    const body = encodedList.slice(1);
    if (!/^[A-Za-z0-9_-]+$/.test(body))
      throw new StatusListError('STATUS_LIST_MALFORMED', 'encodedList is not base64url');
    let bytes: Buffer;
    try {
      bytes = gunzipSync(Buffer.from(body, 'base64url'), { maxOutputLength: maxBytes });
    } catch (err) {
      const tooLarge = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      throw new StatusListError(
        tooLarge ? 'STATUS_LIST_LENGTH' : 'STATUS_LIST_MALFORMED',
        tooLarge
          ? `encodedList expands to more than ${maxBytes} bytes`
          : 'encodedList is not GZIP data',
      );
    }
    if (bytes.length * 8 < STATUS_LIST_MIN_LENGTH)
      throw new StatusListError(
        'STATUS_LIST_LENGTH',
        `the status list has ${bytes.length * 8} entries, fewer than the ${STATUS_LIST_MIN_LENGTH} required`,
      );
    return new StatusList(bytes.length * 8, bytes);
  }

  #check(index: number): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.length)
      throw new StatusListError(
        'STATUS_INDEX_OUT_OF_RANGE',
        `status index ${index} is outside the list (0-${this.length - 1})`,
      );
  }
}

/**
 * Hands out the indexes of one list at random (crypto random, herd privacy: neighbouring
 * indexes say nothing about issue order), never the same one twice. `taken` restores the
 * allocations already stored.
 */
export class StatusIndexAllocator {
  readonly #taken: StatusList;
  #free: number;

  constructor(length: number = STATUS_LIST_MIN_LENGTH, taken: Iterable<number> = []) {
    this.#taken = new StatusList(length);
    for (const index of taken) this.#taken.set(index);
    this.#free = length - this.#taken.count();
  }

  get length(): number {
    return this.#taken.length;
  }

  /** Indexes still to hand out. */
  get free(): number {
    return this.#free;
  }

  isTaken(index: number): boolean {
    return this.#taken.get(index);
  }

  /** A fresh random index; a StatusListError (`STATUS_LIST_FULL`) when none is left. */
  allocate(): number {
    if (this.#free === 0)
      throw new StatusListError('STATUS_LIST_FULL', 'every index of this status list is taken');
    // Random probes while the list is sparse; once they keep hitting, the n-th free index for a
    // random n (uniform among the free ones, one pass over the list).
    for (let attempt = 0; attempt < 32; attempt++) {
      const index = randomInt(this.length);
      if (!this.#taken.get(index)) return this.#take(index);
    }
    let skip = randomInt(this.#free);
    for (let index = 0; index < this.length; index++)
      if (!this.#taken.get(index) && skip-- === 0) return this.#take(index);
    throw new StatusListError('STATUS_LIST_FULL', 'every index of this status list is taken');
  }

  #take(index: number): number {
    this.#taken.set(index);
    this.#free--;
    return index;
  }
}
