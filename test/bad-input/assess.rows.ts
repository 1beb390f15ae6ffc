import {
  badInputGroup,
  endpointRows,
  judgementWith,
  validationRows,
  type BadRequest,
} from './bad-input.support';

const rows: BadRequest[] = [
  ...endpointRows(
    'PUT /cases/{caseAssess}/assess/outcomes/{o1}',
    'GET /cases/{caseAssess}/assess/outcomes',
    'POST /cases/{caseAssess}/assess/complete',
  ),
  ...validationRows(
    'PUT',
    '/cases/{caseAssess}/assess/outcomes/{o1}',
    'PUT judgement',
    (
      [
        ['judgement "passed"', { judgement: 'passed' }, 'judgement'],
        ['judgement in capitals', { judgement: 'MET' }, 'judgement'],
        ['judgement as a number', { judgement: 1 }, 'judgement'],
        ['judgement missing', { judgement: undefined }, 'judgement'],
        ['rationale missing', { rationale: undefined }, 'rationale'],
        ['empty rationale', { rationale: '' }, 'rationale'],
        ['blank rationale', { rationale: ' \n\t ' }, 'rationale'],
        ['rationale as a number', { rationale: 5 }, 'rationale'],
        ['rationale as an array', { rationale: ['seen'] }, 'rationale'],
        ['rationale of 5001 characters', { rationale: 'r'.repeat(5001) }, 'rationale'],
        ['rationale with a NUL character', { rationale: 'Seen\u0000' }, 'rationale'],
        ['unknown field', { score: 4 }, 'score'],
      ] as Array<[string, Record<string, unknown>, string]>
    ).map(([what, patch, field]) => [what, judgementWith(patch), field]),
  ),
  {
    name: "PUT judgement: an outcome of the standard outside the case's scope → 422",
    method: 'PUT',
    path: '/cases/{caseAssess}/assess/outcomes/{o2}',
    body: judgementWith({}),
    status: 422,
    code: 'OUTCOME_NOT_IN_SCOPE',
    field: 'outcomeId',
    details: (f) => ({ outcomeId: f.o2 }),
  },
  {
    name: 'PUT judgement: an unknown outcome → 422',
    method: 'PUT',
    path: '/cases/{caseAssess}/assess/outcomes/{unknown}',
    body: judgementWith({}),
    status: 422,
    code: 'OUTCOME_NOT_IN_SCOPE',
    field: 'outcomeId',
  },
  {
    name: 'PUT judgement: in phase identify → 409',
    method: 'PUT',
    path: '/cases/{caseIdentify}/assess/outcomes/{o0}',
    body: judgementWith({}),
    status: 409,
    code: 'CASE_NOT_IN_PHASE',
  },
  {
    name: 'PUT judgement: in phase document → 409',
    method: 'PUT',
    path: '/cases/{caseDocument}/assess/outcomes/{o0}',
    body: judgementWith({}),
    status: 409,
    code: 'CASE_NOT_IN_PHASE',
  },
  {
    name: 'assess/complete: an outcome in scope not judged → 422',
    method: 'POST',
    path: '/cases/{caseAssess}/assess/complete',
    status: 422,
    code: 'JUDGEMENTS_MISSING',
    details: (f) => ({ missingOutcomeIds: [f.o1] }),
  },
  {
    name: 'assess/complete: in phase identify → 409',
    method: 'POST',
    path: '/cases/{caseIdentify}/assess/complete',
    status: 409,
    code: 'CASE_NOT_IN_PHASE',
  },
  {
    name: 'assess/complete: in phase document → 409',
    method: 'POST',
    path: '/cases/{caseDocument}/assess/complete',
    status: 409,
    code: 'CASE_NOT_IN_PHASE',
  },
];

export const assessRows = badInputGroup('judgements and the assessment decision', rows);
