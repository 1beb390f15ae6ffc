import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { ErrorCode, EXAMPLE_IDS as ID, type ErrorBody, type FieldError } from '@balanse/contracts';

export class FieldErrorView implements FieldError {
  @ApiProperty({ example: 'outcomeIds.1' }) field: string;
  @ApiProperty({ example: 'must be a UUID' }) message: string;
}

/** Every error answer: a stable `code` to branch on, a message for people. */
export class ErrorBodyView implements ErrorBody {
  @ApiProperty({ example: 400, description: 'the HTTP status, repeated' }) status: number;
  @ApiProperty({
    enum: Object.values(ErrorCode),
    enumName: 'ErrorCode',
    example: 'VALIDATION_FAILED',
  })
  code: ErrorCode;
  @ApiProperty({ example: 'invalid fields: outcomeIds.1' }) message: string;
  @ApiPropertyOptional({ type: [FieldErrorView], description: 'each failing field, dotted path' })
  fields?: FieldErrorView[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'machine-readable facts, e.g. the uncovered outcome ids',
    example: { uncoveredOutcomeIds: [ID.outcome2] },
  })
  details?: Record<string, unknown>;
}

/** Each code: its usual status, what it means, and an example body. */
const ERRORS: Record<ErrorCode, { meaning: string } & Omit<ErrorBody, 'code'>> = {
  VALIDATION_FAILED: {
    status: 400,
    meaning: 'a body field, path id or header is invalid; `fields` names each',
    message: 'invalid fields: outcomeIds.1',
    fields: [{ field: 'outcomeIds.1', message: 'must be a UUID' }],
  },
  MALFORMED_JSON: {
    status: 400,
    meaning: 'the body is not a JSON object',
    message: 'request body is not valid JSON (a JSON object is expected)',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    meaning:
      "the body is over the limit (the bus's max payload less 8 KiB: 1,040,384 bytes by default), or the command would not fit in one bus message",
    message: 'request body is too large (limit 1040384 bytes)',
  },
  UNAUTHENTICATED: {
    status: 401,
    meaning: 'no bearer token, or not the right one',
    message: 'the bearer token is not valid',
  },
  NOT_FOUND: { status: 404, meaning: 'no such route', message: 'no such route' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    meaning: 'a body without `Content-Type: application/json`, or in an unsupported encoding',
    message: 'send the request body as JSON with Content-Type: application/json (got text/plain)',
  },
  INVALID_CURSOR: {
    status: 400,
    meaning: 'a `cursor` this list did not hand out',
    message: 'cursor was not handed out by this list',
    fields: [{ field: 'cursor', message: 'must be a cursor from a previous page of this list' }],
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    meaning: 'this `Idempotency-Key` was used before with a different request',
    message: 'Idempotency-Key was used with a different request',
    fields: [{ field: 'header.idempotency-key', message: 'was used with a different request' }],
  },
  REPLY_TOO_LARGE: {
    status: 413,
    meaning: 'the answer would not fit in one message on the bus; ask for a smaller page (`limit`)',
    message: 'the answer would exceed the bus max payload; ask for a smaller page',
  },
  CHUNKED_MESSAGE_INVALID: {
    status: 400,
    meaning:
      'a large command moved in parts over the bus arrived with parts out of order or sizes that do not add up; send it again',
    message: 'part 3 arrived where part 2 was expected',
    details: { expected: 2, received: 3 },
  },
  FORBIDDEN: {
    status: 403,
    meaning: 'authenticated, but not allowed to do this',
    message: 'this needs the admin role',
  },
  IDEMPOTENCY_KEY_IN_USE: {
    status: 409,
    meaning:
      "this `Idempotency-Key`'s first request is still running (a bulk job still reading its file); wait for it, then send again",
    message: `the upload under this Idempotency-Key is still running as bulk job ${ID.bulkJob}; wait for it to end, then send again`,
    details: { jobId: ID.bulkJob },
    fields: [{ field: 'header.idempotency-key', message: 'its first request is still running' }],
  },
  TABLE_TOO_LARGE: {
    status: 400,
    meaning:
      'the statistics table would have more than 5,000 cells (totals included); ask for fewer dimensions in `by`, or filter',
    message: 'the table would have 7,440 cells; the limit is 5000',
    fields: [{ field: 'by', message: 'too many cells (7440 > 5000): fewer dimensions, or filter' }],
    details: { cells: 7440, limit: 5000 },
  },
  STATISTICS_REBUILDING: {
    status: 503,
    meaning:
      'the rollups are being rebuilt from the facts (`POST /statistics/rebuild`); retry after `Retry-After`, or follow `GET /statistics/rebuild`',
    message: 'the statistics are being rebuilt (1200 of 5000 cases)',
    details: { total: 5000, done: 1200, retryAfterSeconds: 5 },
  },
  STANDARD_NOT_FOUND: {
    status: 404,
    meaning: 'no standard with this id for the tenant',
    message: `standard ${ID.unknown} was not found`,
    details: { id: ID.unknown },
  },
  STANDARD_CODE_TAKEN: {
    status: 409,
    meaning: 'the tenant has a standard with this code',
    message: 'standard avdelingsleder-helse-omsorg exists',
    fields: [{ field: 'code', message: 'the tenant has a standard with this code' }],
    details: { code: 'avdelingsleder-helse-omsorg', id: ID.standard },
  },
  CASE_NOT_FOUND: {
    status: 404,
    meaning: 'no case with this id for the tenant',
    message: `case ${ID.case} was not found`,
    details: { id: ID.case },
  },
  CASE_NOT_IN_PHASE: {
    status: 409,
    meaning: 'the case is not in the phase this needs; `details` has both',
    message: 'case is in phase identify; this needs document',
    details: { phase: 'identify', expected: 'document' },
  },
  OUTCOME_NOT_IN_STANDARD: {
    status: 422,
    meaning: "an outcome id is not in the case's standard",
    message: "some outcomes are not in the case's standard",
    fields: [{ field: 'outcomeIds.1', message: `outcome ${ID.unknown} is not in the standard` }],
    details: { outcomeIds: [ID.unknown] },
  },
  OUTCOME_NOT_IN_SCOPE: {
    status: 422,
    meaning: "an outcome is not in the case's scope",
    message: "evidence names outcomes outside the case's scope",
    fields: [
      { field: 'outcomeIds.0', message: `outcome ${ID.outcome2} is not in the case's scope` },
    ],
    details: { outcomeIds: [ID.outcome2] },
  },
  SCOPE_EMPTY: {
    status: 422,
    meaning: 'no outcomes in scope yet',
    message: 'set the scope (PUT /cases/{id}/scope) before completing identification',
  },
  EVIDENCE_MISSING: {
    status: 422,
    meaning: 'outcomes in scope without evidence; `details.uncoveredOutcomeIds`',
    message: '1 outcome(s) in scope have no evidence',
    details: { uncoveredOutcomeIds: [ID.outcome2] },
  },
  JUDGEMENTS_MISSING: {
    status: 422,
    meaning: 'outcomes in scope not judged; `details.missingOutcomeIds`',
    message: '1 outcome(s) in scope are not judged',
    details: { missingOutcomeIds: [ID.outcome2] },
  },
  CREDENTIAL_NOT_FOUND: {
    status: 404,
    meaning: 'no credential with this id for the tenant',
    message: `credential ${ID.credential} was not found`,
    details: { id: ID.credential },
  },
  CERTIFICATE_UNAVAILABLE: {
    status: 409,
    meaning:
      "the credential was issued before certify kept its standard's content: it has no PDF certificate or Europass form",
    message: `credential ${ID.credential} was issued before certify kept its standard's content`,
    details: { id: ID.credential },
  },
  DEAD_LETTER_NOT_FOUND: {
    status: 404,
    meaning: 'no dead letter with this id in this service for the tenant',
    message: `dead letter ${ID.deadLetter} was not found`,
    details: { id: ID.deadLetter },
  },
  REPLAY_FAILED: {
    status: 422,
    meaning: 'the replayed event failed again; the dead letter stays, with this reason',
    message: 'replay failed: handler failed: CASE_NOT_FOUND: case was not found',
    details: { id: ID.deadLetter, reason: 'handler failed: CASE_NOT_FOUND: case was not found' },
  },
  NEED_NOT_FOUND: {
    status: 404,
    meaning: 'no competence need with this id for the tenant (its own or a shared one)',
    message: `need ${ID.unknown} was not found`,
    details: { id: ID.unknown },
  },
  NEED_STANDARD_MISMATCH: {
    status: 422,
    meaning: "the need is for another standard than the case's",
    message: 'need is for another standard',
    fields: [{ field: 'needId', message: `need is for standard ${ID.unknown}` }],
    details: { needStandardId: ID.unknown },
  },
  CASE_FRAMEWORK_EMPTY: {
    status: 422,
    meaning: 'the CASE package has no CFItems, or none is a child (isChildOf) of its CFDocument',
    message: 'the CASE package has no CFItems',
    details: { items: 0 },
  },
  CASE_OBJECT_NOT_FOUND: {
    status: 404,
    meaning:
      'no published standard of the tenant or shared one has this CASE identifier; the answer carries the binding’s `imsx_StatusInfo` fields as well',
    message: `no published CASE object ${ID.unknown}`,
    details: { sourcedId: ID.unknown },
  },
  WEBHOOK_NOT_FOUND: {
    status: 404,
    meaning: 'no webhook with this id for the tenant',
    message: `webhook ${ID.webhook} was not found`,
    details: { id: ID.webhook },
  },
  STANDARD_VERSION_NOT_FOUND: {
    status: 404,
    meaning: 'the standard has no such version',
    message: `standard ${ID.standard} has no version 7`,
    details: { id: ID.standard, version: 7 },
  },
  STANDARD_VERSION_PUBLISHED: {
    status: 409,
    meaning: 'the version is published and cannot change; start a new draft (`POST …/versions`)',
    message: 'version 1 is published; start a new draft to change the standard',
    details: { id: ID.standard, version: 1, status: 'published' },
  },
  STANDARD_VERSION_DRAFT: {
    status: 409,
    meaning: 'the version is a draft; a case pins only a published version',
    message: 'version 2 is a draft; publish it before opening cases on it',
    fields: [{ field: 'standardVersion', message: 'must be a published version' }],
    details: { id: ID.standard, version: 2, status: 'draft' },
  },
  STANDARD_DRAFT_EXISTS: {
    status: 409,
    meaning: 'the standard has a draft already; change or publish it',
    message: 'standard has a draft already: version 2',
    details: { id: ID.standard, version: 2 },
  },
  DUPLICATE_OUTCOME_CODE: {
    status: 422,
    meaning: 'two learning outcomes share a code; `fields` names each repeat',
    message: 'outcome codes must be unique in a standard',
    fields: [
      { field: 'clusters.0.areas.1.outcomes.0.code', message: 'FR-1 is used by another outcome' },
    ],
  },
  UNKNOWN_STANDARD_ELEMENT: {
    status: 422,
    meaning: 'a cluster, area or outcome `id` the draft does not have (new ones carry no id)',
    message: 'some ids are not in the draft',
    fields: [{ field: 'clusters.0.areas.1.id', message: `no area ${ID.unknown} in the draft` }],
  },
  CANDIDATE_CONFLICT: {
    status: 409,
    meaning:
      "the employer's external id names a candidate on record with another name or e-mail; `fields` names which (never their values); change them with `PATCH /candidates/{externalIdentifier}`",
    message:
      'the candidate with this external id is on record with another name; change it with PATCH /candidates/{externalIdentifier}',
    fields: [
      {
        field: 'candidate.name',
        message: 'differs from the candidate on record for this external id',
      },
    ],
    details: { fields: ['name'] },
  },
  CANDIDATE_NOT_FOUND: {
    status: 404,
    meaning: 'no candidate with this external id for the tenant',
    message: 'no candidate with this external id',
  },
  BULK_FILE_INVALID: {
    status: 400,
    meaning:
      'the file cannot be read: a CSV without the header row `standardId,externalId,name[,email]`, or NDJSON whose first line is not a JSON object',
    message: 'the CSV header must name the columns standardId, externalId, name (email optional)',
    fields: [{ field: 'header', message: 'missing column externalId' }],
  },
  BULK_JOB_NOT_FOUND: {
    status: 404,
    meaning: 'no bulk job with this id for the tenant',
    message: `bulk job ${ID.bulkJob} was not found`,
    details: { id: ID.bulkJob },
  },
  STATUS_LIST_NOT_FOUND: {
    status: 404,
    meaning: 'no status list with this number',
    message: 'status list 7 was not found',
    details: { list: 7 },
  },
  OUTCOME_NOT_FOUND: {
    status: 404,
    meaning:
      'no learning outcome with this id in this version of the standard (as announced to certify)',
    message: `outcome ${ID.outcome} of standard ${ID.standard} version 1 was not found`,
    details: { standardId: ID.standard, version: '1', outcomeId: ID.outcome },
  },
  CREDENTIAL_WITHOUT_STATUS: {
    status: 409,
    meaning:
      'the credential was issued before credentials were signed: it has no status list entry, so it cannot be revoked or suspended',
    message: `credential ${ID.credential} has no status list entry (issued before signing)`,
    details: { id: ID.credential },
  },
  CREDENTIAL_REVOKED: {
    status: 409,
    meaning: 'the credential is revoked, which is final: it cannot be suspended or reinstated',
    message: `credential ${ID.credential} is revoked`,
    details: { id: ID.credential, status: 'revoked' },
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    meaning:
      'the service that answers this is not running, or the bus or its database is down or restarting; retry after `Retry-After`',
    message: 'service identify is not running',
  },
  SERVICE_TIMEOUT: {
    status: 504,
    meaning:
      'the service did not answer in time; the command may still take effect; retry after `Retry-After`',
    message: 'service identify did not answer within 10000 ms',
  },
  SERVICE_BUSY: {
    status: 503,
    meaning: 'the service has too many commands in hand; retry after `Retry-After`',
    message: 'service identify is busy; retry shortly',
  },
  INTERNAL: {
    status: 500,
    meaning: 'a bug on our side; the log has the cause',
    message: 'internal error; see the gateway log',
  },
  REPLY_INCOMPLETE: {
    status: 502,
    meaning:
      'a large answer lost chunks on the bus; the command may have taken effect (retry with the same `Idempotency-Key`)',
    message:
      'the answer of service identify arrived incomplete (2093056 of 20971520 bytes); the command may have taken effect',
    details: { receivedBytes: 2093056, expectedBytes: 20971520 },
  },
};

