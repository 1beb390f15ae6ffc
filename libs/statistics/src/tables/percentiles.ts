import { coveringKeys } from './entry-sums';

/** One cell's lead-time histogram: cases (`counts`) per whole number of days (`days`). */
export interface CellHistogram {
  key: readonly string[];
  days: readonly number[];
  counts: readonly number[];
}

export interface EntryPercentiles {
  /** The cell's key, or a margin's (`null`: summed over that dimension). */
  key: (string | null)[];
  p50: number;
  p90: number;
}

/**
 * Nearest-rank percentiles of every cell and margin: a margin's from the sum of its cells'
 * histograms. The P-th percentile of N cases is the smallest number of days whose running count
 * reaches P·N (rank ⌈P·N⌉). Each cell adds its histogram to the 2^d entries that cover it.
 */
export function percentilesByEntry(cells: readonly CellHistogram[]): EntryPercentiles[] {
  const entries = new Map<string, { key: (string | null)[]; histogram: Map<number, number> }>();
  for (const cell of cells) {
    for (const key of coveringKeys(cell.key)) {
      const id = JSON.stringify(key);
      let entry = entries.get(id);
      if (!entry) entries.set(id, (entry = { key, histogram: new Map() }));
      const { histogram } = entry;
      for (let i = 0; i < cell.days.length; i++)
        histogram.set(cell.days[i], (histogram.get(cell.days[i]) ?? 0) + cell.counts[i]);
    }
  }
  const result: EntryPercentiles[] = [];
  for (const { key, histogram } of entries.values()) {
    const days = [...histogram.keys()].sort((a, b) => a - b);
    const total = days.reduce((sum, d) => sum + histogram.get(d)!, 0);
    if (total === 0) continue;
    result.push({
      key,
      p50: nearestRank(days, histogram, total, 0.5),
      p90: nearestRank(days, histogram, total, 0.9),
    });
  }
  return result;
}

function nearestRank(
  days: readonly number[],
  histogram: ReadonlyMap<number, number>,
  total: number,
  p: number,
): number {
  // Whole-number arithmetic: running ≥ p·total, with p in tenths, never a rounding error.
  const tenths = Math.round(p * 10);
  let running = 0;
  for (const d of days) {
    running += histogram.get(d)!;
    if (running * 10 >= total * tenths) return d;
  }
  return days[days.length - 1];
}
