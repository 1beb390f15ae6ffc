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
      { title: 'Cluster', areas: [{ title: 'Area', outcomes: [outcome('Can plan.')] }], ...patch },
    ],
  });
const areaWith = (patch: Record<string, unknown>) =>
  standardWith({
    clusters: [
      { title: 'Cluster', areas: [{ title: 'Area', outcomes: [outcome('Can plan.')], ...patch }] },
    ],
  });
const outcomeWith = (patch: Record<string, unknown>) =>
  areaWith({ outcomes: [{ ...outcome('Can plan.'), ...patch }] });

const rows: BadRequest[] = [
  ...endpointRows('GET /standards', 'POST /standards', 'GET /standards/{ownStd}'),
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
  ...validationRows('POST', '/standards', 'POST /standards', [
    ['nqfLevel 9', standardWith({ nqfLevel: 9 }), 'nqfLevel'],
    [
      '1001 outcomes in all',
      standardWith({
        clusters: [
          {
            title: 'Cluster',
            areas: Array.from({ length: 6 }, (_, a) => ({
              title: `Area ${a}`,
              outcomes: Array.from({ length: a < 5 ? 200 : 1 }, () => outcome('Can plan.')),
            })),
          },
        ],
      }),
      'clusters',
    ],
    [
      'clusters over 256 KB of JSON',
      standardWith({
        clusters: [
          {
            title: 'Cluster',
            areas: [
              {
                title: 'Area',
                outcomes: Array.from({ length: 150 }, () => outcome('p'.repeat(2000))),
              },
            ],
          },
        ],
      }),
      'clusters',
    ],
    ['nqfLevel 0', standardWith({ nqfLevel: 0 }), 'nqfLevel'],
    ['nqfLevel 2.5', standardWith({ nqfLevel: 2.5 }), 'nqfLevel'],
    ['nqfLevel as a string', standardWith({ nqfLevel: '5' }), 'nqfLevel'],
    ['code with capitals and a space', standardWith({ code: 'Bad Code' }), 'code'],
    ['code as a number', standardWith({ code: 12345 }), 'code'],
    ['code missing', standardWith({ code: undefined }), 'code'],
    ['empty version', standardWith({ version: '' }), 'version'],
    ['empty title', standardWith({ title: '' }), 'title'],
    ['title as a number', standardWith({ title: 7 }), 'title'],
    ['title of 301 characters', standardWith({ title: 't'.repeat(301) }), 'title'],
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
      'statement with a NUL character',
      outcomeWith({ statement: 'Can plan.\u0000' }),
      'clusters.0.areas.0.outcomes.0.statement',
    ],
    ['unknown field', standardWith({ owner: 'someone' }), 'owner'],
    ['unknown field in a cluster', clusterWith({ weight: 3 }), 'clusters.0.weight'],
    [
      'unknown field in an outcome',
      outcomeWith({ id: UNKNOWN }),
      'clusters.0.areas.0.outcomes.0.id',
    ],
  ]),
  {
    name: 'POST /standards: a statement with an unpaired surrogate → 400',
    method: 'POST',
    path: '/standards',
    raw: JSON.stringify(outcomeWith({ statement: 'Can plan.@@' })).replace('@@', '\\udc00'),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'clusters.0.areas.0.outcomes.0.statement',
  },
  {
    name: 'POST /standards: the code and version of an existing standard → 409',
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
