/** Stable problem codes of credential verification; callers branch on `code`, never on the message. */
export const ProblemCode = {
  /** The proof does not verify: a changed field, a swapped proof value, or another key. */
  PROOF_INVALID: 'PROOF_INVALID',
  /** No proof, or a proof of another type or cryptosuite. */
  PROOF_MISSING: 'PROOF_MISSING',
  /** A JSON-LD context that is not pinned in this library (nothing is fetched). */
  UNKNOWN_CONTEXT: 'UNKNOWN_CONTEXT',
  /** Not a credential this library can read: not an object, bad proof value, undefined terms. */
  MALFORMED: 'MALFORMED',
  /** The proof names a verification method the key resolver does not know for this issuer. */
  KEY_UNKNOWN: 'KEY_UNKNOWN',
} as const;
export type ProblemCode = (typeof ProblemCode)[keyof typeof ProblemCode];

export interface Problem {
  code: ProblemCode;
  message: string;
  /** The failing field, as a JSON path, where one is known. */
  path?: string;
}

/** An error with a stable code, thrown by the loader and the signer and mapped to a Problem. */
export class CredentialError extends Error {
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'CredentialError';
  }
}
