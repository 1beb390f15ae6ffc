/** A dimension a table is grouped by (`by=standard,region,month`) and the values it takes. */
export interface Dimension {
  readonly name: string;
  readonly values: readonly string[];
}

/**
 * Where a figure sits in a table: one value per dimension, or `null` where the figure sums over
 * that dimension. A cell has no `null`; the grand total is all `null`; the rest are margins.
 */
export type EntryKey = readonly (string | null)[];

/** Further figures about an entry's cases (lead-time percentiles, say), withheld with it. */
export type Measures = Readonly<Record<string, number>>;

/** The anonymous facts behind one cell: its cases and how many of them each employer has. */
export interface CellFacts {
  readonly key: EntryKey;
  readonly count: number;
  /** Cases per employer (tenant id). */
  readonly contributions: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
  readonly measures?: Measures;
}

/**
 * A table before disclosure control: its cells (one absent counts as an empty cell) and, for
 * margins, only their measures, since counts and contributions of margins are sums of cells.
 */
export interface TableFacts {
  readonly dimensions: readonly Dimension[];
  readonly cells: readonly CellFacts[];
  readonly marginMeasures?: readonly { readonly key: EntryKey; readonly measures: Measures }[];
}

/** A cell or margin with its sums, as disclosure control sees it. */
export interface TableEntry {
  readonly key: EntryKey;
  readonly count: number;
  readonly contributions: ReadonlyMap<string, number>;
  readonly measures?: Measures;
}

export function entryId(key: EntryKey): string {
  return JSON.stringify(key);
}

export function isCell(key: EntryKey): boolean {
  return key.every((value) => value !== null);
}

/** Every key of the table: each dimension takes each of its values or `null` (summed over). */
export function allEntryKeys(dimensions: readonly Dimension[]): EntryKey[] {
  return dimensions.reduce<EntryKey[]>(
    (keys, dimension) =>
      keys.flatMap((key) => [...dimension.values, null].map((value) => [...key, value])),
    [[]],
  );
}

export function coversCell(key: EntryKey, cell: EntryKey): boolean {
  return key.every((value, i) => value === null || value === cell[i]);
}
