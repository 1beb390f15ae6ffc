import type { Decision, Judgement } from '@balanse/contracts';

/**
 * The decision rule: every outcome met → certified (full standard); at least one met → partial
 * (a kompetansebevis for what was met); none met → not_certified. `partly_met` counts as not met
 * for the credential; it is kept so a training plan can build on it.
 */
export function decide(judgements: Array<{ outcomeId: string; judgement: Judgement }>) {
  const ids = (j: Judgement) => judgements.filter((x) => x.judgement === j).map((x) => x.outcomeId);
  const met = ids('met');
  const decision: Decision =
    met.length === judgements.length && met.length > 0
      ? 'certified'
      : met.length > 0
        ? 'partial'
        : 'not_certified';
  return { decision, met, partlyMet: ids('partly_met'), notMet: ids('not_met') };
}
