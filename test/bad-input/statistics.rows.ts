import { badInputGroup, type BadRequest } from './bad-input.support';

const table = (
  query: string,
  field: string,
  code = 'VALIDATION_FAILED',
  path = '/statistics/cases',
): BadRequest => ({
  name: `GET ${path}?${query} → 400 ${field}`,
  method: 'GET',
  path: `${path}?${query}`,
  status: 400,
  code,
  field,
});

/** Statistics: unknown tables and dimensions, bad filters, a tenant dimension across employers. */
const rows: BadRequest[] = [
  {
    name: 'GET /statistics/{unknown table} → 400 table',
    method: 'GET',
    path: '/statistics/persons',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'table',
  },
  table('by=colour', 'by'),
  table('by=outcome', 'by'),
  table('by=phase,phase', 'by'),
  table('by=tenant', 'by'),
  table('by=region,month,result,standard,sector', 'by'),
  table(`by=${'x'.repeat(5000)}`, 'by'),
  table('from=2026-13', 'from'),
  table('to=yesterday', 'to'),
  table('standard=not-a-uuid', 'standard'),
  table('region=999', 'region'),
  table('need=1', 'need'),
  table('scope=everyone', 'scope'),
  table('format=xlsx', 'format'),
  table('lang=de', 'lang'),
  table('casesOf=someone', 'casesOf'),
  table('by=coverage', 'by', 'VALIDATION_FAILED', '/statistics/lead-times'),
  {
    name: 'GET /statistics/cases as an invalid tenant → 400',
    method: 'GET',
    path: '/statistics/cases?scope=tenant',
    tenant: 'Tenant_B',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'header.x-balanse-tenant',
  },
  {
    name: 'GET /statistics/cases without a token → 401',
    method: 'GET',
    path: '/statistics/cases',
    headers: { authorization: null },
    status: 401,
    code: 'UNAUTHENTICATED',
  },
];

export const statisticsRows = badInputGroup('statistics', rows);
