import { percentilesByEntry } from './percentiles';

describe('percentilesByEntry (nearest rank)', () => {
  it('cells from their histograms, margins from the summed ones', () => {
    const result = percentilesByEntry([
      // 10 days ×3, 20 ×2: rank ⌈2.5⌉ = 3 → 10, rank ⌈4.5⌉ = 5 → 20.
      { key: ['a'], days: [10, 20], counts: [3, 2] },
      // 1 day ×1, 30 ×4: rank 3 → 30, rank 5 → 30.
      { key: ['b'], days: [30, 1], counts: [4, 1] },
    ]);
    expect(result).toEqual(
      expect.arrayContaining([
        { key: ['a'], p50: 10, p90: 20 },
        { key: ['b'], p50: 30, p90: 30 },
        // 1, 10 ×3, 20 ×2, 30 ×4 (10 cases): rank 5 → 20, rank 9 → 30.
        { key: [null], p50: 20, p90: 30 },
      ]),
    );
    expect(result).toHaveLength(3);
  });

  it('one case: both percentiles are its days', () => {
    expect(percentilesByEntry([{ key: ['x', 'y'], days: [7], counts: [1] }])).toEqual([
      { key: ['x', 'y'], p50: 7, p90: 7 },
      { key: ['x', null], p50: 7, p90: 7 },
      { key: [null, 'y'], p50: 7, p90: 7 },
      { key: [null, null], p50: 7, p90: 7 },
    ]);
  });
});
