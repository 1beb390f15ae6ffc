import type { DisclosureRules } from './disclosure-rules';
import type { TableEntry } from './table';

/**
 * Why a figure is withheld: too few cases (`k`), too few employers (`employers`), one employer
 * too large a share (`dominance`), or to protect another withheld figure (`secondary`).
 */
export type SuppressionReason = 'k' | 'employers' | 'dominance' | 'secondary';

export type PrimaryReason = Exclude<SuppressionReason, 'secondary'>;

/**
 * Why the entry (a cell or a margin: margins are judged like cells) must be withheld on its own,
 * or `undefined` if it may be published.
 *
 * An empty entry (count 0) is published as 0: it tells of no candidate and no employer, so there
 * is no one to expose, and the k and employer rules, read literally, would withhold every empty
 * cell and with it the knowledge that a region or standard has no cases at all. It also means
 * every withheld figure is at least 1, which the non-derivability argument relies on (README.md).
 */
export function primarySuppressionReason(
  entry: TableEntry,
  rules: DisclosureRules,
): PrimaryReason | undefined {
  if (entry.count === 0) return undefined;
  if (entry.count < rules.k) return 'k';
  if (!rules.employerRule) return undefined;
  if (entry.contributions.size < rules.minEmployers) return 'employers';
  if (largestEmployerShare(entry) > rules.dominanceShare) return 'dominance';
  return undefined;
}

function largestEmployerShare(entry: TableEntry): number {
  return Math.max(...entry.contributions.values()) / entry.count;
}