/** An error as one endpoint returns it, where its status, meaning or example differ from the usual. */
export type ErrorExample = Partial<ErrorBody> & { code: ErrorCode; meaning?: string };

/** What every endpoint may answer: a bad token or tenant header, a body too large, a service down. */
const SHARED: ErrorCode[] = [
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.VALIDATION_FAILED,
  ErrorCode.PAYLOAD_TOO_LARGE,
  ErrorCode.SERVICE_UNAVAILABLE,
  ErrorCode.SERVICE_BUSY,
  ErrorCode.SERVICE_TIMEOUT,
];

/** 503 and 504 answers say when to try again. */
const RETRY_AFTER = {
  'Retry-After': {
    description: 'seconds to wait before retrying',
    schema: { type: 'integer', example: 1 },
  },
};

/** A `standardVersion` in a body that the standard does not have (cases, needs). */
export const UNKNOWN_STANDARD_VERSION: ErrorExample = {
  code: ErrorCode.STANDARD_VERSION_NOT_FOUND,
  status: 422,
  message: `standard ${ID.standard} has no version 7`,
  fields: [{ field: 'standardVersion', message: 'the standard has no such version' }],
};

/**
 * What an endpoint whose call is opted in as large (`ServiceClient.call(…, { large: true })`)
 * may answer besides: its command and answer move over the bus in chunks, up to 64 MB.
 */
