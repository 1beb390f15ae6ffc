import { sign as edSign, verify as edVerify } from 'node:crypto';
import { privateKeyFromMultibase, publicKeyFromMultibase } from './keys';

// VC-JWT as Open Badges 3.0 section 8.2 has it: a compact JWS (RFC 7515) whose payload is a JWT
// claims set with the credential in the `vc` claim and the registered claims `iss` (the issuer),
// `jti` (the credential id), `nbf` (validFrom), `exp` (validUntil) and `sub` (the subject's id, when
// it has one). Signed EdDSA (Ed25519) with node:crypto: a JWS is base64url and one signature, and
// Ed25519 is in node:crypto already, so a JOSE library would add a dependency (jose 6 is ESM-only,
// which jest's CommonJS mode cannot load) and nothing else.

type Json = Record<string, unknown>;

/** The media type of a VC-JWT answer (`Accept: application/vc+jwt`). */
export const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';

/** A compact JWS: three base64url parts; the signature part may be empty only for `alg: none`. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function looksLikeJwt(value: unknown): value is string {
  return typeof value === 'string' && COMPACT_JWS.test(value.trim());
}

const b64 = (value: Json) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const seconds = (iso: unknown) =>
  typeof iso === 'string' && !Number.isNaN(Date.parse(iso))
    ? Math.floor(Date.parse(iso) / 1000)
    : undefined;

function issuerOf(credential: Json): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  const id = (issuer as Json | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The credential as a VC-JWT signed with `key` (`kid` = its verification method id). A Data
 * Integrity `proof` the credential carries is left out: the JWS is the proof.
 */
export function signVcJwt(
  credential: Json,
  key: { id: string; secretKeyMultibase: string },
  options: { issuedAt?: Date } = {},
): string {
  const { proof: _proof, ...vc } = credential;
  void _proof;
  const subject = vc.credentialSubject as Json | undefined;
  const header = { alg: 'EdDSA', typ: 'JWT', kid: key.id };
  const claims: Json = {
    iss: issuerOf(vc),
    ...(typeof vc.id === 'string' ? { jti: vc.id } : {}),
    ...(typeof subject?.id === 'string' ? { sub: subject.id } : {}),
    ...(seconds(vc.validFrom) !== undefined ? { nbf: seconds(vc.validFrom) } : {}),
    ...(seconds(vc.validUntil) !== undefined ? { exp: seconds(vc.validUntil) } : {}),
    iat: Math.floor((options.issuedAt ?? new Date()).getTime() / 1000),
    vc,
  };
  const signingInput = `${b64(header)}.${b64(claims)}`;
  const signature = edSign(
    null,
    Buffer.from(signingInput, 'ascii'),
    privateKeyFromMultibase(key.secretKeyMultibase),
  );
  return `${signingInput}.${signature.toString('base64url')}`;
}

export interface DecodedJws {
  header: Json;
  payload: Json;
  signingInput: string;
  signature: Buffer;
}

export class JwsError extends Error {
  override name = 'JwsError';
}

function parsePart(part: string, what: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new JwsError(`the JWT ${what} is not base64url JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new JwsError(`the JWT ${what} is not a JSON object`);
  return value as Json;
}

/** Splits and decodes a compact JWS; a JwsError when it is not one. Checks no signature. */
export function decodeJws(jwt: string): DecodedJws {
  const text = jwt.trim();
  if (!COMPACT_JWS.test(text)) throw new JwsError('not a compact JWS (three base64url parts)');
  const [h, p, s] = text.split('.') as [string, string, string];
  return {
    header: parsePart(h, 'header'),
    payload: parsePart(p, 'payload'),
    signingInput: `${h}.${p}`,
    signature: Buffer.from(s, 'base64url'),
  };
}

/** Whether the JWS's EdDSA signature is by the Ed25519 key `publicKeyMultibase` (`z6Mk…`). */
export function verifyJwsSignature(jws: DecodedJws, publicKeyMultibase: string): boolean {
  const key = publicKeyFromMultibase(publicKeyMultibase);
  if (!key || jws.signature.length !== 64) return false;
  return edVerify(null, Buffer.from(jws.signingInput, 'ascii'), key, jws.signature);
}

/**
 * The credential a VC-JWT carries: the `vc` claim (Open Badges 3.0, VC-JWT 1.1), else the payload
 * itself when it is a credential (VC-JOSE-COSE, `typ: vc+jwt`); undefined when neither.
 */
export function credentialOfJwt(payload: Json): Json | undefined {
  const vc = payload.vc;
  if (typeof vc === 'object' && vc !== null && !Array.isArray(vc)) return vc as Json;
  if (payload['@context'] !== undefined) return payload;
  return undefined;
}
