import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '@balanse/contracts';
import type { Localized } from '../export';
import { sumsByEntry } from './entry-sums';
import { percentilesByEntry } from './percentiles';
import type { TablePlan } from './table-query';
import { dimensionOf } from './table-specs';

/** The cases of one cell by employer (tenant id). Keys hold the rollup's values ('' for unknown). */
export interface CellRow {
  key: string[];
  contributions: Map<string, number>;
  /** Outcomes: the cell's judgements met, partly met and not met. */
  sums?: Record<string, number>;
}

/** Per cell and per margin (`null`: summed over), the sums a table's measures are made of. */
export interface SumRow {
  key: (string | null)[];
  sums: Record<string, number | null>;
}

export interface CodeLabel {
  id: string;
  code: string;
  title: Localized;
}

/** A competence need as published by its employer: planning figures, not cases. */
export interface NeedRow {
  id: string;
  standardId: string;
  standardCode: string | null;
  sector: string;
  region: string | null;
  neededBy: string;
  peopleMin: number | null;
  peopleMax: number | null;
  skilledMin: number | null;
  skilledMax: number | null;
}

/** A statement and its parameters: every value the caller sent travels as a parameter. */
interface Sql {
  text: string;
  params: unknown[];
}

/**
 * The statistics tables' reads of the rollups. One statement for the cells by employer (what
 * disclosure control needs), one for the measures of cells and margins (CUBE), grouped in SQL.
 */
@Injectable()
export class TableRollups {
  constructor(private readonly db: DataSource) {}

  async cells(plan: TablePlan): Promise<CellRow[]> {
    const { text, params } = cellsSql(plan);
    const rows: Array<Record<string, string | string[] | number[]>> = await this.db.query(
      text,
      params,
    );
    const k = plan.dimensions.length;
    return rows.map((r) => {
      const tenants = r['ts'] as string[];
      const counts = r['ns'] as number[];
      const key = Array.from({ length: k }, (_, i) => String(r[`d${i}`]));
      const contributions = new Map(tenants.map((t, i) => [t, Number(counts[i])]));
      if (!JUDGEMENTS.every((j) => j in r)) return { key, contributions };
      return {
        key,
        contributions,
        sums: Object.fromEntries(JUDGEMENTS.map((j) => [j, Number(r[j])])),
      };
    });
  }

  /**
   * The sums behind the measures of every cell and margin. Lead times: p50 and p90 (nearest
   * rank) from each cell's histogram; outcomes: judgements met, partly met and not met, read
   * with the cells and summed per margin here (a `GROUP BY CUBE` in SQL took 1.7 s for outcomes
   * by sector and standard at a million cases).
   */
  async sums(plan: TablePlan, cells: readonly CellRow[]): Promise<SumRow[]> {
    if (plan.table.rollup === 'stat_lead_times') return this.leadTimePercentiles(plan);
    if (plan.table.rollup === 'stat_outcomes')
      return sumsByEntry(cells.map((c) => ({ key: c.key, sums: c.sums ?? {} })));
    return [];
  }

  /**
   * Each cell's histogram of days (one row per cell), the percentiles of cells and margins from
   * them in `percentilesByEntry`: summing histograms per margin there is several times faster than
   * a CUBE by days with window sums in SQL (2.2 s for 3,774 entries at a million cases).
   */
  private async leadTimePercentiles(plan: TablePlan): Promise<SumRow[]> {
    const { text, params } = histogramsSql(plan);
    const rows: Array<Record<string, string | number[]>> = await this.db.query(text, params);
    const k = plan.dimensions.length;
    const cells = rows.map((r) => ({
      key: Array.from({ length: k }, (_, i) => String(r[`d${i}`])),
      days: (r['ds'] as number[]).map(Number),
      counts: (r['ns'] as number[]).map(Number),
    }));
    return percentilesByEntry(cells).map(({ key, p50, p90 }) => ({ key, sums: { p50, p90 } }));
  }

  /** The latest version's code and title of each standard. */
  async standardLabels(ids: readonly string[]): Promise<CodeLabel[]> {
    if (ids.length === 0) return [];
    const rows: Array<Record<string, string>> = await this.db.query(
      `SELECT DISTINCT ON (standard_id) standard_id::text AS id, code, title_nb, title_en
         FROM standard_label WHERE standard_id = ANY($1::uuid[])
        ORDER BY standard_id, length(standard_version) DESC, standard_version DESC`,
      [ids],
    );
    return rows.map((r) => ({ id: r.id, code: r.code, title: { nb: r.title_nb, en: r.title_en } }));
  }

