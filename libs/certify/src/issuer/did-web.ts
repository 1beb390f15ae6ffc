import { MULTIKEY_CONTEXT } from '@balanse/credentials';
import type { IssuerPublicKey } from './issuer-keys';

/**
 * `did:web` (https://w3c-ccg.github.io/did-method-web/): the issuer's DID is its public host
 * (a port percent-encoded as `%3A`), plus the path segments of the base URL and, for a tenant's
 * own issuer, `issuers:<tenant>`. Resolvers fetch `https://<host>/.well-known/did.json` for a
 * bare host, else `https://<host>/<path>/did.json`.
 */
export class DidWebError extends Error {
  override name = 'DidWebError';
}

/** A path segment: what needs no percent-encoding in a DID and a URL alike. */
const SEGMENT = /^[A-Za-z0-9._~-]+$/;

/** The DID of a public base URL (`https://balanse.example` → `did:web:balanse.example`). */
export function didWebFromUrl(publicUrl: string, tenant?: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new DidWebError(`not a URL: ${publicUrl}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new DidWebError(`did:web needs an https URL, got ${url.protocol}`);
  if (url.search || url.hash || url.username || url.password)
    throw new DidWebError('the public URL for did:web takes no query, fragment or credentials');
  if (url.hostname.startsWith('['))
    throw new DidWebError('did:web needs a host name, not an IP v6 address');
  const segments = url.pathname.split('/').filter((s) => s.length > 0);
  for (const segment of segments)
    if (!SEGMENT.test(segment))
      throw new DidWebError(`path segment "${segment}" is not plain (letters, digits, . _ ~ -)`);
  if (tenant !== undefined) {
    if (!SEGMENT.test(tenant))
      throw new DidWebError('a tenant in did:web is letters, digits, ".", "_", "~" or "-"');
    segments.push('issuers', tenant);
  }
  const host = url.hostname.toLowerCase() + (url.port ? `%3A${url.port}` : '');
  return ['did', 'web', host, ...segments].join(':');
}

/** Where a `did:web` DID's document is served (the reverse of didWebFromUrl). */
export function didDocumentUrl(did: string, scheme: 'https' | 'http' = 'https'): string {
  const parts = did.split(':');
  if (parts.length < 3 || parts[0] !== 'did' || parts[1] !== 'web' || !parts[2])
    throw new DidWebError(`not a did:web DID: ${did}`);
  const host = decodeURIComponent(parts[2]);
  const path = parts.slice(3).map((s) => decodeURIComponent(s));
  if (path.some((s) => !SEGMENT.test(s))) throw new DidWebError(`malformed did:web path: ${did}`);
  return path.length === 0
    ? `${scheme}://${host}/.well-known/did.json`
    : `${scheme}://${host}/${path.join('/')}/did.json`;
}

/** The id of a key's verification method (`<did>#<key id>`), what a proof names. */
export const verificationMethodId = (did: string, keyId: string) => `${did}#${keyId}`;

export interface MultikeyVerificationMethod {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

export interface DidDocument {
  '@context': string[];
  id: string;
  verificationMethod: MultikeyVerificationMethod[];
  assertionMethod: string[];
  authentication: string[];
}

export const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';

/**
 * The DID document for `/.well-known/did.json`: every key (current first) as a Multikey
 * verification method, each allowed to assert credentials and to authenticate. Old keys stay so
 * credentials they signed still verify; removing one revokes its signatures.
 */
export function didDocument(did: string, keys: readonly IssuerPublicKey[]): DidDocument {
  if (keys.length === 0) throw new DidWebError('a DID document needs at least one key');
  const methods = keys.map((key): MultikeyVerificationMethod => ({
    id: verificationMethodId(did, key.id),
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: key.publicKeyMultibase,
  }));
  const ids = methods.map((m) => m.id);
  return {
    '@context': [DID_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    verificationMethod: methods,
    assertionMethod: ids,
    authentication: [...ids],
  };
}

/**
 * The key a verification method id names, if the document lists it for `assertionMethod`
 * (a verifier's check that the key is the issuer's and allowed to sign credentials).
 */
export function assertionKey(
  document: DidDocument,
  methodId: string,
): MultikeyVerificationMethod | undefined {
  if (!methodId.startsWith(`${document.id}#`)) return undefined;
  if (!document.assertionMethod.includes(methodId)) return undefined;
  return document.verificationMethod.find((m) => m.id === methodId && m.controller === document.id);
}