export const LARGE_CALL_ERRORS: ErrorExample[] = [
  { code: ErrorCode.CHUNKED_MESSAGE_INVALID },
  { code: ErrorCode.REPLY_INCOMPLETE },
  {
    code: ErrorCode.REPLY_TOO_LARGE,
    meaning: 'the answer would exceed the cap of a large message (64 MB encoded)',
    message: 'the answer would exceed the cap of a large message',
  },
];

/** What an endpoint that reads a request body may answer besides. */
export const BODY_ERRORS: ErrorCode[] = [
  ErrorCode.MALFORMED_JSON,
  ErrorCode.UNSUPPORTED_MEDIA_TYPE,
];

/**
 * Documents the errors an endpoint can answer, with the ones every endpoint shares: one response
 * per status with the ErrorBody schema, an example per code and what each code means. Later
 * entries replace earlier ones of the same code (an endpoint's own example of it).
 */
export function ApiErrors(...errors: Array<ErrorCode | ErrorExample>): MethodDecorator {
  return errorResponses(SHARED, errors);
}

/** ApiErrors for a public route (`@Public()`): no token, so never UNAUTHENTICATED. */
export function ApiPublicErrors(...errors: Array<ErrorCode | ErrorExample>): MethodDecorator {
  return errorResponses(
    SHARED.filter((c) => c !== ErrorCode.UNAUTHENTICATED),
    errors,
  );
}

