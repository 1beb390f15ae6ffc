import {
  allEntryKeys,
  type CellFacts,
  coversCell,
  entryId,
  isCell,
  type TableEntry,
  type TableFacts,
} from './table';

export class TableFactsError extends Error {
  constructor(message: string) {
    super(`invalid table facts: ${message}`);
    this.name = 'TableFactsError';
  }
}

/** Every cell and margin of the table, margins summed from the cells, by entry id. */
export function tableEntries(table: TableFacts): Map<string, TableEntry> {
  const cells = validCells(table);
  const measures = new Map(table.marginMeasures?.map((m) => [entryId(m.key), m.measures]));
  const entries = new Map<string, TableEntry>();
  for (const key of allEntryKeys(table.dimensions)) {
    const id = entryId(key);
    const covered = cells.filter((cell) => coversCell(key, cell.key));
    entries.set(id, {
      key,
      count: covered.reduce((sum, cell) => sum + cell.count, 0),
      contributions: summedContributions(covered),
      measures: isCell(key) ? cells.find((c) => entryId(c.key) === id)?.measures : measures.get(id),
    });
  }
  return entries;
}

function summedContributions(cells: readonly CellFacts[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const cell of cells) {
    for (const [employer, cases] of contributionsOf(cell)) {
      if (cases > 0) sums.set(employer, (sums.get(employer) ?? 0) + cases);
    }
  }
  return sums;
}

function contributionsOf(cell: CellFacts): [string, number][] {
  const { contributions } = cell;
  return contributions instanceof Map ? [...contributions] : Object.entries(contributions);
}

function validCells(table: TableFacts): readonly CellFacts[] {
  const seen = new Set<string>();
  for (const cell of table.cells) {
    const id = entryId(cell.key);
    if (seen.has(id)) throw new TableFactsError(`cell ${id} appears twice`);
    seen.add(id);
    checkCellKey(table, cell);
    checkCellCount(cell);
  }
  return table.cells;
}

function checkCellKey(table: TableFacts, cell: CellFacts): void {
  const fits =
    cell.key.length === table.dimensions.length &&
    cell.key.every((value, i) => value !== null && table.dimensions[i].values.includes(value));
  if (!fits) throw new TableFactsError(`cell ${entryId(cell.key)} is not a cell of the table`);
}

/** A count must be whole and equal the employers' cases, or the employer rule would misjudge. */
function checkCellCount(cell: CellFacts): void {
  const cases = contributionsOf(cell).map(([, n]) => n);
  const whole = (n: number) => Number.isSafeInteger(n) && n >= 0;
  const contributed = cases.reduce((sum, n) => sum + n, 0);
  if (!whole(cell.count) || !cases.every(whole) || contributed !== cell.count) {
    throw new TableFactsError(
      `cell ${entryId(cell.key)} counts ${cell.count} but its employers contribute ${contributed}`,
    );
  }
}
