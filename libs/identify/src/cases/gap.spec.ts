import { gapReport, type GapInput } from './gap';

const OUTCOMES = ['o1', 'o2', 'o3', 'o4'].map((id, i) => ({ id, code: `C-${i + 1}` }));

const report = (patch: Partial<GapInput>) =>
  gapReport({
    standardOutcomes: OUTCOMES,
    scope: ['o1', 'o2', 'o3', 'o4'],
    selfAssessment: {},
    employerView: {},
    ...patch,
  });

const statusOf = (patch: Partial<GapInput>, id = 'o1') =>
  report(patch).outcomes.find((o) => o.outcomeId === id);

describe('the gap report', () => {
  it('measures a case without a need against its scope, in the standard order', () => {
    const r = report({ scope: ['o3', 'o1'] });
    expect(r.basis).toBe('scope');
    expect(r.outcomes.map((o) => o.outcomeId)).toEqual(['o1', 'o3']);
  });

  it("measures a case with a need against the need's outcomes, in scope or not", () => {
    const r = report({ required: ['o2', 'o4'], scope: ['o1', 'o2'] });
    expect(r.basis).toBe('need');
    expect(r.outcomes.map((o) => [o.outcomeId, o.inScope])).toEqual([
      ['o2', true],
      ['o4', false],
    ]);
  });

  it('measures against the whole standard when the need requires all of it', () => {
    expect(report({ required: null, scope: [] }).outcomes).toHaveLength(4);
  });

  it('a self-assessment of 3 or 4 alone: likely met', () => {
    expect(statusOf({ selfAssessment: { o1: 3 } })).toMatchObject({
      status: 'likely_met',
      selfAssessment: 3,
      employerView: null,
      reasons: ['every_rating_strong'],
    });
  });

  it("an employer's 3 and a self-assessed 4: likely met", () => {
    expect(statusOf({ selfAssessment: { o1: 4 }, employerView: { o1: 3 } })?.status).toBe(
      'likely_met',
    );
  });

  it('0 or 1 from every view: missing', () => {
    expect(statusOf({ selfAssessment: { o1: 1 }, employerView: { o1: 0 } })).toMatchObject({
      status: 'missing',
      reasons: ['every_rating_weak'],
    });
  });

  it('views on either side of the line: uncertain, they disagree', () => {
    expect(statusOf({ selfAssessment: { o1: 4 }, employerView: { o1: 1 } })).toMatchObject({
      status: 'uncertain',
      reasons: ['ratings_disagree'],
    });
  });

  it('a 2 (or a strong and a middling view): uncertain, in between', () => {
    expect(statusOf({ selfAssessment: { o1: 2 } })?.reasons).toEqual(['rating_in_between']);
    expect(statusOf({ selfAssessment: { o1: 4 }, employerView: { o1: 2 } })?.status).toBe(
      'uncertain',
    );
  });

  it('no view at all: uncertain', () => {
    expect(statusOf({})).toMatchObject({ status: 'uncertain', reasons: ['no_rating'] });
  });

  it('required but outside the scope: missing, whatever the ratings', () => {
    expect(statusOf({ required: ['o1'], scope: ['o2'], employerView: { o1: 4 } })).toMatchObject({
      status: 'missing',
      inScope: false,
      reasons: ['not_in_scope', 'every_rating_strong'],
    });
  });

  it('sums up: counts and the share likely met', () => {
    const r = report({
      selfAssessment: { o1: 4, o2: 3, o3: 0 },
      employerView: { o2: 3 },
    });
    expect(r.summary).toEqual({
      outcomes: 4,
      likelyMet: 2,
      uncertain: 1,
      missing: 1,
      shareLikelyMet: 0.5,
    });
  });

  it('sums up nothing measured as a share of 0', () => {
    expect(report({ scope: [] }).summary).toMatchObject({ outcomes: 0, shareLikelyMet: 0 });
  });
});
