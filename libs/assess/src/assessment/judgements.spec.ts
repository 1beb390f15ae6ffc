import { judgedScope, requireInScope, requireOpen } from './judgements';

const SCOPE = ['o1', 'o2', 'o3'];
const judged = (outcomeId: string) => ({ outcomeId, judgement: 'met' as const });

describe('judging an outcome', () => {
  it('takes an outcome in scope', () => {
    expect(() => requireInScope(SCOPE, 'o2')).not.toThrow();
  });

  it('refuses an outcome outside the scope, naming the path parameter', () => {
    expect(() => requireInScope(SCOPE, 'o9')).toThrow(
      expect.objectContaining({
        status: 422,
        code: 'OUTCOME_NOT_IN_SCOPE',
        details: { outcomeId: 'o9' },
        fields: [expect.objectContaining({ field: 'outcomeId' })],
      }),
    );
  });

  it('is possible while the assessment is open', () => {
    expect(() => requireOpen({ status: 'open', decision: null })).not.toThrow();
  });

  it('is refused once the assessment is decided, saying how', () => {
    expect(() => requireOpen({ status: 'decided', decision: 'partial' })).toThrow(
      expect.objectContaining({
        status: 409,
        code: 'CASE_NOT_IN_PHASE',
        details: { expected: 'assess', decision: 'partial' },
      }),
    );
  });
});

describe('the judgements of the scope', () => {
  it('are given in scope order once every outcome is judged', () => {
    const judgements = [judged('o3'), judged('o1'), judged('o2')];
    expect(judgedScope(SCOPE, judgements).map((j) => j.outcomeId)).toEqual(SCOPE);
  });

  it('are JUDGEMENTS_MISSING naming the unjudged outcomes while some are not judged', () => {
    expect(() => judgedScope(SCOPE, [judged('o2')])).toThrow(
      expect.objectContaining({
        status: 422,
        code: 'JUDGEMENTS_MISSING',
        details: { missingOutcomeIds: ['o1', 'o3'] },
      }),
    );
  });

  it('are JUDGEMENTS_MISSING naming the whole scope when nothing is judged', () => {
    expect(() => judgedScope(SCOPE, [])).toThrow(
      expect.objectContaining({ details: { missingOutcomeIds: SCOPE } }),
    );
  });
});