  async outcomeLabels(ids: readonly string[]): Promise<CodeLabel[]> {
    if (ids.length === 0) return [];
    const rows: Array<Record<string, string>> = await this.db.query(
      `SELECT outcome_id::text AS id, code, title_nb, title_en
         FROM outcome_label WHERE outcome_id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r) => ({ id: r.id, code: r.code, title: { nb: r.title_nb, en: r.title_en } }));
  }

  /** The needs with these ids. */
  async needsById(ids: readonly string[]): Promise<NeedRow[]> {
    if (ids.length === 0) return [];
    return this.needRows(`n.need_id = ANY($1::uuid[])`, [ids]);
  }

  /** The needs the needs table covers: its filters apply to the need's own dimensions. */
  async needsInScope(plan: TablePlan): Promise<NeedRow[]> {
    const { text, params } = needFilter(plan, []);
    return this.needRows(text, params);
  }

  /** When the rollups last took in changes; null before they ever did. */
  /** When the rollups last took in changes; a 503 while a rebuild runs (they hold part of it). */
  async rolledAt(): Promise<string | null> {
    const rows: Array<{ rolled_at: Date | string | null; rebuilding: boolean }> =
      await this.db.query(
        `SELECT rolled_at, rebuild_state = 'running' AS rebuilding FROM rollup_state WHERE id = 1`,
      );
    if (rows[0]?.rebuilding) {
      throw new DomainError(
        503,
        ErrorCode.STATISTICS_REBUILDING,
        'the statistics are being rebuilt from the facts; follow GET /api/v1/statistics/rebuild',
        { retryAfterSeconds: 5 },
      );
    }
    const at = rows[0]?.rolled_at;
    return at ? new Date(at).toISOString() : null;
  }

  private async needRows(where: string, params: unknown[]): Promise<NeedRow[]> {
    const rows: Array<Record<string, string | number | null>> = await this.db.query(
      `SELECT n.need_id::text AS id, n.standard_id::text AS standard_id, n.sector, n.region,
              to_char(n.needed_by, 'YYYY-MM-DD') AS needed_by, n.people_min, n.people_max,
              n.skilled_min, n.skilled_max,
              (SELECT s.code FROM standard_label s WHERE s.standard_id = n.standard_id
                ORDER BY length(s.standard_version) DESC, s.standard_version DESC LIMIT 1) AS code
         FROM need_fact n WHERE ${where} ORDER BY n.need_id`,
      params,
    );
    const int = (v: string | number | null) => (v === null ? null : Number(v));
    return rows.map((r) => ({
      id: String(r['id']),
      standardId: String(r['standard_id']),
      standardCode: r['code'] === null ? null : String(r['code']),
      sector: String(r['sector']),
      region: r['region'] === null ? null : String(r['region']),
      neededBy: String(r['needed_by']),
      peopleMin: int(r['people_min']),
      peopleMax: int(r['people_max']),
      skilledMin: int(r['skilled_min']),
      skilledMax: int(r['skilled_max']),
    }));
  }
}

/** `SELECT <column> AS d0, …`: the plan's dimensions as the table has them. */
function columns(plan: TablePlan): string {
  return plan.dimensions
    .map((id, i) => `${dimensionOf(plan.table, id).column} AS d${i}`)
    .join(', ');
}

function aliases(plan: TablePlan): string {
  return plan.dimensions.map((_, i) => `d${i}`).join(', ');
}

const JUDGEMENTS = ['met', 'partly_met', 'not_met'] as const;

/**
 * Per cell, its employers and their cases (arrays: one row per cell, not per employer); for
 * outcomes also its judgements met, partly met and not met.
 */
export function cellsSql(plan: TablePlan): Sql {
  const where = whereSql(plan);
  const d = aliases(plan);
  const outcomes = plan.table.rollup === 'stat_outcomes';
  const inner = outcomes
    ? JUDGEMENTS.map((j) => `, SUM(n) FILTER (WHERE judgement = '${j}')::int AS ${j}`).join('')
    : '';
  const outer = outcomes ? JUDGEMENTS.map((j) => `, SUM(${j})::int AS ${j}`).join('') : '';
  return {
    text: `SELECT ${d}, array_agg(t) AS ts, array_agg(n) AS ns${outer}
             FROM (SELECT ${d}, t, SUM(n)::int AS n${inner}
                     FROM (SELECT ${columns(plan)}, tenant_id AS t, n${outcomes ? ', judgement' : ''}
                             FROM ${rollupOf(plan)} WHERE ${where.text}) r
                    GROUP BY ${d}, t HAVING SUM(n) > 0) c
            GROUP BY ${d}`,
    params: where.params,
  };
}

/** Lead times: per cell, the days and the cases that took them (one row per cell). */
export function histogramsSql(plan: TablePlan): Sql {
  const where = whereSql(plan);
  const d = aliases(plan);
  return {
    text: `SELECT ${d}, array_agg(days) AS ds, array_agg(n) AS ns
             FROM (SELECT ${d}, days, SUM(n)::int AS n
                     FROM (SELECT ${columns(plan)}, days, n
                             FROM ${rollupOf(plan)} WHERE ${where.text}) r
                    GROUP BY ${d}, days HAVING SUM(n) > 0) h
            GROUP BY ${d}`,
    params: where.params,
  };
}

/** What only the monthly rollups hold: a table that names none of it reads the all-time one. */
const MONTHLY_ONLY: readonly string[] = ['month', 'need', 'standardVersion'];

/**
 * The rollup a plan reads: the all-time one (migration 1800000000700, 20-50 times fewer rows)
 * unless the plan groups or filters by month, need or version; the needs table always reads its
 * monthly one (its leading dimension is the need).
 */
export function rollupOf(plan: TablePlan): string {
  const f = plan.filters;
  const monthly =
    plan.table.id === 'needs' ||
    f.from !== undefined ||
    f.to !== undefined ||
    f.need !== undefined ||
    plan.dimensions.some((d) => MONTHLY_ONLY.includes(d));
  return monthly ? plan.table.rollup : `${plan.table.rollup}_all`;
}

/** The rows in the plan's scope: the caller's tenant, the filters, the fixed categories. */
function whereSql(plan: TablePlan): Sql {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions: string[] = ['n > 0'];
  if (plan.scope === 'tenant') conditions.push(`tenant_id = ${p(plan.tenantId)}`);
  const f = plan.filters;
  if (f.from) conditions.push(`month >= ${p(f.from)}`);
  if (f.to) conditions.push(`month <= ${p(f.to)}`);
  if (plan.table.id === 'needs') {
    const needs = needFilter(plan, params);
    conditions.push(`need_id IN (SELECT n.need_id::text FROM need_fact n WHERE ${needs.text})`);
  } else {
    if (f.standard) conditions.push(`standard_id = ${p(f.standard)}`);
    if (f.sector) conditions.push(`sector = ${p(f.sector)}`);
    if (f.region) conditions.push(`region = ${p(f.region)}`);
    if (f.need) conditions.push(`need_id = ${p(f.need)}`);
  }
  for (const id of plan.dimensions) {
    const dim = dimensionOf(plan.table, id);
    if (dim.fixed) conditions.push(`${dim.column} = ANY(${p(dim.fixed.map((c) => c.id))})`);
  }
  return { text: conditions.join(' AND '), params };
}

/**
 * Which needs (alias `n`) the needs table covers: standard, sector, region and need filter the
 * need's own dimensions; with scope `tenant`, the caller's needs only. Adds to `params`.
 */
function needFilter(plan: TablePlan, params: unknown[]): Sql {
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = ['true'];
  const f = plan.filters;
  if (plan.scope === 'tenant') conditions.push(`n.tenant_id = ${p(plan.tenantId)}`);
  if (f.standard) conditions.push(`n.standard_id = ${p(f.standard)}::uuid`);
  if (f.sector) conditions.push(`n.sector = ${p(f.sector)}`);
  if (f.region) conditions.push(`n.region = ${p(f.region)}`);
  if (f.need) conditions.push(`n.need_id = ${p(f.need)}::uuid`);
  return { text: conditions.join(' AND '), params };
}
