import { badInputGroup, endpointRows, type BadRequest } from './bad-input.support';

const rows: BadRequest[] = [
  ...endpointRows('GET /cases/{caseAssess}/credentials', 'GET /credentials/{unknown}'),
  {
    name: 'GET /credentials/{unknown} → 404',
    method: 'GET',
    path: '/credentials/{unknown}',
    status: 404,
    code: 'CREDENTIAL_NOT_FOUND',
  },
  {
    name: 'POST /credentials/{id} (no such method) → 404',
    method: 'POST',
    path: '/credentials/{unknown}',
    status: 404,
    code: 'NOT_FOUND',
  },
];

export const credentialRows = badInputGroup('credentials', rows);
