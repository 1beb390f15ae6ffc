import { both } from '@balanse/testing';
import {
  badInputGroup,
  endpointRows,
  must,
  outcome,
  standardBody,
  TENANT_B,
  UNKNOWN,
  validationRows,
  type BadRequest,
} from './bad-input.support';

/** A standard body with one field replaced (or removed with `undefined`). */
const standardWith = (patch: Record<string, unknown>) => ({
  ...standardBody('bad-input-new'),
  ...patch,
});
const clusterWith = (patch: Record<string, unknown>) =>
  standardWith({
    clusters: [
      {
        title: both('Cluster'),
        areas: [{ title: both('Area'), outcomes: [outcome('Can plan.')] }],
        ...patch,
      },
    ],
  });
const areaWith = (patch: Record<string, unknown>) =>
  standardWith({
    clusters: [
      {
        title: both('Cluster'),
        areas: [{ title: both('Area'), outcomes: [outcome('Can plan.')], ...patch }],
      },
    ],
  });
const outcomeWith = (patch: Record<string, unknown>) =>
  areaWith({ outcomes: [{ ...outcome('Can plan.'), ...patch }] });

/** The refusals of versions: drafts, published versions, unknown numbers, other tenants. */
function versionRows(): BadRequest[] {
  const patch = (path: string, body: unknown, status: number, code: string, field?: string) => ({
    name: `PATCH ${path}: ${JSON.stringify(body).slice(0, 60)} → ${status} ${code}`,
    method: 'PATCH' as const,
    path,
    body,
    status,
    code,
    ...(field ? { field } : {}),
  });
  const own = '/standards/{ownStd}/versions/1';
  return [
    patch(own, { nqfLevel: 9 }, 400, 'VALIDATION_FAILED', 'nqfLevel'),
    patch(own, { title: 'plain' }, 400, 'VALIDATION_FAILED', 'title'),
    patch(own, { code: 'renamed' }, 400, 'VALIDATION_FAILED', 'code'),
    patch(own, { clusters: [] }, 400, 'VALIDATION_FAILED', 'clusters'),
    patch(
      own,
      { clusters: outcomeWith({ nkrLevel: 12 }).clusters },
      400,
      'VALIDATION_FAILED',
      'clusters.0.areas.0.outcomes.0.nkrLevel',
    ),
    patch(
      own,
      { clusters: clusterWith({ id: UNKNOWN }).clusters },
      422,
      'UNKNOWN_STANDARD_ELEMENT',
      'clusters.0.id',
    ),
    patch(
      own,
      {
        clusters: areaWith({
          outcomes: [
            { ...outcome('Can plan.'), code: 'D' },
            { ...outcome('Can lead.'), code: 'D' },
          ],
        }).clusters,
      },
      422,
      'DUPLICATE_OUTCOME_CODE',
      'clusters.0.areas.0.outcomes.1.code',
    ),
    patch(
      '/standards/{pubStd}/versions/1',
      { title: both('x') },
      409,
      'STANDARD_VERSION_PUBLISHED',
    ),
    patch(
      '/standards/{ownStd}/versions/2',
      { title: both('x') },
      404,
      'STANDARD_VERSION_NOT_FOUND',
    ),
    patch(
      '/standards/{ownStd}/versions/0',
      { title: both('x') },
      400,
      'VALIDATION_FAILED',
      'version',
    ),
    patch(
      '/standards/{ownStd}/versions/v1',
      { title: both('x') },
      400,
      'VALIDATION_FAILED',
      'version',
    ),
    patch('/standards/{std}/versions/1', { title: both('x') }, 404, 'STANDARD_NOT_FOUND'),
    {
      ...patch(own, { title: both('x') }, 404, 'STANDARD_NOT_FOUND'),
      tenant: TENANT_B,
      name: `PATCH ${own} as ${TENANT_B} → 404`,
    },
    {
      name: 'POST /standards/{pubStd}/versions/1/publish (published) → 409',
      method: 'POST',
      path: '/standards/{pubStd}/versions/1/publish',
      status: 409,
      code: 'STANDARD_VERSION_PUBLISHED',
    },
    {
      name: 'POST /standards/{std}/versions/1/publish (shared) → 404',
      method: 'POST',
      path: '/standards/{std}/versions/1/publish',
      status: 404,
      code: 'STANDARD_NOT_FOUND',
    },
    {
      name: 'POST /standards/{ownStd}/versions/3/publish → 404',
      method: 'POST',
      path: '/standards/{ownStd}/versions/3/publish',
      status: 404,
      code: 'STANDARD_VERSION_NOT_FOUND',
    },
    {
      name: 'POST /standards/{ownStd}/versions (a draft exists) → 409',
      method: 'POST',
      path: '/standards/{ownStd}/versions',
      status: 409,
      code: 'STANDARD_DRAFT_EXISTS',
    },
    {
      name: 'POST /standards/{std}/versions (shared) → 404',
      method: 'POST',
      path: '/standards/{std}/versions',
      status: 404,
      code: 'STANDARD_NOT_FOUND',
    },
    {
      name: `POST /standards/{pubStd}/versions as ${TENANT_B} → 404`,
      method: 'POST',
      path: '/standards/{pubStd}/versions',
      tenant: TENANT_B,
      status: 404,
      code: 'STANDARD_NOT_FOUND',
    },
    {
      name: `GET /standards/{ownStd}/versions as ${TENANT_B} → 404`,
      method: 'GET',
      path: '/standards/{ownStd}/versions',
      tenant: TENANT_B,
      status: 404,
      code: 'STANDARD_NOT_FOUND',
    },
    {
      name: 'GET /standards/{ownStd}?version=2 → 404',
      method: 'GET',
      path: '/standards/{ownStd}?version=2',
      status: 404,
      code: 'STANDARD_VERSION_NOT_FOUND',
    },
    {
      name: 'GET /standards/{ownStd}?version=0 → 400',
      method: 'GET',
      path: '/standards/{ownStd}?version=0',
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'version',
    },
    {
      name: 'GET /standards/{ownStd}?version=one → 400',
      method: 'GET',
      path: '/standards/{ownStd}?version=one',
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'version',
    },
  ];
}

