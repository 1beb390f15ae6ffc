import { requireCoverage, requireInScope, requireOpen, uncovered } from './coverage';

const SCOPE = ['o1', 'o2', 'o3'];

describe('evidence and the scope', () => {
  it('takes evidence naming outcomes in scope', () => {
    expect(() => requireInScope(SCOPE, ['o3', 'o1'])).not.toThrow();
  });

  it('refuses evidence naming an outcome outside the scope, naming its index', () => {
    expect(() => requireInScope(SCOPE, ['o1', 'o9'])).toThrow(
      expect.objectContaining({
        status: 422,
        code: 'OUTCOME_NOT_IN_SCOPE',
        details: { outcomeIds: ['o9'] },
        fields: [expect.objectContaining({ field: 'outcomeIds.1' })],
      }),
    );
  });
});

describe('coverage of the scope', () => {
  it('is complete when one piece of evidence names every outcome', () => {
    expect(uncovered(SCOPE, [{ outcomeIds: SCOPE }])).toEqual([]);
  });

  it('is complete when the pieces together name every outcome', () => {
    expect(uncovered(SCOPE, [{ outcomeIds: ['o1'] }, { outcomeIds: ['o3', 'o2'] }])).toEqual([]);
  });

  it('lists the outcomes no evidence names, in scope order', () => {
    expect(uncovered(SCOPE, [{ outcomeIds: ['o2'] }])).toEqual(['o1', 'o3']);
  });

  it('lists every outcome when there is no evidence', () => {
    expect(uncovered(SCOPE, [])).toEqual(SCOPE);
  });

  it('lets documentation complete when covered', () => {
    expect(() => requireCoverage(SCOPE, [{ outcomeIds: SCOPE }])).not.toThrow();
  });

  it('refuses to complete documentation with EVIDENCE_MISSING naming the uncovered outcomes', () => {
    expect(() => requireCoverage(SCOPE, [{ outcomeIds: ['o1'] }])).toThrow(
      expect.objectContaining({
        status: 422,
        code: 'EVIDENCE_MISSING',
        details: { uncoveredOutcomeIds: ['o2', 'o3'] },
      }),
    );
  });
});

describe('the portfolio', () => {
  it('takes evidence while open', () => {
    expect(() => requireOpen('open')).not.toThrow();
  });

  it('refuses evidence once documentation is complete', () => {
    expect(() => requireOpen('complete')).toThrow(
      expect.objectContaining({ status: 409, code: 'CASE_NOT_IN_PHASE' }),
    );
  });
});
