/**
 * Stable error codes of the public API. Clients branch on `code`, never on the message.
 * A code is never renamed or reused; add new ones at the end of their group.
 */
export const ErrorCode = {
  // the caller's request
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  MALFORMED_JSON: 'MALFORMED_JSON',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  NOT_FOUND: 'NOT_FOUND',
  /** A request body sent without `Content-Type: application/json`, or in an encoding not supported. */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** A `cursor` that this API did not hand out (or for another list). */
  INVALID_CURSOR: 'INVALID_CURSOR',
  /** An `Idempotency-Key` sent again with a different request. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  /** The answer would exceed the bus's max payload: ask for a smaller page. */
  REPLY_TOO_LARGE: 'REPLY_TOO_LARGE',
  /** Authenticated, but not allowed to do this. */
  FORBIDDEN: 'FORBIDDEN',
  /** A large command's parts out of order, or sizes that do not add up (see "Large messages"). */
  CHUNKED_MESSAGE_INVALID: 'CHUNKED_MESSAGE_INVALID',
  /** An `Idempotency-Key` whose first request is still running (a bulk upload still read). */
  IDEMPOTENCY_KEY_IN_USE: 'IDEMPOTENCY_KEY_IN_USE',
  /** A statistics table whose cells (totals included) would exceed the limit: ask for fewer dimensions. */
  TABLE_TOO_LARGE: 'TABLE_TOO_LARGE',
  /** The statistics rollups are being rebuilt: tables would show part of the figures. */
  STATISTICS_REBUILDING: 'STATISTICS_REBUILDING',
  // the domain
  STANDARD_NOT_FOUND: 'STANDARD_NOT_FOUND',
  STANDARD_CODE_TAKEN: 'STANDARD_CODE_TAKEN',
  CASE_NOT_FOUND: 'CASE_NOT_FOUND',
  CASE_NOT_IN_PHASE: 'CASE_NOT_IN_PHASE',
  OUTCOME_NOT_IN_STANDARD: 'OUTCOME_NOT_IN_STANDARD',
  OUTCOME_NOT_IN_SCOPE: 'OUTCOME_NOT_IN_SCOPE',
  SCOPE_EMPTY: 'SCOPE_EMPTY',
  EVIDENCE_MISSING: 'EVIDENCE_MISSING',
  JUDGEMENTS_MISSING: 'JUDGEMENTS_MISSING',
  CREDENTIAL_NOT_FOUND: 'CREDENTIAL_NOT_FOUND',
  DEAD_LETTER_NOT_FOUND: 'DEAD_LETTER_NOT_FOUND',
  /** A replayed dead letter failed again; it stays, with the new reason. */
  REPLAY_FAILED: 'REPLAY_FAILED',
  /** No competence need with this id that the tenant sees (its own or a shared one). */
  NEED_NOT_FOUND: 'NEED_NOT_FOUND',
  /** A case may serve a need only for the need's standard. */
  NEED_STANDARD_MISMATCH: 'NEED_STANDARD_MISMATCH',
  /** A CASE package with no item in its framework (none, or none a child of its CFDocument). */
  CASE_FRAMEWORK_EMPTY: 'CASE_FRAMEWORK_EMPTY',
  /** The CASE REST binding has no published document, package, item or association with this id. */
  CASE_OBJECT_NOT_FOUND: 'CASE_OBJECT_NOT_FOUND',
  /** No webhook with this id for the tenant. */
  WEBHOOK_NOT_FOUND: 'WEBHOOK_NOT_FOUND',
  /** No such version of the standard. */
  STANDARD_VERSION_NOT_FOUND: 'STANDARD_VERSION_NOT_FOUND',
  /** The version is published (immutable), or superseded: change a new draft instead. */
  STANDARD_VERSION_PUBLISHED: 'STANDARD_VERSION_PUBLISHED',
  /** The version is a draft: publish it before a case may pin it. */
  STANDARD_VERSION_DRAFT: 'STANDARD_VERSION_DRAFT',
  /** The standard has a draft already: change or publish that one. */
  STANDARD_DRAFT_EXISTS: 'STANDARD_DRAFT_EXISTS',
  /** Two learning outcomes of one standard share a code. */
  DUPLICATE_OUTCOME_CODE: 'DUPLICATE_OUTCOME_CODE',
  /** A cluster, area or outcome id that the draft does not have. */
  UNKNOWN_STANDARD_ELEMENT: 'UNKNOWN_STANDARD_ELEMENT',
  /** The employer's external id names a candidate on record with other details; `fields` names which. */
  CANDIDATE_CONFLICT: 'CANDIDATE_CONFLICT',
  CANDIDATE_NOT_FOUND: 'CANDIDATE_NOT_FOUND',
  /** A bulk file that cannot be read as CSV with our header, or as NDJSON. */
  BULK_FILE_INVALID: 'BULK_FILE_INVALID',
  BULK_JOB_NOT_FOUND: 'BULK_JOB_NOT_FOUND',
  /** A credential issued before certify kept its standard's content: no PDF or Europass form. */
  CERTIFICATE_UNAVAILABLE: 'CERTIFICATE_UNAVAILABLE',
  /** No status list with this number (public: status lists are the platform's). */
  STATUS_LIST_NOT_FOUND: 'STATUS_LIST_NOT_FOUND',
  /** No announced standard version with this outcome (public: what credentials align to). */
  OUTCOME_NOT_FOUND: 'OUTCOME_NOT_FOUND',
  /** A credential issued before signing came has no status list entry: it cannot be revoked or suspended. */
  CREDENTIAL_WITHOUT_STATUS: 'CREDENTIAL_WITHOUT_STATUS',
  /** The credential is revoked, which is final: it cannot be suspended or reinstated. */
  CREDENTIAL_REVOKED: 'CREDENTIAL_REVOKED',
  // the platform
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  SERVICE_TIMEOUT: 'SERVICE_TIMEOUT',
  /** A service has more commands in hand than its limit; retry after `Retry-After`. */
  SERVICE_BUSY: 'SERVICE_BUSY',
  INTERNAL: 'INTERNAL',
  /** A large answer arrived with chunks missing (the command may have taken effect). */
  REPLY_INCOMPLETE: 'REPLY_INCOMPLETE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldError {
  /** Dotted path of the failing field, e.g. `candidate.name` or `outcomeIds.2`. */
  field: string;
  message: string;
}

