import { badInputGroup, endpointRows, type BadRequest } from './bad-input.support';

const rows: BadRequest[] = [
  ...endpointRows(
    'GET /admin/dead-letters/identify',
    'POST /admin/dead-letters/identify/{unknown}/replay',
  ),
  {
    name: 'POST /admin/dead-letters/identify/{unknown}/replay → 404',
    method: 'POST',
    path: '/admin/dead-letters/identify/{unknown}/replay',
    status: 404,
    code: 'DEAD_LETTER_NOT_FOUND',
  },
  {
    name: 'GET /admin/dead-letters/{unknown service} → 400',
    method: 'GET',
    path: '/admin/dead-letters/statistics',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'service',
  },
  {
    name: 'GET /admin/dead-letters/{service in capitals} → 400',
    method: 'GET',
    path: '/admin/dead-letters/IDENTIFY',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'service',
  },
  {
    name: 'POST /admin/dead-letters/{unknown service}/{id}/replay → 400',
    method: 'POST',
    path: '/admin/dead-letters/gateway/{unknown}/replay',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'service',
  },
];

export const deadLetterRows = badInputGroup('dead letters', rows);
