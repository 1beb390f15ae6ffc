import { protectTable, type PublishedEntry } from './protect-table';
import type { CellFacts, Dimension, EntryKey } from './table';
import { TableFactsError } from './table-entries';

const ownTenant = { employerRule: false };

/** A cell whose cases come from one employer (tables read with the employer rule off). */
function cell(key: EntryKey, count: number, measures?: Record<string, number>): CellFacts {
  return { key, count, contributions: count > 0 ? { own: count } : {}, measures };
}

/** A two-way table from a grid of counts, rows × columns. */
function grid(counts: number[][]): { dimensions: Dimension[]; cells: CellFacts[] } {
  const rows = counts.map((_, i) => `r${i + 1}`);
  const columns = counts[0].map((_, j) => `c${j + 1}`);
  return {
    dimensions: [
      { name: 'region', values: rows },
      { name: 'standard', values: columns },
    ],
    cells: counts.flatMap((row, i) => row.map((n, j) => cell([rows[i], columns[j]], n))),
  };
}

function figure(entries: readonly PublishedEntry[], key: EntryKey): PublishedEntry {
  const found = entries.find((e) => JSON.stringify(e.key) === JSON.stringify(key));
  if (!found) throw new Error(`no entry ${JSON.stringify(key)}`);
  return found;
}

function withheld(entries: readonly PublishedEntry[]): Record<string, string> {
  return Object.fromEntries(
    entries.flatMap((e) => (e.suppressed ? [[JSON.stringify(e.key), e.reason]] : [])),
  );
}