/** The JSON body of every error answer, over HTTP and in command replies. */
export interface ErrorBody {
  status: number;
  code: ErrorCode;
  message: string;
  fields?: FieldError[];
  /** Extra machine-readable facts, e.g. the uncovered outcome ids. */
  details?: Record<string, unknown>;
}

/** A rule of the domain was broken by the caller; travels as a 4xx. */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toBody(): ErrorBody {
    return {
      status: this.status,
      code: this.code,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }

  /**
   * The service does not know the case yet: either the case has not reached this phase, or the
   * event that opens the phase is still on its way. The gateway asks identify which it is.
   */
  static notArrived(phase: string): DomainError {
    return new DomainError(
      409,
      ErrorCode.CASE_NOT_IN_PHASE,
      `case has not reached the ${phase} phase`,
      {
        expected: phase,
        arrived: false,
      },
    );
  }

  static notFound(code: ErrorCode, what: string, id: string): DomainError {
    return new DomainError(404, code, `${what} ${id} was not found`, { id });
  }

  /** 422 IDEMPOTENCY_KEY_REUSED: the key was sent before with another request. */
  static keyReused(): DomainError {
    return new DomainError(
      422,
      ErrorCode.IDEMPOTENCY_KEY_REUSED,
      'Idempotency-Key was used with a different request',
      undefined,
      [{ field: 'header.idempotency-key', message: 'was used with a different request' }],
    );
  }
}

export function isNotArrived(body: ErrorBody): boolean {
  return body.code === ErrorCode.CASE_NOT_IN_PHASE && body.details?.['arrived'] === false;
}
