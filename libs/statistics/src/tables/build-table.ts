import { COUNTIES, DomainError, ErrorCode } from '@balanse/contracts';
import {
  type CellFacts,
  type DisclosureRules,
  type EntryKey,
  type Measures,
  protectTable,
  type PublishedEntry,
} from '../disclosure';
import type { Localized, StatCategory, StatCell, StatDimension, StatTable } from '../export';
import type { CellRow, CodeLabel, NeedRow, SumRow } from './table-rollups';
import type { TablePlan } from './table-query';
import {
  type DimensionSpec,
  dimensionOf,
  MAX_CELLS,
  TOTAL,
  TOTAL_LABEL,
  UNKNOWN,
} from './table-specs';

/** What the rollups hold for one table, read by TableRollups. */
export interface TableInput {
  cells: readonly CellRow[];
  sums: readonly SumRow[];
  standards: readonly CodeLabel[];
  outcomes: readonly CodeLabel[];
  /** Labels of the need dimension; for the needs table, every need in scope. */
  needs: readonly NeedRow[];
  rolledAt: string | null;
}

export interface TableRulesView {
  k: number;
  minEmployers: number | null;
  dominance: number | null;
}

/** A need's published planning figures and what is left of it after the published supply. */
export interface NeedSummary {
  id: string;
  needed: {
    peopleMin: number | null;
    peopleMax: number | null;
    skilledWorkerShareMin: number | null;
    skilledWorkerShareMax: number | null;
    neededBy: string;
    standardId: string;
    sector: string;
    region: string | null;
  };
  /** People needed less the cases covering every outcome; null when that figure is not published. */
  gap: { min: number | null; max: number | null } | null;
}

export interface TableAnswer {
  table: StatTable;
  scope: TablePlan['scope'];
  rules: TableRulesView;
  /** When the rollups last took in changes; null before they ever did. */
  updated: string | null;
  needs?: NeedSummary[];
}

const SOURCE: Localized = { nb: 'Balanse, statistikk', en: 'Balanse, statistics' };

/**
 * The table a plan asks for, as it may be published: categories from the rows in scope (or the
 * dimension's fixed list), a `total` category per dimension holding its margins, disclosure
 * control over every cell and margin. Pure: the rows come from TableRollups.
 */
export function buildTable(
  plan: TablePlan,
  input: TableInput,
  configured: DisclosureRules,
): TableAnswer {
  const specs = plan.dimensions.map((id) => dimensionOf(plan.table, id));
  const categories = specs.map((spec, i) => categoriesOf(spec, plan, input, i));
  const size = categories.reduce((n, c) => n * (c.length + 1), 1);
  if (size > MAX_CELLS)
    throw new DomainError(
      400,
      ErrorCode.TABLE_TOO_LARGE,
      `the table would have ${size} cells; the limit is ${MAX_CELLS}`,
      { cells: size, limit: MAX_CELLS },
      [
        {
          field: 'by',
          message: `too many cells (${size} > ${MAX_CELLS}): fewer dimensions, or filter`,
        },
      ],
    );
  const rules: DisclosureRules =
    plan.scope === 'tenant' ? { ...configured, employerRule: false } : configured;
  const { cells, marginMeasures } = tableFacts(plan, input);
  const protectedTable = protectTable(
    {
      dimensions: plan.dimensions.map((name, i) => ({
        name,
        values: categories[i].map((c) => c.id),
      })),
      cells,
      marginMeasures,
    },
    rules,
  );
  const dimensions: StatDimension[] = specs.map((spec, i) => ({
    id: spec.id,
    label: spec.label,
    categories: [...categories[i], { id: TOTAL, label: TOTAL_LABEL }],
  }));
  const table: StatTable = {
    id: plan.table.id,
    title: titleOf(plan, specs),
    dimensions,
    measures: plan.table.measures,
    cells: protectedTable.entries.map((entry) => statCell(plan, entry)),
    updated: input.rolledAt ?? new Date().toISOString(),
    source: SOURCE,
    note: [rulesNote(rules)],
  };
  return {
    table,
    scope: plan.scope,
    rules: {
      k: rules.k,
      minEmployers: rules.employerRule ? rules.minEmployers : null,
      dominance: rules.employerRule ? rules.dominanceShare : null,
    },
    updated: input.rolledAt,
    ...(plan.table.id === 'needs'
      ? { needs: needSummaries(plan, input.needs, protectedTable.entries) }
      : {}),
  };
}

