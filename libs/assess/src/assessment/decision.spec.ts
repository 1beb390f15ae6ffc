import type { Judgement } from '@balanse/contracts';
import { decide } from './decision';

/** A standard of 19 outcomes, like the seeded one. */
const STANDARD = Array.from({ length: 19 }, (_, i) => `o${i + 1}`);

const judged = (
  outcomeIds: readonly string[],
  judgement: (id: string) => Judgement = () => 'met',
) => outcomeIds.map((outcomeId) => ({ outcomeId, judgement: judgement(outcomeId) }));

describe('the assessment decision', () => {
  it('is certified when every outcome of the standard is in scope and met', () => {
    const result = decide({ judgements: judged(STANDARD), required: STANDARD });
    expect(result).toEqual({ decision: 'certified', met: STANDARD, partlyMet: [], notMet: [] });
  });

  it('is partial when 2 of 19 outcomes are in scope and both are met', () => {
    const result = decide({ judgements: judged(['o1', 'o2']), required: STANDARD });
    expect(result).toEqual({ decision: 'partial', met: ['o1', 'o2'], partlyMet: [], notMet: [] });
  });

  it('is partial when every outcome is in scope and one is only partly met', () => {
    const result = decide({
      judgements: judged(STANDARD, (id) => (id === 'o7' ? 'partly_met' : 'met')),
      required: STANDARD,
    });
    expect(result.decision).toBe('partial');
    expect(result.met).toHaveLength(18);
    expect(result.partlyMet).toEqual(['o7']);
  });

  it('is partial when every outcome is in scope and one is not met', () => {
    const result = decide({
      judgements: judged(STANDARD, (id) => (id === 'o19' ? 'not_met' : 'met')),
      required: STANDARD,
    });
    expect(result).toMatchObject({ decision: 'partial', notMet: ['o19'] });
  });

  it('is partial with one outcome met and the rest partly or not met', () => {
    const result = decide({
      judgements: judged(['o1', 'o2', 'o3'], (id) =>
        id === 'o1' ? 'met' : id === 'o2' ? 'partly_met' : 'not_met',
      ),
      required: STANDARD,
    });
    expect(result).toEqual({
      decision: 'partial',
      met: ['o1'],
      partlyMet: ['o2'],
      notMet: ['o3'],
    });
  });

  it('is not_certified when nothing is met, partly met included', () => {
    const result = decide({
      judgements: judged(STANDARD, (id) => (id === 'o1' ? 'partly_met' : 'not_met')),
      required: STANDARD,
    });
    expect(result.decision).toBe('not_certified');
    expect(result.met).toEqual([]);
  });

  it('is not_certified when nothing is judged', () => {
    expect(decide({ judgements: [], required: STANDARD })).toEqual({
      decision: 'not_certified',
      met: [],
      partlyMet: [],
      notMet: [],
    });
  });

  it('is not_certified when nothing is judged and nothing required', () => {
    expect(decide({ judgements: [], required: [] }).decision).toBe('not_certified');
  });

  it('is partial at most when the standard is unknown (nothing required)', () => {
    expect(decide({ judgements: judged(['o1', 'o2']), required: [] }).decision).toBe('partial');
  });

  it('is certified when only the required outcomes are met (once standards mark them mandatory)', () => {
    const result = decide({
      judgements: judged(STANDARD, (id) => (id === 'o19' ? 'not_met' : 'met')),
      required: STANDARD.slice(0, 18),
    });
    expect(result.decision).toBe('certified');
  });
});
