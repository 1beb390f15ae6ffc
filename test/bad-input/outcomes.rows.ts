import { badInputGroup, type BadRequest } from './bad-input.support';

/** GET /outcomes/{standardId}/{version}/{outcomeId} is public: a bad request is its 4xx, never a 401. */
const noToken = { authorization: null };

const rows: BadRequest[] = [
  {
    name: 'GET /outcomes/{unknown}/1/{unknown} → 404',
    method: 'GET',
    path: '/outcomes/{unknown}/1/{unknown}',
    status: 404,
    code: 'OUTCOME_NOT_FOUND',
  },
  {
    name: 'GET /outcomes/{std}/1/{unknown} without a token: an outcome the version lacks → 404, not 401',
    method: 'GET',
    path: '/outcomes/{std}/1/{unknown}',
    headers: noToken,
    status: 404,
    code: 'OUTCOME_NOT_FOUND',
  },
  {
    name: 'GET /outcomes/{std}/999999/{o0}: a version not announced → 404',
    method: 'GET',
    path: '/outcomes/{std}/999999/{o0}',
    status: 404,
    code: 'OUTCOME_NOT_FOUND',
  },
  ...(
    [
      ['a standard id that is not a UUID', '/outcomes/not-a-uuid/1/{o0}', 'standardId'],
      ['an outcome id that is not a UUID', '/outcomes/{std}/1/not-a-uuid', 'outcomeId'],
      ['version 0', '/outcomes/{std}/0/{o0}', 'version'],
      ['a version that is not a number', '/outcomes/{std}/abc/{o0}', 'version'],
      ['a negative version', '/outcomes/{std}/-1/{o0}', 'version'],
      ['a fractional version', '/outcomes/{std}/1.5/{o0}', 'version'],
      ['a version of seven digits', '/outcomes/{std}/1000000/{o0}', 'version'],
      ['a version with a leading zero', '/outcomes/{std}/01/{o0}', 'version'],
    ] as const
  ).map(([what, path, field]): BadRequest => ({
    name: `GET /outcomes/{standardId}/{version}/{outcomeId}: ${what} → 400 ${field}`,
    method: 'GET',
    path,
    headers: noToken,
    status: 400,
    code: 'VALIDATION_FAILED',
    field,
  })),
  {
    name: 'POST /outcomes/{std}/1/{o0} (no such method) → 404',
    method: 'POST',
    path: '/outcomes/{std}/1/{o0}',
    status: 404,
    code: 'NOT_FOUND',
  },
];

export const outcomeRows = badInputGroup('outcomes', rows);
