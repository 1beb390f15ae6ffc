import type { Provider } from '@nestjs/common';
import { ConfigError, type ServiceSetup } from '@balanse/runtime';
import { type DisclosureRules, DisclosureRulesError, disclosureRules } from '../disclosure';

/** The disclosure rules every cross-employer table is published under. */
export class StatisticsRules {
  constructor(readonly rules: DisclosureRules) {}
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
  try {
    return new StatisticsRules(disclosureRules(overrides));
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
