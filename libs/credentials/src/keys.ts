import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  MultikeyError,
  privateKeyFromSeed,
  publicKeyBytesFromMultibase,
  publicKeyFromBytes,
  publicKeyMultibase,
  rawPublicKey,
  rawSeed,
  secretKeyMultibase,
  seedFromSecretMultibase,
} from './multikey';

/** An Ed25519 key pair in Multikey form (`z6Mk…` public, `zrv…` secret), with its method id. */
export interface Ed25519Multikey {
  /** The verification method id, e.g. `did:web:example.org#key-1`. */
  id: string;
  /** The DID (or URL) that controls the key: the issuer. */
  controller: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
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
  return {
    id: `${controller}#${fragment}`,
    controller,
    publicKeyMultibase: publicKeyMultibase(rawPublicKey(privateKey)),
    secretKeyMultibase: secretKeyMultibase(rawSeed(privateKey)),
  };
}

export function privateKeyFromMultibase(secretKeyMultibase: string): KeyObject {
  // Parsing a key costs about 1 ms, a tenth of a signature; an issuer signs with few keys.
  const cached = privateKeys.get(secretKeyMultibase);
  if (cached) return cached;
  const key = privateKeyFromSeed(seedFromSecretMultibase(secretKeyMultibase));
  if (privateKeys.size >= 16) privateKeys.clear();
  privateKeys.set(secretKeyMultibase, key);
  return key;
}

/** Parsed signing keys, by their secret (in memory only, as the secret already is). */
const privateKeys = new Map<string, KeyObject>();

/** The public key of a `z6Mk…` Multikey, or undefined when it is not an Ed25519 one. */
export function publicKeyFromMultibase(publicKeyMultibase: string): KeyObject | undefined {
  // Parsing costs about 0.2 ms, a tenth of a verification; a verifier sees few issuers' keys.
  const cached = publicKeys.get(publicKeyMultibase);
  if (cached) return cached;
  try {
    const key = publicKeyFromBytes(publicKeyBytesFromMultibase(publicKeyMultibase));
    if (publicKeys.size >= 64) publicKeys.clear();
    publicKeys.set(publicKeyMultibase, key);
    return key;
  } catch (err) {
    if (err instanceof MultikeyError) return undefined;
    throw err;
  }
}

/** Parsed public keys, by their Multikey text. */
const publicKeys = new Map<string, KeyObject>();

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
