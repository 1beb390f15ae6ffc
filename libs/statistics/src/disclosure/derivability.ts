import type { MarginLine } from './margin-lines';

/**
 * A reduced row echelon form, in whole numbers, of the margin equations restricted to the
 * withheld figures (the unknowns): published figures only move the right-hand side, which does
 * not decide whether an unknown is determined. Each row has one pivot column, zero in all other
 * rows.
 */
export interface ReducedEquations {
  readonly unknowns: readonly string[];
  readonly rows: readonly (readonly bigint[])[];
  readonly pivots: readonly number[];
}

export function reducedEquations(
  lines: readonly MarginLine[],
  withheld: ReadonlySet<string>,
): ReducedEquations {
  const unknowns = [...withheld];
  const column = new Map(unknowns.map((id, i) => [id, i]));
  const rows = lines
    .map((line) => equationRow(line, column, unknowns.length))
    .filter((row) => row.some((c) => c !== 0n));
  return eliminate(unknowns, rows);
}

/**
 * The withheld figures the equations pin to one value. Exact over the rationals: an unknown is
 * determined if and only if some reduced row has it as its only entry. With every withheld
 * figure at least 1 (empty entries are published), an undetermined one can move both ways
 * without any figure turning negative, so its feasible range has width above 0.
 */
export function determinedUnknowns(equations: ReducedEquations): Set<string> {
  const determined = new Set<string>();
  equations.rows.forEach((row, r) => {
    if (row.every((c, j) => j === equations.pivots[r] || c === 0n)) {
      determined.add(equations.unknowns[equations.pivots[r]]);
    }
  });
  return determined;
}

function equationRow(line: MarginLine, column: Map<string, number>, width: number): bigint[] {
  const row = new Array<bigint>(width).fill(0n);
  const add = (id: string, coefficient: bigint) => {
    const j = column.get(id);
    if (j !== undefined) row[j] += coefficient;
  };
  add(line.total, 1n);
  line.members.forEach((id) => add(id, -1n));
  return row;
}

/** Gauss-Jordan elimination kept in whole numbers (each row divided by its gcd). */
function eliminate(unknowns: readonly string[], input: bigint[][]): ReducedEquations {
  const rows = input.map((row) => [...row]);
  const pivots: number[] = [];
  for (let j = 0; j < unknowns.length && pivots.length < rows.length; j++) {
    const r = pivots.length;
    const p = rows.findIndex((row, i) => i >= r && row[j] !== 0n);
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p], rows[r]];
    rows.forEach((row, i) => {
      if (i !== r && row[j] !== 0n) rows[i] = withoutColumn(row, rows[r], j);
    });
    pivots.push(j);
  }
  return { unknowns, rows: rows.slice(0, pivots.length), pivots };
}

function withoutColumn(row: bigint[], pivotRow: bigint[], j: number): bigint[] {
  const a = pivotRow[j];
  const b = row[j];
  return divideByGcd(row.map((c, k) => c * a - pivotRow[k] * b));
}

function divideByGcd(row: bigint[]): bigint[] {
  const g = row.reduce((acc, c) => gcd(acc, c < 0n ? -c : c), 0n);
  return g > 1n ? row.map((c) => c / g) : row;
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}
