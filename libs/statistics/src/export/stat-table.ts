import type { SuppressionReason } from '../disclosure';

export type { SuppressionReason };
/**
 * A published statistics table: a full cube of categories (every combination once) with a value
 * per measure in each cell, or the cell withheld by disclosure control. Both exporters read it
 * through `tableCells`, which checks it first.
 */

/** Label languages: Norwegian bokmål (the default) and English. */
export type Lang = 'nb' | 'en';

export interface Localized {
  nb: string;
  en: string;
}

export interface StatCategory {
  id: string;
  label: Localized;
}

/** A breakdown of the table, e.g. sector or region; categories in publication order. */
export interface StatDimension {
  id: string;
  label: Localized;
  categories: readonly StatCategory[];
}

/** What each cell counts or measures, e.g. `count`, `share`, `p50Days`, `p90Days`. */
export interface StatMeasure {
  id: string;
  label: Localized;
  /** Published figures are rounded to `decimals`; `label` names the unit (e.g. dager/days). */
  unit: { decimals: number; label?: Localized };
}

/**
 * Why disclosure control withheld a cell:
 * - `k`: fewer cases than the threshold k;
 * - `employers`: cases from fewer employers than the threshold m;
 * - `dominance`: one employer stands for too large a part of the cell;
 * - `secondary`: withheld so that a primary cell cannot be recovered from totals (complementary
 *   suppression).
 */

export const SUPPRESSION_REASONS: readonly SuppressionReason[] = [
  'k',
  'employers',
  'dominance',
  'secondary',
];

/** Category id per dimension id. */
export type CellCoordinates = Readonly<Record<string, string>>;

/**
 * A cell that is published: one value per measure id, or `null` where the measure does not apply
 * (the median lead time or a share of a cell with no cases), shown with the symbol `.`.
 */
export interface PublishedCell {
  categories: CellCoordinates;
  values: Readonly<Record<string, number | null>>;
}

/** A cell withheld as a whole: any of its measures would reveal the cases behind it. */
export interface SuppressedCell {
  categories: CellCoordinates;
  suppressed: SuppressionReason;
}

export type StatCell = PublishedCell | SuppressedCell;

export interface StatTable {
  id: string;
  title: Localized;
  /** In publication order; the last one varies fastest in both export formats. */
  dimensions: readonly StatDimension[];
  measures: readonly StatMeasure[];
  /** Every combination of categories exactly once, in any order. */
  cells: readonly StatCell[];
  /** When the figures were last computed (ISO 8601 with zone). */
  updated: string;
  source: Localized;
  note?: readonly Localized[];
}

export class StatTableError extends Error {
  override name = 'StatTableError';
}

/** A checked cell with its categories resolved, in row-major order. */
export type TableCell =
  | {
      categories: readonly StatCategory[];
      /** Rounded to each measure's decimals, in measure order; null: not applicable. */
      values: readonly (number | null)[];
    }
  | { categories: readonly StatCategory[]; suppressed: SuppressionReason };

/** The id of the JSON-stat dimension that holds the measures (role `metric`). */
export const MEASURE_DIMENSION = 'measure';

/**
 * The cells in row-major order (the last dimension varies fastest), after checking that the
 * table is a full cube: a missing cell would otherwise be published as an unexplained gap.
 */
export function tableCells(table: StatTable): TableCell[] {
  checkIds(table);
  const strides = table.dimensions.map((_, d) =>
    table.dimensions.slice(d + 1).reduce((n, dim) => n * dim.categories.length, 1),
  );
  const size = table.dimensions.reduce((n, dim) => n * dim.categories.length, 1);
  const cells: (TableCell | undefined)[] = new Array(size);
  for (const cell of table.cells) {
    let index = 0;
    const categories = table.dimensions.map((dim, d) => {
      const id = cell.categories[dim.id];
      const at = dim.categories.findIndex((c) => c.id === id);
      if (at < 0) throw new StatTableError(`cell has no category of ${dim.id} or an unknown one`);
      index += at * strides[d];
      return dim.categories[at];
    });
    if (Object.keys(cell.categories).length !== table.dimensions.length) {
      throw new StatTableError(`cell ${describe(categories)} names a dimension the table lacks`);
    }
    if (cells[index]) throw new StatTableError(`cell ${describe(categories)} appears twice`);
    cells[index] = checkedCell(table, cell, categories);
  }
  const missing = cells.findIndex((c) => c === undefined);
  if (missing >= 0) {
    const categories = table.dimensions.map(
      (dim, d) => dim.categories[Math.floor(missing / strides[d]) % dim.categories.length],
    );
    throw new StatTableError(`table ${table.id} lacks cell ${describe(categories)}`);
  }
  return cells as TableCell[];
}

function checkedCell(
  table: StatTable,
  cell: StatCell,
  categories: readonly StatCategory[],
): TableCell {
  if ('suppressed' in cell) {
    if (!SUPPRESSION_REASONS.includes(cell.suppressed)) {
      throw new StatTableError(`cell ${describe(categories)}: unknown reason ${cell.suppressed}`);
    }
    return { categories, suppressed: cell.suppressed };
  }
  const values = table.measures.map((m) => {
    const value = cell.values[m.id];
    if (value === null) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new StatTableError(`cell ${describe(categories)} lacks a finite ${m.id}`);
    }
    return Number(value.toFixed(m.unit.decimals));
  });
  if (Object.keys(cell.values).length !== table.measures.length) {
    throw new StatTableError(`cell ${describe(categories)} has values the table does not measure`);
  }
  return { categories, values };
}

function checkIds(table: StatTable): void {
  const ids = [...table.dimensions.map((d) => d.id), ...table.measures.map((m) => m.id)];
  if (table.dimensions.length === 0 || table.measures.length === 0) {
    throw new StatTableError(`table ${table.id} needs at least one dimension and one measure`);
  }
  if (
    new Set(ids).size !== ids.length ||
    table.dimensions.some((d) => d.id === MEASURE_DIMENSION)
  ) {
    throw new StatTableError(
      `table ${table.id}: dimension and measure ids must be unique and not "${MEASURE_DIMENSION}"`,
    );
  }
  for (const dim of table.dimensions) {
    const categoryIds = new Set(dim.categories.map((c) => c.id));
    if (categoryIds.size === 0 || categoryIds.size !== dim.categories.length) {
      throw new StatTableError(`dimension ${dim.id} needs categories with unique ids`);
    }
  }
  for (const m of table.measures) {
    if (!Number.isInteger(m.unit.decimals) || m.unit.decimals < 0 || m.unit.decimals > 15) {
      throw new StatTableError(`measure ${m.id}: decimals must be an integer from 0 to 15`);
    }
  }
}

function describe(categories: readonly StatCategory[]): string {
  return categories.map((c) => c.id).join('/');
}
