import type { Decision } from '@balanse/contracts';
import type { Judged } from './judgements';

export interface Decided {
  decision: Decision;
  met: string[];
  partlyMet: string[];
  notMet: string[];
}

/**
 * The decision rule. `certified` (the full standard) only when every required outcome was judged
 * met; required is every outcome of the standard (once standards mark outcomes mandatory, the
 * mandatory ones), so a scope narrower than that cannot be certified. Anything less with at
 * least one outcome met is `partial` (a kompetansebevis for what was met); nothing met is
 * `not_certified`. `partly_met` counts as not met for the credential; it is kept so a training
 * plan can build on it. Nothing required (a standard unknown) cannot be certified.
 */
export function decide(input: {
  judgements: readonly Judged[];
  required: readonly string[];
}): Decided {
  const { judgements, required } = input;
  const ids = (judgement: Judged['judgement']) =>
    judgements.filter((j) => j.judgement === judgement).map((j) => j.outcomeId);
  const met = ids('met');
  const isMet = new Set(met);
  const decision: Decision =
    required.length > 0 && required.every((id) => isMet.has(id))
      ? 'certified'
      : met.length > 0
        ? 'partial'
        : 'not_certified';
  return { decision, met, partlyMet: ids('partly_met'), notMet: ids('not_met') };
}
