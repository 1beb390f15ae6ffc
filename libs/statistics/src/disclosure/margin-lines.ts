import { type Dimension, entryId, type EntryKey } from './table';

/**
 * A total and the entries it sums along one dimension: a row or column of a two-way table with
 * its margin, and likewise at every level of an N-way table. Published figures obey
 * `total = Σ members` for every line, and these equations are all an attacker can solve.
 */
export interface MarginLine {
  readonly total: string;
  readonly members: readonly string[];
}

export function marginLines(
  dimensions: readonly Dimension[],
  keys: readonly EntryKey[],
): MarginLine[] {
  return keys.flatMap((key) =>
    key.flatMap((value, d) => (value === null ? [lineAlong(dimensions[d], d, key)] : [])),
  );
}

function lineAlong(dimension: Dimension, d: number, total: EntryKey): MarginLine {
  return {
    total: entryId(total),
    members: dimension.values.map((value) => entryId(total.map((v, i) => (i === d ? value : v)))),
  };
}
