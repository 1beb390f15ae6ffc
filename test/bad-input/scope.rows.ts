import {
  badInputGroup,
  endpointRows,
  scopeWith,
  UNKNOWN,
  validationRows,
  type BadRequest,
  type Fixtures,
} from './bad-input.support';

const rated = (rating: unknown) => (f: Fixtures) => ({
  outcomeIds: [f.o0],
  selfAssessment: { [f.o0]: rating },
});

const rows: BadRequest[] = [
  ...endpointRows('PUT /cases/{caseIdentify}/scope'),
  ...validationRows('PUT', '/cases/{caseIdentify}/scope', 'PUT scope', [
    ['no outcomes', scopeWith({ outcomeIds: [] }), 'outcomeIds'],
    ['outcomeIds as a string', (f: Fixtures) => ({ outcomeIds: f.o0 }), 'outcomeIds'],
    ['outcomeIds of numbers', scopeWith({ outcomeIds: [1, 2] }), 'outcomeIds.0'],
    ['an outcome id that is not a UUID', scopeWith({ outcomeIds: ['FR-1'] }), 'outcomeIds.0'],
    ['the same outcome twice', (f: Fixtures) => ({ outcomeIds: [f.o0, f.o0] }), 'outcomeIds.1'],
    ['selfAssessment 7, named by its outcome id', rated(7), 'selfAssessment.{o0}'],
    ['selfAssessment 5', rated(5), 'selfAssessment.{o0}'],
    ['selfAssessment -1', rated(-1), 'selfAssessment.{o0}'],
    ['selfAssessment 2.5', rated(2.5), 'selfAssessment.{o0}'],
    ['selfAssessment as a string', rated('3'), 'selfAssessment.{o0}'],
    ['selfAssessment null', rated(null), 'selfAssessment.{o0}'],
    [
      'selfAssessment as an array',
      (f: Fixtures) => ({ outcomeIds: [f.o0], selfAssessment: [3] }),
      'selfAssessment',
    ],
    [
      'selfAssessment keyed by a non-UUID, named as sent',
      (f: Fixtures) => ({ outcomeIds: [f.o0], selfAssessment: { 'FR-1': 3 } }),
      'selfAssessment.FR-1',
    ],
    ['unknown field', scopeWith({ comment: 'please hurry' }), 'comment'],
  ]),
  {
    name: 'PUT scope: an outcome not in the standard → 422',
    method: 'PUT',
    path: '/cases/{caseIdentify}/scope',
    body: (f: Fixtures) => ({ outcomeIds: [f.o0, UNKNOWN] }),
    status: 422,
    code: 'OUTCOME_NOT_IN_STANDARD',
    field: 'outcomeIds.1',
    details: () => ({ outcomeIds: [UNKNOWN] }),
  },
  {
    name: 'PUT scope: an outcome of another standard → 422',
    method: 'PUT',
    path: '/cases/{caseIdentify}/scope',
    body: (f: Fixtures) => ({ outcomeIds: [f.ownOutcome] }),
    status: 422,
    code: 'OUTCOME_NOT_IN_STANDARD',
    field: 'outcomeIds.0',
  },
  {
    name: 'PUT scope: self-assessment of an outcome outside the scope → 422',
    method: 'PUT',
    path: '/cases/{caseIdentify}/scope',
    body: (f: Fixtures) => ({ outcomeIds: [f.o0], selfAssessment: { [f.o0]: 1, [f.o2]: 4 } }),
    status: 422,
    code: 'OUTCOME_NOT_IN_SCOPE',
    field: 'selfAssessment.{o2}',
    details: (f) => ({ outcomeIds: [f.o2] }),
  },
  {
    name: 'PUT scope: after identification is complete → 409',
    method: 'PUT',
    path: '/cases/{caseDocument}/scope',
    body: scopeWith({}),
    status: 409,
    code: 'CASE_NOT_IN_PHASE',
    details: () => ({ phase: 'document', expected: 'identify' }),
  },
];

export const scopeRows = badInputGroup('scope and self-assessment', rows);