const categoryId = (value: string) => (value === '' ? UNKNOWN : value);

/** Fixed categories as listed; the others: the values in scope, sorted, unknown last. */
function categoriesOf(
  spec: DimensionSpec,
  plan: TablePlan,
  input: TableInput,
  at: number,
): StatCategory[] {
  if (spec.fixed) return [...spec.fixed];
  const values = new Set(input.cells.map((c) => categoryId(c.key[at])));
  if (plan.table.id === 'needs' && spec.id === 'need')
    for (const need of input.needs) values.add(need.id);
  const ids = [...values].sort((a, b) =>
    a === UNKNOWN ? 1 : b === UNKNOWN ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
  return ids.map((id) => ({ id, label: labelOf(spec, id, input) }));
}

function labelOf(spec: DimensionSpec, id: string, input: TableInput): Localized {
  if (id === UNKNOWN)
    return spec.id === 'need'
      ? { nb: 'Uten kompetansebehov', en: 'No competence need' }
      : { nb: 'Ukjent', en: 'Unknown' };
  const same = (text: string): Localized => ({ nb: text, en: text });
  const coded = (labels: readonly CodeLabel[]) => {
    const l = labels.find((x) => x.id === id);
    return l ? { nb: `${l.code} ${l.title.nb}`, en: `${l.code} ${l.title.en}` } : same(id);
  };
  switch (spec.labels) {
    case 'standard':
      return coded(input.standards);
    case 'outcome':
      return coded(input.outcomes);
    case 'version':
      return { nb: `versjon ${id}`, en: `version ${id}` };
    case 'region':
      return same(COUNTIES[id] ?? id);
    case 'need': {
      const need = input.needs.find((n) => n.id === id);
      return need ? needLabel(need) : same(id);
    }
    default:
      return same(id);
  }
}

/** A need by what it is about, never by its title (an employer's own words). */
function needLabel(need: NeedRow): Localized {
  const code = need.standardCode;
  const region = need.region ? (COUNTIES[need.region] ?? need.region) : null;
  const parts = (unknownStandard: string, national: string) =>
    [code ?? unknownStandard, need.sector, region ?? national, need.neededBy].join(' · ');
  return { nb: parts('ukjent standard', 'hele landet'), en: parts('unknown standard', 'national') };
}

/** The cells by employer, and the measures of cells and margins from their sums. */
function tableFacts(
  plan: TablePlan,
  input: TableInput,
): { cells: CellFacts[]; marginMeasures: { key: EntryKey; measures: Measures }[] } {
  const cells: CellFacts[] = input.cells.map((row) => {
    let count = 0;
    for (const n of row.contributions.values()) count += n;
    return { key: row.key.map(categoryId), count, contributions: row.contributions };
  });
  const cellMeasures = new Map<string, Measures>();
  const marginMeasures: { key: EntryKey; measures: Measures }[] = [];
  const phaseAt = plan.table.id === 'lead-times' ? plan.dimensions.indexOf('phase') : -1;
  for (const row of input.sums) {
    const measures = measuresOf(plan, row.sums);
    if (!measures) continue;
    const key = row.key.map((v) => (v === null ? null : categoryId(v)));
    if (key.every((v) => v !== null)) cellMeasures.set(JSON.stringify(key), measures);
    // Across phases a lead time means nothing: that margin counts, but has no percentiles.
    else if (phaseAt < 0 || key[phaseAt] !== null) marginMeasures.push({ key, measures });
  }
  return {
    cells: cells.map((cell) => {
      const measures = cellMeasures.get(JSON.stringify(cell.key));
      return measures ? { ...cell, measures } : cell;
    }),
    marginMeasures,
  };
}

function measuresOf(plan: TablePlan, sums: Record<string, number | null>): Measures | undefined {
  if (plan.table.id === 'lead-times') {
    if (sums['p50'] == null || sums['p90'] == null) return undefined;
    return { p50Days: sums['p50'], p90Days: sums['p90'] };
  }
  if (plan.table.id === 'outcomes') {
    const met = sums['met'] ?? 0;
    const partly = sums['partly_met'] ?? 0;
    const not = sums['not_met'] ?? 0;
    const all = met + partly + not;
    if (all === 0) return undefined;
    const share = (n: number) => Math.round((n / all) * 1000) / 1000;
    return { metShare: share(met), partlyMetShare: share(partly), notMetShare: share(not) };
  }
  return undefined;
}

function statCell(plan: TablePlan, entry: PublishedEntry): StatCell {
  const categories = Object.fromEntries(
    plan.dimensions.map((id, i) => [id, entry.key[i] ?? TOTAL]),
  );
  if (entry.suppressed) return { categories, suppressed: entry.reason };
  const values: Record<string, number | null> = {};
  for (const m of plan.table.measures)
    values[m.id] = m.id === 'count' ? entry.count : (entry.measures?.[m.id] ?? null);
  return { categories, values };
}

function titleOf(plan: TablePlan, specs: readonly DimensionSpec[]): Localized {
  const by = (lang: 'nb' | 'en') => specs.map((s) => s.label[lang]).join(', ');
  return {
    nb: `${plan.table.title.nb} etter ${by('nb')}`,
    en: `${plan.table.title.en} by ${by('en')}`,
  };
}

function rulesNote(rules: DisclosureRules): Localized {
  if (!rules.employerRule)
    return {
      nb: `Tall under ${rules.k} saker vises ikke (:), heller ikke tall de kan regnes ut fra.`,
      en: `Figures under ${rules.k} cases are not shown (:), nor figures they could be derived from.`,
    };
  const share = Math.round(rules.dominanceShare * 100);
  return {
    nb: `Tall under ${rules.k} saker, fra færre enn ${rules.minEmployers} virksomheter, eller der én virksomhet står for over ${share} %, vises ikke (:), heller ikke tall de kan regnes ut fra.`,
    en: `Figures under ${rules.k} cases, from fewer than ${rules.minEmployers} organisations, or with one organisation over ${share} %, are not shown (:), nor figures they could be derived from.`,
  };
}

/**
 * Each need's planning figures, and its gap: people needed less the published count of cases
 * covering all its outcomes (the need's `full` total over the table's other dimensions). Null
 * when the table has no coverage dimension or that figure is withheld.
 */
function needSummaries(
  plan: TablePlan,
  needs: readonly NeedRow[],
  entries: readonly PublishedEntry[],
): NeedSummary[] {
  const coverageAt = plan.dimensions.indexOf('coverage');
  const full = new Map<string, number | null>();
  if (coverageAt >= 0)
    for (const entry of entries) {
      const onlyNeedAndFull = entry.key.every((v, i) =>
        i === 0 ? v !== null : i === coverageAt ? v === 'full' : v === null,
      );
      if (onlyNeedAndFull) full.set(entry.key[0]!, entry.suppressed ? null : entry.count);
    }
  return needs.map((need) => {
    const supplied = full.get(need.id);
    const minus = (people: number | null) =>
      people === null || supplied == null ? null : people - supplied;
    return {
      id: need.id,
      needed: {
        peopleMin: need.peopleMin,
        peopleMax: need.peopleMax,
        skilledWorkerShareMin: need.skilledMin,
        skilledWorkerShareMax: need.skilledMax,
        neededBy: need.neededBy,
        standardId: need.standardId,
        sector: need.sector,
        region: need.region,
      },
      gap:
        supplied == null || need.peopleMin === null
          ? null
          : { min: minus(need.peopleMin), max: minus(need.peopleMax) },
    };
  });
}