const rows: BadRequest[] = [
  ...endpointRows(
    'GET /standards',
    'POST /standards',
    'GET /standards/{ownStd}',
    'GET /standards/{ownStd}/versions',
    'POST /standards/{pubStd}/versions',
    'PATCH /standards/{ownStd}/versions/1',
    'POST /standards/{ownStd}/versions/1/publish',
  ),
  {
    name: `GET /standards/{ownStd} of tenant default, as ${TENANT_B} → 404`,
    method: 'GET',
    path: '/standards/{ownStd}',
    tenant: TENANT_B,
    status: 404,
    code: 'STANDARD_NOT_FOUND',
  },
  {
    name: 'GET /standards/{unknown} → 404',
    method: 'GET',
    path: '/standards/{unknown}',
    status: 404,
    code: 'STANDARD_NOT_FOUND',
  },
  {
    name: 'PATCH /standards (no such method) → 404',
    method: 'PATCH',
    path: '/standards',
    body: standardBody('patch-probe'),
    status: 404,
    code: 'NOT_FOUND',
  },
  ...versionRows(),
  ...validationRows('POST', '/standards', 'POST /standards', [
    ['nqfLevel 9', standardWith({ nqfLevel: 9 }), 'nqfLevel'],
    [
      'areas 17 levels deep',
      standardWith({
        clusters: [
          {
            title: both('Cluster'),
            areas: [
              Array.from({ length: 16 }).reduce<Record<string, unknown>>(
                (inner) => ({ title: both('Area'), areas: [inner] }),
                { title: both('Area'), outcomes: [outcome('Can plan.')] },
              ),
            ],
          },
        ],
      }),
      'clusters',
    ],
    [
      'an area with neither outcomes nor areas',
      standardWith({ clusters: [{ title: both('Cluster'), areas: [{ title: both('Area') }] }] }),
      'clusters.0.areas.0.outcomes',
    ],
    [
      'a list of 5,001 clusters (refused before its entries are read)',
      standardWith({ clusters: Array(5001).fill({}) }),
      'clusters',
    ],
    ['nqfLevel 0', standardWith({ nqfLevel: 0 }), 'nqfLevel'],
    ['nqfLevel 2.5', standardWith({ nqfLevel: 2.5 }), 'nqfLevel'],
    ['nqfLevel as a string', standardWith({ nqfLevel: '5' }), 'nqfLevel'],
    ['code with capitals and a space', standardWith({ code: 'Bad Code' }), 'code'],
    ['code as a number', standardWith({ code: 12345 }), 'code'],
    ['code missing', standardWith({ code: undefined }), 'code'],
    ['a version (versions are numbered by the API)', standardWith({ version: '1.0' }), 'version'],
    ['title as a string', standardWith({ title: 'Only one language' }), 'title'],
    ['title without English', standardWith({ title: { nb: 'Bare bokmål' } }), 'title.en'],
    ['empty bokmål title', standardWith({ title: { nb: '', en: 'Title' } }), 'title.nb'],
    ['title as a number', standardWith({ title: 7 }), 'title'],
    ['title of 2001 characters', standardWith({ title: both('t'.repeat(2001)) }), 'title.nb'],
    ['owner missing', standardWith({ owner: undefined }), 'owner'],
    ['owner without a name', standardWith({ owner: {} }), 'owner.name'],
    [
      'orgNumber of 8 digits',
      standardWith({ owner: { name: 'X', orgNumber: '12345678' } }),
      'owner.orgNumber',
    ],
    ['description as a string', standardWith({ description: 'text' }), 'description'],
    ['sector as an array', standardWith({ sector: ['health'] }), 'sector'],
    ['no clusters', standardWith({ clusters: [] }), 'clusters'],
    ['clusters as a string', standardWith({ clusters: 'leadership' }), 'clusters'],
    ['a cluster that is null', standardWith({ clusters: [null] }), 'clusters.0'],
    [
      'a cluster wrapped in an array',
      standardWith({ clusters: [[standardBody('x').clusters[0]]] }),
      'clusters',
    ],
    [
      'an area wrapped in an array',
      clusterWith({ areas: [[{ title: 'Area', outcomes: [outcome('Can plan.')] }]] }),
      'clusters.0.areas',
    ],
    ['a cluster without areas', clusterWith({ areas: [] }), 'clusters.0.areas'],
    ['an area without outcomes', areaWith({ outcomes: [] }), 'clusters.0.areas.0.outcomes'],
    [
      'an outcome wrapped in an array',
      areaWith({ outcomes: [[outcome('Can plan.')]] }),
      'clusters.0.areas.0.outcomes',
    ],
    [
      'category "wisdom"',
      outcomeWith({ category: 'wisdom' }),
      'clusters.0.areas.0.outcomes.0.category',
    ],
    [
      'category missing',
      outcomeWith({ category: undefined }),
      'clusters.0.areas.0.outcomes.0.category',
    ],
    ['blank statement', outcomeWith({ statement: '' }), 'clusters.0.areas.0.outcomes.0.statement'],
    [
      'blank English statement',
      outcomeWith({ statement: { nb: 'Kan planlegge.', en: ' ' } }),
      'clusters.0.areas.0.outcomes.0.statement.en',
    ],
    [
      'statement with a NUL character',
      outcomeWith({ statement: both('Can plan.\u0000') }),
      'clusters.0.areas.0.outcomes.0.statement.nb',
    ],
    ['nkrLevel 9', outcomeWith({ nkrLevel: 9 }), 'clusters.0.areas.0.outcomes.0.nkrLevel'],
    ['nkrLevel 0', outcomeWith({ nkrLevel: 0 }), 'clusters.0.areas.0.outcomes.0.nkrLevel'],
    ['nkrLevel 3.5', outcomeWith({ nkrLevel: 3.5 }), 'clusters.0.areas.0.outcomes.0.nkrLevel'],
    [
      'mandatory "yes"',
      outcomeWith({ mandatory: 'yes' }),
      'clusters.0.areas.0.outcomes.0.mandatory',
    ],
    [
      'an ESCO skill that is not an ESCO URI',
      outcomeWith({ escoSkills: ['https://example.org/skill/1'] }),
      'clusters.0.areas.0.outcomes.0.escoSkills',
    ],
    [
      'negative credits',
      outcomeWith({ education: [{ course: 'LED101', credits: -1 }] }),
      'clusters.0.areas.0.outcomes.0.education.0.credits',
    ],
    ['unknown field', standardWith({ weight: 3 }), 'weight'],
    ['unknown field in a cluster', clusterWith({ weight: 3 }), 'clusters.0.weight'],
    [
      'unknown field in an outcome',
      outcomeWith({ weight: 3 }),
      'clusters.0.areas.0.outcomes.0.weight',
    ],
  ]),
  {
    name: 'POST /standards: a statement with an unpaired surrogate → 400',
    method: 'POST',
    path: '/standards',
    raw: JSON.stringify(outcomeWith({ statement: both('Can plan.@@') })).replace('@@', '\\udc00'),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'clusters.0.areas.0.outcomes.0.statement.nb',
  },
  {
    name: 'POST /standards: two outcomes with one code → 422',
    method: 'POST',
    path: '/standards',
    body: areaWith({
      outcomes: [
        { ...outcome('Can plan.'), code: 'X-1' },
        { ...outcome('Can lead.'), code: 'X-1' },
      ],
    }),
    status: 422,
    code: 'DUPLICATE_OUTCOME_CODE',
    field: 'clusters.0.areas.0.outcomes.1.code',
  },
  {
    name: 'POST /standards: an outcome naming an id (new standards have none) → 422',
    method: 'POST',
    path: '/standards',
    body: outcomeWith({ id: UNKNOWN }),
    status: 422,
    code: 'UNKNOWN_STANDARD_ELEMENT',
    field: 'clusters.0.areas.0.outcomes.0.id',
  },
  {
    name: 'POST /standards: the code of an existing standard → 409',
    method: 'POST',
    path: '/standards',
    body: standardBody('bad-input-own'),
    status: 409,
    code: 'STANDARD_CODE_TAKEN',
    details: (f) => ({ id: f.ownStd }),
  },
];

export const standardRows = badInputGroup('standards', rows, (api) => {
  it('creates a standard sent five times at once exactly once; the others get 409 STANDARD_CODE_TAKEN', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => api().post('/standards', standardBody('bad-input-race'))),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.code)).toEqual(
      Array(4).fill('STANDARD_CODE_TAKEN'),
    );
    const codes = must('list standards', await api().get('/standards?limit=100'), 200).items.map(
      (s: { code: string }) => s.code,
    );
    expect(codes.filter((c: string) => c === 'bad-input-race')).toHaveLength(1);
  });
});
