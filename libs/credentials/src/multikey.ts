import bs58 from 'bs58';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * Ed25519 keys in the Multikey form (W3C Controlled Identifiers / Data Integrity EdDSA):
 * `z` (multibase base58btc) + the multicodec varint + the 32 raw bytes. Public keys start
 * `z6Mk` (ed25519-pub, 0xed01), secret keys `z3u2` (ed25519-priv 0x1300, varint 0x80 0x26).
 */
const ED25519_PUB = Buffer.from([0xed, 0x01]);
const ED25519_PRIV = Buffer.from([0x80, 0x26]);
export const ED25519_KEY_BYTES = 32;

// DER wrappers around a raw key, so node:crypto's own Ed25519 does the work (no ESM package).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A Multikey value that is not what it should be; the message never includes the value. */
export class MultikeyError extends Error {
  override name = 'MultikeyError';
}

function decodeMultibase(
  value: string,
  prefix: Buffer,
  what: string,
  lengths = [ED25519_KEY_BYTES],
): Buffer {
  if (typeof value !== 'string' || !value.startsWith('z'))
    throw new MultikeyError(`${what} must be multibase base58btc (starting with "z")`);
  let bytes: Uint8Array;
  try {
    bytes = bs58.decode(value.slice(1));
  } catch {
    throw new MultikeyError(`${what} is not valid base58btc`);
  }
  if (
    !lengths.includes(bytes.length - prefix.length) ||
    !prefix.equals(bytes.subarray(0, prefix.length))
  )
    throw new MultikeyError(
      `${what} is not an Ed25519 key (multicodec 0x${prefix.toString('hex')} + ${lengths.join(' or ')} bytes)`,
    );
  return Buffer.from(bytes.subarray(prefix.length));
}

const encodeMultibase = (prefix: Buffer, raw: Uint8Array) =>
  'z' + bs58.encode(Buffer.concat([prefix, raw]));

/** The raw 32-byte Ed25519 public key of a `publicKeyMultibase` (`z6Mk…`). */
export const publicKeyBytesFromMultibase = (value: string): Buffer =>
  decodeMultibase(value, ED25519_PUB, 'publicKeyMultibase');

/** `publicKeyMultibase` of a raw 32-byte Ed25519 public key. */
export function publicKeyMultibase(raw: Uint8Array): string {
  if (raw.length !== ED25519_KEY_BYTES)
    throw new MultikeyError(`an Ed25519 public key is ${ED25519_KEY_BYTES} bytes`);
  return encodeMultibase(ED25519_PUB, raw);
}

/**
 * The 32-byte seed of a `secretKeyMultibase`: the seed alone (`z3u2…`, the EdDSA spec's form) or
 * seed + public key (`zrv…`, 64 bytes, what `@digitalbazaar/ed25519-multikey` exports), whose
 * public half must match the seed.
 */
export function seedFromSecretMultibase(value: string): Buffer {
  const bytes = decodeMultibase(value, ED25519_PRIV, 'secretKeyMultibase', [
    ED25519_KEY_BYTES,
    2 * ED25519_KEY_BYTES,
  ]);
  const seed = bytes.subarray(0, ED25519_KEY_BYTES);
  if (
    bytes.length === 2 * ED25519_KEY_BYTES &&
    !rawPublicKey(privateKeyFromSeed(seed)).equals(bytes.subarray(ED25519_KEY_BYTES))
  )
    throw new MultikeyError('secretKeyMultibase: its public half does not match its seed');
  return Buffer.from(seed);
}

/** `secretKeyMultibase` of a 32-byte Ed25519 seed. */
export function secretKeyMultibase(seed: Uint8Array): string {
  if (seed.length !== ED25519_KEY_BYTES)
    throw new MultikeyError(`an Ed25519 secret key is ${ED25519_KEY_BYTES} bytes`);
  return encodeMultibase(ED25519_PRIV, seed);
}

/** node:crypto's private key for a 32-byte seed. */
export const privateKeyFromSeed = (seed: Uint8Array): KeyObject =>
  createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });

/** node:crypto's public key for 32 raw bytes (what a verifier has). */
export const publicKeyFromBytes = (raw: Uint8Array): KeyObject =>
  createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });

/** The raw 32 bytes of an Ed25519 key object's public key. */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || !jwk.x) throw new MultikeyError('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

/** The 32-byte seed of an Ed25519 private key object. */
export function rawSeed(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || !jwk.d) throw new MultikeyError('not an Ed25519 private key');
  return Buffer.from(jwk.d, 'base64url');
}