function errorResponses(
  shared: ErrorCode[],
  errors: Array<ErrorCode | ErrorExample>,
): MethodDecorator {
  const byCode = new Map<ErrorCode, { meaning: string; body: ErrorBody }>();
  for (const e of [...shared, ...errors]) {
    const { code, meaning, ...own } = typeof e === 'string' ? { code: e } : e;
    const usual = ERRORS[code];
    const { status, message, fields, details } = { ...usual, ...own };
    const body: ErrorBody = {
      status,
      code,
      message,
      ...(fields && { fields }),
      ...(details && { details }),
    };
    byCode.set(code, { meaning: meaning ?? usual.meaning, body });
  }
  const byStatus = new Map<number, Array<{ meaning: string; body: ErrorBody }>>();
  for (const e of byCode.values())
    byStatus.set(e.body.status, [...(byStatus.get(e.body.status) ?? []), e]);
  return applyDecorators(
    ...[...byStatus].map(([status, errs]) =>
      ApiResponse({
        status,
        type: ErrorBodyView,
        ...(status === 503 || status === 504 ? { headers: RETRY_AFTER } : {}),
        description: errs.map((e) => `- \`${e.body.code}\`: ${e.meaning}`).join('\n'),
        examples: Object.fromEntries(
          errs.map(({ body }) => [body.code, { summary: body.message, value: body }]),
        ),
      }),
    ),
  );
}
