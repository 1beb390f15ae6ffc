import type { Provider } from '@nestjs/common';
import { ConfigError, type ServiceSetup } from '@balanse/runtime';
import { type DisclosureRules, DisclosureRulesError, disclosureRules } from '../disclosure';

/** Answers kept until the rollups change, unless `STATISTICS_ANSWERS_KEPT` says otherwise. */
export const DEFAULT_ANSWERS_KEPT = 32;

/**
 * The disclosure rules every cross-employer table is published under, and how many answers are
 * kept (0: none; the statistics bench measures every answer computed).
 */
export class StatisticsRules {
  constructor(
    readonly rules: DisclosureRules,
    readonly answersKept = DEFAULT_ANSWERS_KEPT,
  ) {}
}

const ENV = {
  k: 'STATISTICS_K',
  minEmployers: 'STATISTICS_MIN_EMPLOYERS',
  dominanceShare: 'STATISTICS_DOMINANCE',
} as const;

/**
 * The rules from the environment: `STATISTICS_K` (default 5), `STATISTICS_MIN_EMPLOYERS` (3),
 * `STATISTICS_DOMINANCE` (0.8, the largest share one employer may hold); a bad value stops the
 * start with a message naming it.
 */
export function statisticsRulesFromEnv(env: NodeJS.ProcessEnv): StatisticsRules {
  const overrides: Partial<Record<keyof typeof ENV, number>> = {};
  for (const [rule, name] of Object.entries(ENV) as Array<[keyof typeof ENV, string]>) {
    const text = env[name]?.trim();
    if (text) overrides[rule] = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  }
  const kept = env['STATISTICS_ANSWERS_KEPT']?.trim();
  if (kept && !/^\d{1,4}$/.test(kept))
    throw new ConfigError(
      `invalid configuration:\n  STATISTICS_ANSWERS_KEPT: must be a whole number from 0 to 9999 (got ${kept})`,
    );
  try {
    return new StatisticsRules(
      disclosureRules(overrides),
      kept ? Number(kept) : DEFAULT_ANSWERS_KEPT,
    );
  } catch (err) {
    if (!(err instanceof DisclosureRulesError)) throw err;
    const lines = err.problems.map((problem) => {
      const rule = (Object.keys(ENV) as Array<keyof typeof ENV>).find((r) => problem.startsWith(r));
      return `  ${rule ? ENV[rule] : 'STATISTICS'}: ${problem}`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
}

/** Statistics' `configure`: the disclosure rules, the same in both modes. */
export async function configureStatistics(setup: ServiceSetup): Promise<Provider[]> {
  return [{ provide: StatisticsRules, useValue: statisticsRulesFromEnv(setup.env) }];
}
