/**
 * Credential verification (`POST /api/v1/credentials/verify`, the page `/verify/{id}`): stable
 * problem codes, the W3C VC API verify answer, and what the public page shows. Clients branch on
 * `code`, never on the message. A code is never renamed or reused.
 */
export const VerifyCode = {
  /** Not the official 1EdTech Open Badges 3.0 AchievementCredential JSON schema. */
  SCHEMA_INVALID: 'SCHEMA_INVALID',
  /** The signature does not match: a changed field, a swapped proof value, another key. */
  PROOF_INVALID: 'PROOF_INVALID',
  /** No eddsa-rdfc-2022 Data Integrity proof (and not a VC-JWT). */
  PROOF_MISSING: 'PROOF_MISSING',
  /** The issuer revoked it (its bit is set in the revocation status list). */
  STATUS_REVOKED: 'STATUS_REVOKED',
  /** The issuer suspended it (its bit is set in the suspension status list of the same number). */
  STATUS_SUSPENDED: 'STATUS_SUSPENDED',
  /** `validFrom` (or a VC-JWT's `nbf`) is in the future. */
  NOT_YET_VALID: 'NOT_YET_VALID',
  /** `validUntil` (or a VC-JWT's `exp`) has passed. */
  EXPIRED: 'EXPIRED',
  /** An issuer that is not this platform's: other DIDs are never fetched (offline by design). */
  ISSUER_UNKNOWN: 'ISSUER_UNKNOWN',
  /** The proof's verification method is not one of the issuer's keys, or not controlled by it. */
  KEY_NOT_ISSUERS: 'KEY_NOT_ISSUERS',
  /** A JSON-LD context that is not pinned here (nothing is fetched). */
  UNKNOWN_CONTEXT: 'UNKNOWN_CONTEXT',
  /** Not a credential at all: not an object, not a compact JWS, no type or context, bad proof value. */
  MALFORMED: 'MALFORMED',
  /** Larger than a credential may be. */
  TOO_LARGE: 'TOO_LARGE',
  /** A warning only: the status could not be read (no credentialStatus, or not on our lists). */
  STATUS_UNCHECKED: 'STATUS_UNCHECKED',
} as const;
export type VerifyCode = (typeof VerifyCode)[keyof typeof VerifyCode];

export interface VerifyProblem {
  code: VerifyCode;
  message: string;
  /** The failing part, as a JSON pointer (`/credentialSubject/type`) or field name, when known. */
  path?: string;
}

/** The checks a verification runs (each named in `checks` when it ran). */
export type VerifyCheck =
  'jwt' | 'schema' | 'issuer' | 'proof' | 'validFrom' | 'validUntil' | 'credentialStatus';

/** The answer of the W3C VC API's verify endpoint (`verified`, `checks`, `warnings`, `errors`). */
export interface VerifyResult {
  verified: boolean;
  /** The checks that ran. */
  checks: VerifyCheck[];
  warnings: VerifyProblem[];
  errors: VerifyProblem[];
}

/** What the public verification page shows of a credential: no personal data (it has none). */
export interface CredentialSummary {
  /** `urn:uuid:…` */
  id: string | null;
  /** The credential format: Open Badges 3.0 AchievementCredential. */
  format: string;
  /** The credential's name (the standard's, or "Kompetansebevis: …"). */
  name: string | null;
  /** The competence standard and its version. */
  standard: { name: string | null; code: string | null; version: string | null };
  /** Names of the learning outcomes met. */
  outcomesMet: string[];
  /** How many outcomes the credential lists in all. */
  outcomesListed: number;
  issuer: { id: string | null; name: string | null };
  validFrom: string | null;
  validUntil: string | null;
  revoked: boolean;
  suspended: boolean;
}

/** certify's answer for the page: the result and what to show; `found: false` for an unknown id. */
export type StoredCredentialVerification =
  { found: false } | { found: true; result: VerifyResult; summary: CredentialSummary };
