import { createHash, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { inspect } from 'node:util';
import {
  privateKeyFromSeed,
  publicKeyBytesFromMultibase,
  publicKeyFromBytes,
  publicKeyMultibase,
  rawPublicKey,
  rawSeed,
  secretKeyMultibase,
} from '@balanse/credentials';

/** A key id: the fragment of its verification method (`did:web:…#<id>`). */
export const ISSUER_KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** What anyone may see of an issuer key: its id and public key. */
export interface IssuerPublicKey {
  readonly id: string;
  /** Multikey form, `z6Mk…`. */
  readonly publicKeyMultibase: string;
}

/** One configured key pair: the seed stays inside this object. */
export class IssuerKey implements IssuerPublicKey {
  readonly publicKeyMultibase: string;
  readonly publicKey: KeyObject;
  readonly #privateKey: KeyObject;

  constructor(
    readonly id: string,
    seed: Uint8Array,
  ) {
    if (!ISSUER_KEY_ID.test(id))
      throw new Error(
        'an issuer key id is 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit',
      );
    this.#privateKey = privateKeyFromSeed(seed);
    const raw = rawPublicKey(this.#privateKey);
    this.publicKey = publicKeyFromBytes(raw);
    this.publicKeyMultibase = publicKeyMultibase(raw);
  }

  /** A fresh key pair; without an id, one derived from the public key (`key-<8 chars>`). */
  static generate(id?: string): IssuerKey {
    const { privateKey } = generateKeyPairSync('ed25519');
    const seed = rawSeed(privateKey);
    return new IssuerKey(id ?? defaultKeyId(rawPublicKey(privateKey)), seed);
  }

  /** An Ed25519 signature (64 bytes) of `data`. */
  sign(data: Uint8Array): Buffer {
    return sign(null, data, this.#privateKey);
  }

  verify(data: Uint8Array, signature: Uint8Array): boolean {
    return verifySignature(this.publicKey, data, signature);
  }

  /** The secret in Multikey form (`z3u2…`), for the signer and the key file; never logged. */
  get secretKeyMultibase(): string {
    return secretKeyMultibase(rawSeed(this.#privateKey));
  }

  /** The line that configures this key (`<id>=<secretKeyMultibase>`): secret, for a key file. */
  toConfigLine(): string {
    return `${this.id}=${this.secretKeyMultibase}`;
  }

  toPublic(): IssuerPublicKey {
    return { id: this.id, publicKeyMultibase: this.publicKeyMultibase };
  }

  [inspect.custom](): string {
    return `IssuerKey { id: ${this.id}, publicKeyMultibase: ${this.publicKeyMultibase} }`;
  }

  toJSON(): IssuerPublicKey {
    return this.toPublic();
  }
}

/** A readable id that names the key without revealing anything secret. */
export function defaultKeyId(publicKey: Uint8Array): string {
  return `key-${createHash('sha256').update(publicKey).digest('base64url').slice(0, 8)}`;
}

/** Ed25519 verification that answers false (never throws) for a malformed signature. */
export function verifySignature(
  publicKey: KeyObject,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, data, publicKey, signature);
  } catch {
    return false;
  }
}

/** Verifies with a `publicKeyMultibase` (what a DID document gives a verifier). */
export function verifyWithMultikey(
  publicKeyMultibaseValue: string,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  return verifySignature(
    publicKeyFromBytes(publicKeyBytesFromMultibase(publicKeyMultibaseValue)),
    data,
    signature,
  );
}

/**
 * The issuer's keys: the current one signs new credentials, every one (current first) stays in
 * the DID document so credentials signed before a rotation still verify.
 */
export class IssuerKeys {
  readonly #byId = new Map<string, IssuerKey>();

  constructor(keys: readonly IssuerKey[]) {
    if (keys.length === 0) throw new Error('at least one issuer key is needed');
    const seen = new Set<string>();
    for (const key of keys) {
      if (this.#byId.has(key.id)) throw new Error(`two issuer keys have the id ${key.id}`);
      if (seen.has(key.publicKeyMultibase))
        throw new Error(`issuer key ${key.id} is the same key as an earlier one`);
      seen.add(key.publicKeyMultibase);
      this.#byId.set(key.id, key);
    }
  }

  /** The key new credentials are signed with. */
  get current(): IssuerKey {
    return this.#byId.values().next().value as IssuerKey;
  }

  /** Every key, the current one first. */
  get all(): IssuerKey[] {
    return [...this.#byId.values()];
  }

  get ids(): string[] {
    return [...this.#byId.keys()];
  }

  find(id: string): IssuerKey | undefined {
    return this.#byId.get(id);
  }

  /** Signs with the current key; the key id goes into the proof's verification method. */
  sign(data: Uint8Array): { keyId: string; signature: Buffer } {
    const key = this.current;
    return { keyId: key.id, signature: key.sign(data) };
  }

  /** False for a key id not configured, as for a wrong signature. */
  verify(keyId: string, data: Uint8Array, signature: Uint8Array): boolean {
    return this.#byId.get(keyId)?.verify(data, signature) ?? false;
  }

  /** The public keys for the DID document, current first. */
  publicKeys(): IssuerPublicKey[] {
    return this.all.map((key) => key.toPublic());
  }

  /** The whole key file (secret): one `<id>=<secretKeyMultibase>` line per key, current first. */
  toConfig(): string {
    return this.all.map((key) => key.toConfigLine()).join('\n') + '\n';
  }

  [inspect.custom](): string {
    return `IssuerKeys { current: ${this.current.id}, keys: ${this.ids.join(', ')} }`;
  }

  toJSON(): { current: string; keys: IssuerPublicKey[] } {
    return { current: this.current.id, keys: this.publicKeys() };
  }
}