describe('protectTable', () => {
  it('withholds the smallest other cell of a one-way table beside a small one', () => {
    const table = {
      dimensions: [{ name: 'standard', values: ['a', 'b', 'c'] }],
      cells: [cell(['a'], 10), cell(['b'], 2), cell(['c'], 20)],
    };
    const { entries } = protectTable(table, ownTenant);
    expect(withheld(entries)).toEqual({ '["a"]': 'secondary', '["b"]': 'k' });
    expect(figure(entries, ['c'])).toMatchObject({ suppressed: false, count: 20 });
    expect(figure(entries, [null])).toEqual({
      key: [null],
      kind: 'margin',
      suppressed: false,
      count: 32,
    });
  });

  it('closes every row and column of a two-way table around a small cell', () => {
    //        c1  c2  c3 | total
    //   r1   10   3  12 |  25      r1c2 < k; row r1 then gives r1c1 (10, its smallest),
    //   r2    8   9  20 |  37      column c1 gives r2c1 (8), column c2 gives r2c2 (9),
    //   ----------------+         and every line now holds 0 or 2 withheld figures.
    //        18  12  32 |  62
    const { entries } = protectTable(
      grid([
        [10, 3, 12],
        [8, 9, 20],
      ]),
      ownTenant,
    );
    expect(withheld(entries)).toEqual({
      '["r1","c2"]': 'k',
      '["r1","c1"]': 'secondary',
      '["r2","c1"]': 'secondary',
      '["r2","c2"]': 'secondary',
    });
    expect(figure(entries, ['r1', null])).toMatchObject({ suppressed: false, count: 25 });
    expect(figure(entries, [null, 'c2'])).toMatchObject({ suppressed: false, count: 12 });
  });

  it('withholds a margin that fails the rules, and protects it like a cell', () => {
    //        c1  c2 | total
    //   r1    2   1 |   3      r1c1, r1c2 and the row margin r1 are < k. Column c1 then gives
    //   r2   30  40 |  70      r2c1 (else r1c1 = 32 - 30), column c2 gives r2c2, and the column
    //   ------------+          of row margins (3, 70 | 73) gives r2's margin (else 3 = 73 - 70).
    //        32  41 |  73
    const { entries } = protectTable(
      grid([
        [2, 1],
        [30, 40],
      ]),
      ownTenant,
    );
    expect(withheld(entries)).toEqual({
      '["r1","c1"]': 'k',
      '["r1","c2"]': 'k',
      '["r1",null]': 'k',
      '["r2","c1"]': 'secondary',
      '["r2","c2"]': 'secondary',
      '["r2",null]': 'secondary',
    });
  });

  it('publishes empty cells as 0 and never withholds one to protect another', () => {
    const { entries } = protectTable(
      grid([
        [0, 3, 9],
        [0, 7, 11],
      ]),
      ownTenant,
    );
    expect(figure(entries, ['r1', 'c1'])).toMatchObject({ suppressed: false, count: 0 });
    expect(figure(entries, ['r2', 'c1'])).toMatchObject({ suppressed: false, count: 0 });
    expect(withheld(entries)).toEqual({
      '["r1","c2"]': 'k',
      '["r1","c3"]': 'secondary',
      '["r2","c2"]': 'secondary',
      '["r2","c3"]': 'secondary',
    });
  });

  it('protects a small cell the row and column rule alone would leave exposed', () => {
    // The small cells form two closed rectangles (rows 1-2 × columns 1-2, rows 3-4 × columns
    // 3-4) joined by r2c3 alone: every row and column holds 0 or at least 2 withheld cells, yet
    // r2c3 = (row r2 margin - r2c4) - (r2c1 + r2c2), and r2c1 + r2c2 is known from column
    // sums of the first rectangle. The audit finds it and withholds r2c4, closing a cycle.
    const counts = [
      [1, 2, 30, 30],
      [3, 4, 1, 30],
      [30, 30, 2, 3],
      [30, 30, 4, 1],
    ];
    const { entries } = protectTable(grid(counts), ownTenant);
    const secondary = Object.entries(withheld(entries)).filter(([, r]) => r === 'secondary');
    expect(secondary).toEqual([['["r2","c4"]', 'secondary']]);
  });

  it('judges margins by their employers too', () => {
    const table = {
      dimensions: [
        { name: 'region', values: ['north', 'south'] },
        { name: 'standard', values: ['care'] },
      ],
      cells: [
        { key: ['north', 'care'], count: 6, contributions: { a: 3, b: 3 } },
        { key: ['south', 'care'], count: 6, contributions: new Map([['a', 6]]) },
      ],
    };
    const { entries } = protectTable(table);
    // Every figure has at most two employers (a and b), so every one fails the employer rule.
    expect(withheld(entries)).toEqual({
      '["north","care"]': 'employers',
      '["north",null]': 'employers',
      '["south","care"]': 'employers',
      '["south",null]': 'employers',
      '[null,"care"]': 'employers',
      '[null,null]': 'employers',
    });
  });

  it('withholds measures such as lead-time percentiles with a withheld figure', () => {
    const table = {
      dimensions: [{ name: 'standard', values: ['a', 'b', 'c'] }],
      cells: [
        cell(['a'], 12, { leadTimeP50: 30, leadTimeP90: 80 }),
        cell(['b'], 3, { leadTimeP50: 14, leadTimeP90: 20 }),
        cell(['c'], 9, { leadTimeP50: 40, leadTimeP90: 95 }),
      ],
      marginMeasures: [{ key: [null], measures: { leadTimeP50: 33, leadTimeP90: 90 } }],
    };
    const { entries } = protectTable(table, ownTenant);
    expect(figure(entries, ['b'])).toEqual({
      key: ['b'],
      kind: 'cell',
      suppressed: true,
      reason: 'k',
    });
    expect(figure(entries, ['c'])).toEqual({
      key: ['c'],
      kind: 'cell',
      suppressed: true,
      reason: 'secondary',
    });
    expect(figure(entries, ['a'])).toMatchObject({
      measures: { leadTimeP50: 30, leadTimeP90: 80 },
    });
    expect(figure(entries, [null])).toMatchObject({ measures: { leadTimeP50: 33 } });
  });

  it('rejects facts whose employers do not add up to the count, and unknown cells', () => {
    const dimensions = [{ name: 'standard', values: ['a'] }];
    expect(() =>
      protectTable({ dimensions, cells: [{ key: ['a'], count: 5, contributions: { x: 4 } }] }),
    ).toThrow(TableFactsError);
    expect(() => protectTable({ dimensions, cells: [cell(['z'], 5)] })).toThrow(/not a cell/);
    expect(() => protectTable({ dimensions, cells: [cell(['a'], 5), cell(['a'], 5)] })).toThrow(
      /twice/,
    );
  });
});
