import { type DisclosureRules, disclosureRules } from './disclosure-rules';
import { marginLines } from './margin-lines';
import {
  type PrimaryReason,
  primarySuppressionReason,
  type SuppressionReason,
} from './primary-suppression';
import { secondarySuppression } from './secondary-suppression';
import {
  type Dimension,
  type EntryKey,
  isCell,
  type Measures,
  type TableEntry,
  type TableFacts,
} from './table';
import { tableEntries } from './table-entries';

/** A figure as it may leave the service: never the employers behind it. */
export type PublishedEntry =
  | {
      readonly key: EntryKey;
      readonly kind: EntryKind;
      readonly suppressed: false;
      readonly count: number;
      readonly measures?: Measures;
    }
  | {
      readonly key: EntryKey;
      readonly kind: EntryKind;
      readonly suppressed: true;
      readonly reason: SuppressionReason;
    };

export type EntryKind = 'cell' | 'margin';

export interface ProtectedTable {
  readonly dimensions: readonly Dimension[];
  /** Every cell and margin, the grand total last. */
  readonly entries: readonly PublishedEntry[];
}

/**
 * The table as it may be published under `rules` (defaults: k = 5, m = 3 employers, 80 %
 * dominance): primary suppression of every cell and margin that fails the rules, then secondary
 * suppression until no withheld figure can be solved for; withheld figures lose their measures.
 */
export function protectTable(
  table: TableFacts,
  rules: Partial<DisclosureRules> = {},
): ProtectedTable {
  const valid = disclosureRules(rules);
  const entries = tableEntries(table);
  const lines = marginLines(
    table.dimensions,
    [...entries.values()].map((e) => e.key),
  );
  const primary = primaryReasons(entries, valid);
  const secondary = secondarySuppression(entries, lines, new Set(primary.keys()));
  return {
    dimensions: table.dimensions,
    entries: [...entries].map(([id, entry]) =>
      publishedEntry(entry, primary.get(id) ?? (secondary.has(id) ? 'secondary' : undefined)),
    ),
  };
}

function primaryReasons(
  entries: ReadonlyMap<string, TableEntry>,
  rules: DisclosureRules,
): Map<string, PrimaryReason> {
  const reasons = new Map<string, PrimaryReason>();
  for (const [id, entry] of entries) {
    const reason = primarySuppressionReason(entry, rules);
    if (reason) reasons.set(id, reason);
  }
  return reasons;
}

function publishedEntry(entry: TableEntry, reason: SuppressionReason | undefined): PublishedEntry {
  const kind = isCell(entry.key) ? 'cell' : 'margin';
  if (reason) return { key: entry.key, kind, suppressed: true, reason };
  return entry.measures
    ? { key: entry.key, kind, suppressed: false, count: entry.count, measures: entry.measures }
    : { key: entry.key, kind, suppressed: false, count: entry.count };
}
