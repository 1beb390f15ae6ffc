/** A cell's key, or a margin's: `null` where it sums over that dimension. */
export type MarginKey = (string | null)[];

/** The cell's key and every key that sums over some of its dimensions (2^d keys). */
export function coveringKeys(cell: readonly string[]): MarginKey[] {
  return cell.reduce<MarginKey[]>(
    (keys, value) =>
      keys.flatMap((key) => [
        [...key, value],
        [...key, null],
      ]),
    [[]],
  );
}

/** Sums of every cell and margin, each cell added to the entries that cover it. */
export function sumsByEntry(
  cells: readonly { key: readonly string[]; sums: Readonly<Record<string, number>> }[],
): { key: MarginKey; sums: Record<string, number> }[] {
  const entries = new Map<string, { key: MarginKey; sums: Record<string, number> }>();
  for (const cell of cells)
    for (const key of coveringKeys(cell.key)) {
      const id = JSON.stringify(key);
      let entry = entries.get(id);
      if (!entry) entries.set(id, (entry = { key, sums: {} }));
      for (const [name, value] of Object.entries(cell.sums))
        entry.sums[name] = (entry.sums[name] ?? 0) + value;
    }
  return [...entries.values()];
}
