import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import {
  ED25519_PRIV_PREFIX,
  ED25519_PUB_PREFIX,
  multibaseDecode,
  multibaseEncode,
} from './multibase';

/** An Ed25519 key pair in Multikey form (`z6Mk…` public, `zrv…` secret), with its method id. */
export interface Ed25519Multikey {
  /** The verification method id, e.g. `did:web:example.org#key-1`. */
  id: string;
  /** The DID (or URL) that controls the key: the issuer. */
  controller: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

// DER headers around a raw 32-byte Ed25519 key (RFC 8410), so node:crypto can import it.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function withPrefix(prefix: Uint8Array, raw: Uint8Array): Uint8Array {
  return Uint8Array.from([...prefix, ...raw]);
}

function rawFromMultikey(
  multibase: string,
  prefix: Uint8Array,
  lengths = [32],
): Buffer | undefined {
  const bytes = multibaseDecode(multibase);
  if (
    !bytes ||
    !lengths.includes(bytes.length - 2) ||
    bytes[0] !== prefix[0] ||
    bytes[1] !== prefix[1]
  ) {
    return undefined;
  }
  // A 64-byte secret is the seed followed by the public key: the seed is what signs.
  return Buffer.from(bytes.subarray(2, 34));
}

export function generateEd25519Multikey(controller: string, fragment = 'key-1'): Ed25519Multikey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return multikeyFromPrivateKey(privateKey, controller, fragment);
}

export function multikeyFromPrivateKey(
  privateKey: KeyObject,
  controller: string,
  fragment = 'key-1',
): Ed25519Multikey {
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
  const pub = createPublicKey(privateKey)
    .export({ format: 'der', type: 'spki' })
    .subarray(SPKI_PREFIX.length);
  return {
    id: `${controller}#${fragment}`,
    controller,
    publicKeyMultibase: multibaseEncode(withPrefix(ED25519_PUB_PREFIX, pub)),
    secretKeyMultibase: multibaseEncode(withPrefix(ED25519_PRIV_PREFIX, seed)),
  };
}

export function privateKeyFromMultibase(secretKeyMultibase: string): KeyObject {
  // Parsing a key costs about 1 ms, a tenth of a signature; an issuer signs with few keys.
  const cached = privateKeys.get(secretKeyMultibase);
  if (cached) return cached;
  const seed = rawFromMultikey(secretKeyMultibase, ED25519_PRIV_PREFIX, [32, 64]);
  if (!seed) throw new RangeError('secretKeyMultibase is not an Ed25519 Multikey secret key');
  const key = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  if (privateKeys.size >= 16) privateKeys.clear();
  privateKeys.set(secretKeyMultibase, key);
  return key;
}

/** Parsed signing keys, by their secret (in memory only, as the secret already is). */
const privateKeys = new Map<string, KeyObject>();

/** The public key of a `z6Mk…` Multikey, or undefined when it is not an Ed25519 one. */
export function publicKeyFromMultibase(publicKeyMultibase: string): KeyObject | undefined {
  const raw = rawFromMultikey(publicKeyMultibase, ED25519_PUB_PREFIX);
  if (!raw) return undefined;
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** The verification method as a Multikey document (what a DID document lists). */
export function multikeyDocument(
  key: Pick<Ed25519Multikey, 'id' | 'controller' | 'publicKeyMultibase'>,
) {
  return {
    '@context': 'https://w3id.org/security/multikey/v1',
    id: key.id,
    type: 'Multikey',
    controller: key.controller,
    publicKeyMultibase: key.publicKeyMultibase,
  };
}
