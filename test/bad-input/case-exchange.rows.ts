import {
  badInputGroup,
  CASE_PACKAGE,
  endpointRows,
  TENANT_B,
  UNKNOWN,
  type BadRequest,
} from './bad-input.support';

const IMPORT = '/standards/import/case';
const BINDING = '/ims/case/v1p1';

const importRow = (name: string, row: Partial<BadRequest>): BadRequest => ({
  name: `POST ${IMPORT} ${name}`,
  method: 'POST',
  path: IMPORT,
  status: 400,
  code: 'VALIDATION_FAILED',
  ...row,
});

const notFound = (collection: string, id: string, why = 'unknown'): BadRequest => ({
  name: `GET ${BINDING}/${collection}/${id} (${why}) → 404 in the binding's shape`,
  method: 'GET',
  path: `${BINDING}/${collection}/${id}`,
  status: 404,
  code: 'CASE_OBJECT_NOT_FOUND',
  details: (f) => ({ sourcedId: id === '{ownStd}' ? f.ownStd : id }),
});

/** CASE import and export (`/standards/import/case`, `/standards/{id}/case`) and the REST binding. */
const rows: BadRequest[] = [
  ...endpointRows(
    `POST ${IMPORT}`,
    'GET /standards/{ownStd}/case',
    `GET ${BINDING}/CFDocuments`,
    `GET ${BINDING}/CFPackages/${UNKNOWN}`,
  ),
  importRow('with malformed JSON → 400', { raw: '{"CFDocument": {', code: 'MALFORMED_JSON' }),
  importRow('with an empty body → 400', { raw: '', code: 'MALFORMED_JSON' }),
  importRow('with a JSON array → 400', { raw: '[]', code: 'MALFORMED_JSON' }),
  importRow('with JSON and text after it → 400', { raw: '{} x', code: 'MALFORMED_JSON' }),
  importRow('without CFDocument → 400 naming it', { body: {}, field: 'CFDocument' }),
  importRow('with an item without its statement → 400 naming it', {
    body: {
      ...CASE_PACKAGE,
      CFItems: CASE_PACKAGE.CFItems.map((i, n) => (n === 2 ? { ...i, fullStatement: undefined } : i)), // prettier-ignore
    },
    field: 'CFItems.2.fullStatement',
  }),
  importRow('with no items → 422', {
    body: { ...CASE_PACKAGE, CFItems: [], CFAssociations: [] },
    status: 422,
    code: 'CASE_FRAMEWORK_EMPTY',
  }),
  importRow('as text/plain → 415', {
    raw: JSON.stringify(CASE_PACKAGE),
    headers: { 'content-type': 'text/plain' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  }),
  importRow('declared latin1 → 415', {
    raw: JSON.stringify(CASE_PACKAGE),
    headers: { 'content-type': 'application/json; charset=latin1' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  }),
  importRow('with a code that is no standard code → 400', {
    path: `${IMPORT}?code=Not_A_Code`,
    body: CASE_PACKAGE,
    field: 'query.code',
  }),
  importRow('with a taken code → 409', {
    path: `${IMPORT}?code=bad-input-published`,
    body: CASE_PACKAGE,
    status: 409,
    code: 'STANDARD_CODE_TAKEN',
    field: 'code',
  }),
  {
    name: 'GET /standards/{unknown}/case → 404',
    method: 'GET',
    path: '/standards/{unknown}/case',
    status: 404,
    code: 'STANDARD_NOT_FOUND',
  },
  {
    name: 'GET /standards/{ownStd}/case as another tenant → 404',
    method: 'GET',
    path: '/standards/{ownStd}/case',
    tenant: TENANT_B,
    status: 404,
    code: 'STANDARD_NOT_FOUND',
  },
  {
    name: 'GET /standards/{ownStd}/case?version=2 → 404',
    method: 'GET',
    path: '/standards/{ownStd}/case?version=2',
    status: 404,
    code: 'STANDARD_VERSION_NOT_FOUND',
  },
  {
    name: 'GET /standards/{ownStd}/case?version=0 → 400',
    method: 'GET',
    path: '/standards/{ownStd}/case?version=0',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'version',
  },
  {
    name: `GET ${BINDING}/CFDocuments?limit=0 → 400`,
    method: 'GET',
    path: `${BINDING}/CFDocuments?limit=0`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'query.limit',
  },
  notFound('CFDocuments', UNKNOWN),
  {
    name: `GET ${BINDING}/CFPackages/not-a-uuid → 400`,
    method: 'GET',
    path: `${BINDING}/CFPackages/not-a-uuid`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'sourcedId',
  },
  notFound('CFItems', UNKNOWN),
  notFound('CFAssociations', UNKNOWN),
  notFound('CFPackages', '{ownStd}', 'a draft'),
  { ...notFound('CFDocuments', '{ownStd}', 'another tenant’s'), tenant: TENANT_B },
];

export const caseExchangeRows = badInputGroup('CASE import, export and REST binding', rows);
