import {
  badInputGroup,
  endpointRows,
  evidenceWith,
  openBody,
  standardBody,
  type BadRequest,
} from './bad-input.support';

/** Every list, and the name its cursors carry. */
const LISTS: Array<[string, string]> = [
  ['/standards', 'standards'],
  ['/cases/{caseIdentify}/history', 'history'],
  ['/cases/{caseDocument}/evidence', 'evidence'],
  ['/cases/{caseAssess}/assess/outcomes', 'judgements'],
  ['/cases/{caseAssess}/credentials', 'credentials'],
  ['/webhooks', 'webhooks'],
  ['/webhooks/{unknown}/deliveries', 'webhook-deliveries'],
];

const cursor = (...key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');

const listRows: BadRequest[] = LISTS.flatMap(([path, list]) => [
  ...(
    [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=1.5', 'limit'],
      ['limit=many', 'limit'],
      ['limit=1&limit=2', 'limit'],
      ['cursor=a%2Fb', 'cursor'],
      [`cursor=${'a'.repeat(513)}`, 'cursor'],
      ['order=desc', 'order'],
    ] as Array<[string, string]>
  ).map(([query, field]) => ({
    name: `GET ${path}?${query.slice(0, 40)} → 400 ${field}`,
    method: 'GET' as const,
    path: `${path}?${query}`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field,
  })),
  ...(
    [
      ['a cursor of another list', cursor(list === 'history' ? 'evidence' : 'history', '1', 'x')],
      ['a cursor that is not JSON', Buffer.from('not json').toString('base64url')],
      ['a cursor with a forged key', cursor(list, "1'; --", 'x', 'y').replace(/=+$/, '')],
    ] as Array<[string, string]>
  ).map(([what, value]) => ({
    name: `GET ${path}: ${what} → 400 INVALID_CURSOR`,
    method: 'GET' as const,
    path: `${path}?cursor=${value}`,
    status: 400,
    code: 'INVALID_CURSOR',
    field: 'cursor',
  })),
]);

/** The creating POSTs, each with a valid body: a bad key must stop them before anything is stored. */
const CREATING: Array<Pick<BadRequest, 'path' | 'body'>> = [
  { path: '/standards', body: standardBody('bad-input-keyed') },
  { path: '/cases', body: openBody },
  { path: '/cases/{caseDocument}/evidence', body: evidenceWith({}) },
  { path: '/webhooks', body: { url: 'https://hr.example.com/hook', events: ['case.opened'] } },
];

const keyRows: BadRequest[] = CREATING.flatMap(({ path, body }) =>
  (
    [
      ['empty', ''],
      ['with a space', 'a key'],
      ['of 256 characters', 'k'.repeat(256)],
      ['not ASCII', 'nøkkel'],
    ] as Array<[string, string]>
  ).map(([what, key]) => ({
    name: `POST ${path}: Idempotency-Key ${what} → 400`,
    method: 'POST' as const,
    path,
    body,
    headers: { 'idempotency-key': key },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'header.idempotency-key',
  })),
);

export const pagingRows = badInputGroup('paged lists and Idempotency-Key', [
  ...endpointRows('GET /cases/{caseIdentify}/history'),
  ...listRows,
  ...keyRows,
]);
