import { badInputGroup, MB, type BadRequest } from './bad-input.support';

/** POST /credentials/verify is public: a bad request is its 4xx, never a 401. */
const rows: BadRequest[] = [
  {
    name: 'POST /credentials/verify: an empty body → 400 verifiableCredential',
    method: 'POST',
    path: '/credentials/verify',
    body: {},
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'verifiableCredential',
  },
  {
    name: 'POST /credentials/verify without a token: an empty body → 400, not 401',
    method: 'POST',
    path: '/credentials/verify',
    body: {},
    headers: { authorization: null },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'verifiableCredential',
  },
  {
    name: 'POST /credentials/verify: options not an object → 400 options',
    method: 'POST',
    path: '/credentials/verify',
    body: { verifiableCredential: {}, options: 'x' },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'options',
  },
  ...['"text"', '42', 'null', '{"verifiableCredential": '].map((raw): BadRequest => ({
    name: `POST /credentials/verify: ${raw} → 400 MALFORMED_JSON`,
    method: 'POST',
    path: '/credentials/verify',
    raw,
    headers: { authorization: null },
    status: 400,
    code: 'MALFORMED_JSON',
  })),
  {
    name: 'POST /credentials/verify: text/plain → 415',
    method: 'POST',
    path: '/credentials/verify',
    raw: 'a.b.c',
    headers: { 'content-type': 'text/plain' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'POST /credentials/verify: 2 MB without a token → 413',
    method: 'POST',
    path: '/credentials/verify',
    raw: JSON.stringify({ verifiableCredential: 'x'.repeat(2 * MB) }),
    headers: { authorization: null },
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'GET /credentials/{unknown}?format=xml → 400 query.format',
    method: 'GET',
    path: '/credentials/{unknown}?format=xml',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'query.format',
  },
  {
    name: 'GET /credentials/{unknown}?format=jwt → 404',
    method: 'GET',
    path: '/credentials/{unknown}?format=jwt',
    status: 404,
    code: 'CREDENTIAL_NOT_FOUND',
  },
];

export const verifyRows = badInputGroup('credential verification', rows);
