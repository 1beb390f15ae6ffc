import { determinedUnknowns, reducedEquations } from './derivability';
import type { MarginLine } from './margin-lines';
import type { TableEntry } from './table';

/**
 * The figures to withhold besides `primary` so that no primary-withheld figure can be solved for
 * from the published ones. Two steps, repeated until neither adds anything:
 *
 * 1. Line rule (the classic heuristic): a margin line (a total with the entries it sums along
 *    one dimension) with exactly one withheld figure gives it away by subtraction, so withhold
 *    a second one: the smallest non-zero published member, or the total if no member is left.
 *    Repeated to a fixed point over every line of every dimension and level.
 * 2. Audit: the line rule cannot see combinations of lines (in a two-way table, a withheld cell
 *    joined to the others by a single path; in three ways, far more). Every primary-withheld
 *    figure the exact elimination of all line equations still determines gets one more
 *    figure withheld: the smallest non-zero published one on its lines, else in the table.
 *
 * Each round withholds at least one more non-zero figure, and once every non-zero figure is
 * withheld nothing is determined (every published figure is then 0, so doubling every unknown
 * keeps every equation), so it ends.
 */
export function secondarySuppression(
  entries: ReadonlyMap<string, TableEntry>,
  lines: readonly MarginLine[],
  primary: ReadonlySet<string>,
): Set<string> {
  const withheld = new Set(primary);
  for (;;) {
    withholdByLineRule(entries, lines, withheld);
    const exposed = [...determinedUnknowns(reducedEquations(lines, withheld))].filter((id) =>
      primary.has(id),
    );
    if (exposed.length === 0) break;
    withheld.add(complementFor(exposed[0], entries, lines, withheld));
  }
  return new Set([...withheld].filter((id) => !primary.has(id)));
}

function withholdByLineRule(
  entries: ReadonlyMap<string, TableEntry>,
  lines: readonly MarginLine[],
  withheld: Set<string>,
): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const figures = [line.total, ...line.members];
      if (figures.filter((id) => withheld.has(id)).length !== 1) continue;
      withheld.add(smallestPublished(entries, line.members, withheld) ?? line.total);
      changed = true;
    }
  }
}

/** A figure to withhold beside an exposed one: on one of its lines if possible. */
function complementFor(
  exposed: string,
  entries: ReadonlyMap<string, TableEntry>,
  lines: readonly MarginLine[],
  withheld: ReadonlySet<string>,
): string {
  const neighbours = lines
    .filter((line) => line.total === exposed || line.members.includes(exposed))
    .flatMap((line) => [...line.members, line.total]);
  const choice =
    smallestPublished(entries, neighbours, withheld) ??
    smallestPublished(entries, [...entries.keys()], withheld);
  // Unreachable: with every non-zero figure withheld, no unknown is determined.
  if (choice === undefined) throw new Error(`no figure left to protect ${exposed}`);
  return choice;
}

/** The published non-zero figure with the fewest cases (ties: the first), if any. */
function smallestPublished(
  entries: ReadonlyMap<string, TableEntry>,
  candidates: readonly string[],
  withheld: ReadonlySet<string>,
): string | undefined {
  let best: string | undefined;
  for (const id of candidates) {
    const count = entries.get(id)?.count ?? 0;
    if (count === 0 || withheld.has(id)) continue;
    if (best === undefined || count < (entries.get(best)?.count ?? 0)) best = id;
  }
  return best;
}
