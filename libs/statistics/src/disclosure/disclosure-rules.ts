/**
 * The thresholds a published figure must meet. `employerRule` is false only when an employer
 * reads its own tenant's figures: it may see its own cases per cell, so only the k rule (which
 * protects the candidates) applies.
 */
export interface DisclosureRules {
  /** Fewest cases a published figure may count. */
  readonly k: number;
  /** Fewest distinct employers that must contribute to a published figure. */
  readonly minEmployers: number;
  /** Largest share of a figure's cases one employer may contribute (0 < share ≤ 1). */
  readonly dominanceShare: number;
  readonly employerRule: boolean;
}

export const DEFAULT_DISCLOSURE_RULES: DisclosureRules = {
  k: 5,
  minEmployers: 3,
  dominanceShare: 0.8,
  employerRule: true,
};

export class DisclosureRulesError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid disclosure rules: ${problems.join('; ')}`);
    this.name = 'DisclosureRulesError';
  }
}

/** The defaults overridden by `overrides`, validated; throws with one message per bad value. */
export function disclosureRules(overrides: Partial<DisclosureRules> = {}): DisclosureRules {
  const rules = { ...DEFAULT_DISCLOSURE_RULES, ...overrides };
  const problems = disclosureRuleProblems(rules);
  if (problems.length > 0) throw new DisclosureRulesError(problems);
  return rules;
}

function disclosureRuleProblems(rules: DisclosureRules): string[] {
  const problems: string[] = [];
  if (!Number.isSafeInteger(rules.k) || rules.k < 1) {
    problems.push(`k must be a whole number of at least 1, got ${rules.k}`);
  }
  if (!Number.isSafeInteger(rules.minEmployers) || rules.minEmployers < 1) {
    problems.push(`minEmployers must be a whole number of at least 1, got ${rules.minEmployers}`);
  }
  if (!(rules.dominanceShare > 0 && rules.dominanceShare <= 1)) {
    problems.push(`dominanceShare must be above 0 and at most 1, got ${rules.dominanceShare}`);
  }
  if (typeof rules.employerRule !== 'boolean') {
    problems.push(`employerRule must be true or false, got ${String(rules.employerRule)}`);
  }
  return problems;
}
