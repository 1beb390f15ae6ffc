// The proof that secondary suppression works: for generated tables, every figure withheld by a
// primary rule has an alternative. An alternative is a whole table of cells, none negative, that
// gives exactly the same value for every published figure (cells, margins, grand total) while the
// withheld figure takes another value: so the published table cannot pin it down, its feasible
// range over the whole numbers has min != max. The alternative is found by solving the margin
// equations (the integer null space of the withheld unknowns) and checked here on its own terms,
// by adding up its cells again, so the check does not trust the solver.
import { type ReducedEquations, reducedEquations } from './derivability';
import { marginLines } from './margin-lines';
import { protectTable, type PublishedEntry } from './protect-table';
import {
  allEntryKeys,
  type CellFacts,
  coversCell,
  type Dimension,
  entryId,
  type EntryKey,
  isCell,
  type TableFacts,
} from './table';

type Random = () => number;

/** mulberry32: small, seeded, good enough to spread test tables. */
function seededRandom(seed: number): Random {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function between(random: Random, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

const EMPLOYERS = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'];
const VALUES_PER_DIMENSION: Record<number, [number, number]> = { 1: [2, 6], 2: [2, 4], 3: [2, 3] };

/** Many small and empty cells, so that most tables need both kinds of suppression. */
function generatedTable(random: Random, dimensionCount: number): TableFacts {
  const [low, high] = VALUES_PER_DIMENSION[dimensionCount];
  const dimensions: Dimension[] = Array.from({ length: dimensionCount }, (_, d) => ({
    name: `d${d}`,
    values: Array.from({ length: between(random, low, high) }, (_, v) => `v${v}`),
  }));
  const keys = allEntryKeys(dimensions);
  const cells = keys.filter(isCell).map((key) => generatedCell(random, key));
  const marginMeasures = keys
    .filter((key) => !isCell(key))
    .map((key) => ({ key, measures: leadTimes(random) }));
  return { dimensions, cells, marginMeasures };
}

function leadTimes(random: Random) {
  return { leadTimeP50: between(random, 10, 60), leadTimeP90: between(random, 60, 200) };
}

function generatedCell(random: Random, key: EntryKey): CellFacts {
  const roll = random();
  const count = roll < 0.25 ? 0 : roll < 0.6 ? between(random, 1, 4) : between(random, 5, 40);
  const contributions: Record<string, number> = {};
  const employers = EMPLOYERS.filter(() => random() < 0.5).slice(0, count);
  const chosen = employers.length > 0 || count === 0 ? employers : ['e1'];
  chosen.forEach((e) => (contributions[e] = 1));
  for (let i = chosen.length; i < count; i++)
    contributions[chosen[between(random, 0, chosen.length - 1)]]++;
  return { key, count, contributions, measures: count > 0 ? leadTimes(random) : undefined };
}

function generatedRules(random: Random) {
  return {
    k: [3, 5, 7][between(random, 0, 2)],
    minEmployers: between(random, 2, 3),
    dominanceShare: [0.6, 0.8][between(random, 0, 1)],
    employerRule: random() < 0.7,
  };
}

/** The true value of every figure, summed straight from the cells. */
function trueFigures(dimensions: readonly Dimension[], cellCount: (key: EntryKey) => number) {
  const cells = allEntryKeys(dimensions).filter(isCell);
  return new Map(
    allEntryKeys(dimensions).map((key) => [
      entryId(key),
      cells.filter((cell) => coversCell(key, cell)).reduce((sum, cell) => sum + cellCount(cell), 0),
    ]),
  );
}

/** Whole-number directions in which the withheld figures can move with all equations kept. */
function integerNullSpace(equations: ReducedEquations): bigint[][] {
  const width = equations.unknowns.length;
  const free = [...Array(width).keys()].filter((j) => !equations.pivots.includes(j));
  return free.map((f) => {
    // Unknown f moves by `scale`; each pivot unknown moves to keep its row's equation.
    const moved = equations.rows.flatMap((row, r) =>
      row[f] === 0n ? [] : [{ row, pivot: equations.pivots[r] }],
    );
    const scale = moved.reduce((l, { row, pivot }) => lcm(l, abs(row[pivot])), 1n);
    const direction = new Array<bigint>(width).fill(0n);
    direction[f] = scale;
    moved.forEach(({ row, pivot }) => (direction[pivot] = (-row[f] * scale) / row[pivot]));
    const g = direction.reduce((acc, c) => gcd(acc, abs(c)), 0n);
    return direction.map((c) => c / g);
  });
}

const abs = (n: bigint) => (n < 0n ? -n : n);
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
const lcm = (a: bigint, b: bigint) => (a / gcd(a, b)) * b;

/**
 * Another table that publishes the same figures but a different value for `target`, or
 * `undefined` if none is found among the null-space directions and their pairwise sums.
 */
function alternativeTable(
  table: TableFacts,
  withheld: ReadonlySet<string>,
  target: string,
): Map<string, number> | undefined {
  const truth = trueFigures(table.dimensions, cellCounts(table));
  const keys = allEntryKeys(table.dimensions);
  const equations = reducedEquations(marginLines(table.dimensions, keys), withheld);
  const t = equations.unknowns.indexOf(target);
  const basis = integerNullSpace(equations);
  const pairs = basis.flatMap((a, i) =>
    basis.slice(i + 1).flatMap((b) => [add(a, b, 1n), add(a, b, -1n)]),
  );
  for (const direction of [...basis, ...pairs].filter((d) => d[t] !== 0n)) {
    for (const sign of [1n, -1n]) {
      const moved = equations.unknowns.map(
        (id, j) => BigInt(truth.get(id) ?? 0) + sign * direction[j],
      );
      if (moved.every((v) => v >= 0n)) {
        return new Map(equations.unknowns.map((id, j) => [id, Number(moved[j])]));
      }
    }
  }
  return undefined;
}

function add(a: bigint[], b: bigint[], sign: bigint): bigint[] {
  return a.map((c, j) => c + sign * b[j]);
}

/** Adds the alternative's cells up again and compares with every published figure. */
function provesNonDerivable(
  table: TableFacts,
  published: ReadonlyMap<string, number>,
  target: string,
  alternative: ReadonlyMap<string, number>,
): boolean {
  const truth = cellCounts(table);
  const altCell = (key: EntryKey) => alternative.get(entryId(key)) ?? truth(key);
  const cellsWhole = table.cells.every(
    (c) => Number.isSafeInteger(altCell(c.key)) && altCell(c.key) >= 0,
  );
  const altFigures = trueFigures(table.dimensions, altCell);
  const samePublished = [...published].every(([id, count]) => altFigures.get(id) === count);
  return (
    cellsWhole &&
    samePublished &&
    altFigures.get(target) !== trueFigures(table.dimensions, truth).get(target)
  );
}

function cellCounts(table: TableFacts): (key: EntryKey) => number {
  const counts = new Map(table.cells.map((cell) => [entryId(cell.key), cell.count]));
  return (key) => counts.get(entryId(key)) ?? 0;
}

function publishedFigures(published: readonly PublishedEntry[]): Map<string, number> {
  return new Map(published.flatMap((e) => (e.suppressed ? [] : [[entryId(e.key), e.count]])));
}

/** What a table with only primary suppression would publish. */
function primaryOnlyFigures(table: TableFacts, primary: ReadonlySet<string>) {
  const truth = trueFigures(table.dimensions, cellCounts(table));
  return new Map([...truth].filter(([id]) => !primary.has(id)));
}

function primaryWithheld(published: readonly PublishedEntry[]): string[] {
  return published.flatMap((e) =>
    e.suppressed && e.reason !== 'secondary' ? [entryId(e.key)] : [],
  );
}

function withheldIds(published: readonly PublishedEntry[]): Set<string> {
  return new Set(published.flatMap((e) => (e.suppressed ? [entryId(e.key)] : [])));
}

const TABLES_PER_DIMENSION_COUNT = 100;

function generatedCases() {
  const random = seededRandom(20261129);
  return [1, 2, 3].flatMap((dimensionCount) =>
    Array.from({ length: TABLES_PER_DIMENSION_COUNT }, () => ({
      table: generatedTable(random, dimensionCount),
      rules: generatedRules(random),
    })),
  );
}

describe('disclosure control on generated tables', () => {
  const cases = generatedCases().map(({ table, rules }) => ({
    table,
    published: protectTable(table, rules).entries,
  }));

  it('leaves no primary-withheld figure derivable from the published ones', () => {
    const unproven: string[] = [];
    let proven = 0;
    cases.forEach(({ table, published }, n) => {
      for (const target of primaryWithheld(published)) {
        const alternative = alternativeTable(table, withheldIds(published), target);
        const figures = publishedFigures(published);
        if (alternative && provesNonDerivable(table, figures, target, alternative)) proven++;
        else unproven.push(`table ${n}: ${target}`);
      }
    });
    expect(unproven).toEqual([]);
    // The argument that a published 0 protects (README.md): every withheld figure is at least 1.
    for (const { table, published } of cases) {
      const truth = trueFigures(table.dimensions, cellCounts(table));
      expect([...withheldIds(published)].every((id) => (truth.get(id) ?? 0) >= 1)).toBe(true);
    }
    // Not vacuous: the generated tables withhold many figures, secondarily as well.
    expect(proven).toBeGreaterThan(1000);
    expect(
      cases.filter(({ published }) =>
        published.some((e) => e.suppressed && e.reason === 'secondary'),
      ).length,
    ).toBeGreaterThan(200);
  });

  it('would catch a table published with primary suppression only', () => {
    const exposed = cases.filter(({ table, published }) => {
      const primaryOnly = new Set(primaryWithheld(published));
      const asIfPublished = primaryOnlyFigures(table, primaryOnly);
      return [...primaryOnly].some((target) => {
        const alternative = alternativeTable(table, primaryOnly, target);
        return !alternative || !provesNonDerivable(table, asIfPublished, target, alternative);
      });
    });
    expect(exposed.length).toBeGreaterThan(100);
  });

  it('withholds lead-time percentiles of every withheld figure and keeps them for the rest', () => {
    let withheld = 0;
    for (const { table, published } of cases) {
      const measures = new Map([
        ...table.cells.map((c) => [entryId(c.key), c.measures] as const),
        ...(table.marginMeasures ?? []).map((m) => [entryId(m.key), m.measures] as const),
      ]);
      for (const entry of published) {
        if (entry.suppressed) {
          withheld++;
          expect(entry).not.toHaveProperty('measures');
        } else expect(entry.measures).toEqual(measures.get(entryId(entry.key)));
      }
    }
    expect(withheld).toBeGreaterThan(1000);
  });
});
