import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

/** AES-256: a key is 32 bytes. */
export const SECRETS_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const B64URL = '[A-Za-z0-9_-]';
/** `v1.<key id>.<iv>.<ciphertext+tag>`, every part base64url. */
const SEALED = new RegExp(`^v1\\.(${B64URL}{8})\\.(${B64URL}{16})\\.(${B64URL}{22,})$`);

/**
 * A key's id: the start of a hash of the key, so nothing but the key has to be configured and a
 * sealed value names the key that opens it (the id does not reveal the key).
 */
export function secretsKeyId(key: Buffer): string {
  return createHash('sha256')
    .update('balanse-secrets-key-id\0')
    .update(key)
    .digest()
    .subarray(0, 6)
    .toString('base64url');
}

/** Why a sealed value did not open; `code` is stable, the message names no secret. */
export class SecretUnreadable extends Error {
  override name = 'SecretUnreadable';
  constructor(
    readonly code: 'MALFORMED' | 'UNKNOWN_KEY' | 'TAMPERED',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Secrets that must be used again as they were (an HMAC key), so they cannot be hashed: sealed
 * with AES-256-GCM under the current key, opened with the current or a previous one (rotation).
 * `context` (e.g. the owning row's id) is bound as associated data: a sealed value copied to
 * another row does not open there.
 */
export class SecretKeys {
  readonly #current: Buffer;
  readonly #byId = new Map<string, Buffer>();
  /** The id new values are sealed under. */
  readonly currentId: string;

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    for (const key of [current, ...previous])
      if (key.length !== SECRETS_KEY_BYTES)
        throw new Error(`a secrets key is ${SECRETS_KEY_BYTES} bytes, got ${key.length}`);
    this.#current = current;
    this.currentId = secretsKeyId(current);
    for (const key of [current, ...previous]) {
      const id = secretsKeyId(key);
      if (!this.#byId.has(id)) this.#byId.set(id, key);
    }
  }

  /** A fresh random key (for data that lives only in memory). */
  static random(): SecretKeys {
    return new SecretKeys(randomBytes(SECRETS_KEY_BYTES));
  }

  /** Ids of every key that opens values, the current one first. */
  get keyIds(): string[] {
    return [...this.#byId.keys()];
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#current, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(context));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const body = Buffer.concat([sealed, cipher.getAuthTag()]).toString('base64url');
    return `v1.${this.currentId}.${iv.toString('base64url')}.${body}`;
  }

  /** The plaintext, or a SecretUnreadable (malformed, sealed under a key not configured, or altered). */
  open(sealed: string, context: string): string {
    const parts = SEALED.exec(sealed);
    if (!parts) throw new SecretUnreadable('MALFORMED', 'not a v1 sealed value');
    const [, id, ivText, bodyText] = parts as unknown as [string, string, string, string];
    const key = this.#byId.get(id);
    if (!key)
      throw new SecretUnreadable('UNKNOWN_KEY', `sealed under key ${id}, which is not configured`);
    const body = Buffer.from(bodyText, 'base64url');
    if (body.length < TAG_BYTES) throw new SecretUnreadable('MALFORMED', 'too short');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(aad(context));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(body.subarray(0, body.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SecretUnreadable('TAMPERED', `does not verify under key ${id} (altered or moved)`);
    }
  }

  /** Whether `sealed` is under the current key (else a start-up step may seal it again). */
  isCurrent(sealed: string): boolean {
    return SEALED.exec(sealed)?.[1] === this.currentId;
  }

  /** Logged or printed by mistake, it shows key ids only. */
  [inspect.custom](): string {
    return `SecretKeys { current: ${this.currentId}, keys: ${this.keyIds.join(', ')} }`;
  }

  toJSON(): { current: string; keys: string[] } {
    return { current: this.currentId, keys: this.keyIds };
  }
}

const aad = (context: string) => Buffer.from(`balanse-secret\0${context}`, 'utf8');
