import { decide } from './decision';

const j = (...js: Array<'met' | 'partly_met' | 'not_met'>) =>
  js.map((judgement, i) => ({ outcomeId: `o${i}`, judgement }));

describe('the assessment decision', () => {
  it('is certified when every outcome is met', () => {
    expect(decide(j('met', 'met', 'met'))).toEqual({
      decision: 'certified',
      met: ['o0', 'o1', 'o2'],
      partlyMet: [],
      notMet: [],
    });
  });
  it('is partial when some are met; partly met does not count as met', () => {
    expect(decide(j('met', 'partly_met', 'not_met'))).toEqual({
      decision: 'partial',
      met: ['o0'],
      partlyMet: ['o1'],
      notMet: ['o2'],
    });
  });
  it('is not_certified when none is met', () => {
    expect(decide(j('partly_met', 'not_met')).decision).toBe('not_certified');
    expect(decide([]).decision).toBe('not_certified');
  });
});
