import type { Decision } from '@balanse/contracts';

export type CredentialKind = 'full' | 'partial';

/**
 * The credential a decision earns. Only `certified` (every outcome of the standard met) earns
 * the full one; `partial` earns a partial certificate (kompetansebevis); nothing met, none.
 */
export function credentialKind(decision: Decision): CredentialKind | null {
  return decision === 'certified' ? 'full' : decision === 'partial' ? 'partial' : null;
}

/** How much of its standard a credential covers; null where the standard's outcomes are unknown. */
export interface StandardCoverage {
  outcomesMet: number;
  standardOutcomeCount: number | null;
  /** The standard's outcomes not met (partly met, not met, or outside the scope). */
  notYetMetOutcomeIds: string[] | null;
}

/** `standardOutcomeIds` is empty for a case that started before the standard's outcomes were carried. */
export function standardCoverage(
  met: readonly string[],
  standardOutcomeIds: readonly string[],
): StandardCoverage {
  if (standardOutcomeIds.length === 0)
    return { outcomesMet: met.length, standardOutcomeCount: null, notYetMetOutcomeIds: null };
  const isMet = new Set(met);
  return {
    outcomesMet: met.length,
    standardOutcomeCount: standardOutcomeIds.length,
    notYetMetOutcomeIds: standardOutcomeIds.filter((id) => !isMet.has(id)),
  };
}
