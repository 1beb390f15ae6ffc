import { badInputGroup, endpointRows, UNKNOWN, type BadRequest } from './bad-input.support';

const LIST = '/admin/dead-letters/identify';
const listRow = (query: string, field: string, code = 'VALIDATION_FAILED'): BadRequest => ({
  name: `GET ${LIST}?${query} → 400 ${field}`,
  method: 'GET',
  path: `${LIST}?${query}`,
  status: 400,
  code,
  field,
});
const replayMany = (body: unknown, field: string | RegExp): BadRequest => ({
  name: `POST ${LIST}/replay ${JSON.stringify(body).slice(0, 60)} → 400 ${field}`,
  method: 'POST',
  path: `${LIST}/replay`,
  body,
  status: 400,
  code: 'VALIDATION_FAILED',
  field,
});
const discard = (body: unknown, field: string): BadRequest => ({
  name: `POST ${LIST}/{unknown}/discard ${JSON.stringify(body)} → 400 ${field}`,
  method: 'POST',
  path: `${LIST}/{unknown}/discard`,
  body,
  status: 400,
  code: 'VALIDATION_FAILED',
  field,
});

const rows: BadRequest[] = [
  ...endpointRows(
    'GET /admin/dead-letters/identify',
    'POST /admin/dead-letters/identify/{unknown}/replay',
    'POST /admin/dead-letters/identify/replay',
    'POST /admin/dead-letters/identify/{unknown}/discard',
  ),
  listRow('limit=0', 'limit'),
  listRow('limit=101', 'limit'),
  listRow('limit=ten', 'limit'),
  listRow('cursor=not*a*cursor', 'cursor'),
  listRow('cursor=WyJzdGFuZGFyZHMiLCJ4Il0', 'cursor', 'INVALID_CURSOR'),
  listRow('cursor=WyJkZWFkLWxldHRlcnMiLCJ4IiwieSJd', 'cursor', 'INVALID_CURSOR'),
  listRow('tenant=Tenant_B', 'tenant'),
  listRow('tenant=a&tenant=b', 'tenant'),
  listRow('type=case.assessed', 'type'),
  listRow('from=yesterday', 'from'),
  listRow('to=2025-13-01T00:00:00Z', 'to'),
  listRow('colour=red', 'colour'),
  replayMany({ ids: [] }, 'ids'),
  replayMany({ ids: [UNKNOWN, 'not-a-uuid'] }, 'ids.1'),
  replayMany({ ids: [UNKNOWN, UNKNOWN] }, 'ids.1'),
  replayMany(
    {
      ids: Array.from(
        { length: 101 },
        (_, i) => `${UNKNOWN.slice(0, 24)}${String(i).padStart(12, '0')}`,
      ),
    },
    'ids',
  ),
  replayMany({ ids: UNKNOWN }, 'ids'),
  discard({ reason: '' }, 'reason'),
  discard({ reason: '   ' }, 'reason'),
  discard({ reason: 'x'.repeat(501) }, 'reason'),
  discard({ reason: 'ok', tenant: 'Tenant_B' }, 'tenant'),
  {
    name: 'POST /admin/dead-letters/identify/{unknown}/discard → 404',
    method: 'POST',
    path: '/admin/dead-letters/identify/{unknown}/discard',
    body: { reason: 'not needed' },
    status: 404,
    code: 'DEAD_LETTER_NOT_FOUND',
  },
  {
    name: 'POST /admin/dead-letters/{unknown service}/replay → 400',
    method: 'POST',
    path: '/admin/dead-letters/billing/replay',
    body: { ids: [UNKNOWN] },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'service',
  },
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
    path: '/admin/dead-letters/billing',
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
