import { badInputGroup, ENDPOINTS, label, TOKEN, type BadRequest } from './bad-input.support';

/** Every endpoint without a token, with a wrong one, with another scheme: 401, saying which. */
const authentication: BadRequest[] = ENDPOINTS.flatMap((e) => [
  {
    ...e,
    name: `${label(e)}: no Authorization → 401 "no bearer token"`,
    headers: { authorization: null },
    status: 401,
    code: 'UNAUTHENTICATED',
    message: /^no bearer token: send Authorization: Bearer <token>$/,
  },
  {
    ...e,
    name: `${label(e)}: wrong bearer token → 401 "not valid"`,
    headers: { authorization: 'Bearer not-the-token' },
    status: 401,
    code: 'UNAUTHENTICATED',
    message: /^the bearer token is not valid$/,
  },
  {
    ...e,
    name: `${label(e)}: Basic instead of Bearer → 401 "not a bearer token"`,
    headers: { authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` },
    status: 401,
    code: 'UNAUTHENTICATED',
    message: /^Authorization is not a bearer token/,
  },
]);

const rows: BadRequest[] = [
  ...authentication,
  {
    name: 'an empty Authorization header → 401 "no bearer token"',
    method: 'GET',
    path: '/standards',
    headers: { authorization: '' },
    status: 401,
    code: 'UNAUTHENTICATED',
    message: /^no bearer token/,
  },
  {
    name: '"Bearer" without a token → 401 "not a bearer token"',
    method: 'GET',
    path: '/standards',
    headers: { authorization: 'Bearer ' },
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: `empty tenant header → 400`,
    method: 'GET',
    path: '/standards',
    tenant: '',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'header.x-balanse-tenant',
  },
  {
    name: `tenant header of 64 characters → 400`,
    method: 'GET',
    path: '/standards',
    tenant: 'a'.repeat(64),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'header.x-balanse-tenant',
  },
  {
    name: `the shared pseudo-tenant _shared as tenant header → 400`,
    method: 'GET',
    path: '/standards',
    tenant: '_shared',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'header.x-balanse-tenant',
  },
  {
    name: 'unknown route → 404',
    method: 'GET',
    path: '/nothing-here',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'unknown route without a token → 404',
    method: 'GET',
    path: '/nothing-here',
    headers: { authorization: null },
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'unknown API version → 404',
    method: 'GET',
    path: '/api/v2/standards',
    status: 404,
    code: 'NOT_FOUND',
  },
];

export const authRows = badInputGroup('authentication, tenant header, unknown routes', rows);
