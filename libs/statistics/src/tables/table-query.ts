import {
  STATISTICS_TABLES,
  validationError,
  type StatisticsFormat,
  type StatisticsQueryDto,
  type StatisticsScope,
  type StatisticsTableId,
} from '@balanse/contracts';
import type { Lang } from '../export';
import { type DimensionId, MAX_BY, TABLES, type TableSpec } from './table-specs';

/** What a table's query asks for, checked against the table. */
export interface TablePlan {
  table: TableSpec;
  /** The leading dimension first, then `by` in the order given. */
  dimensions: readonly DimensionId[];
  scope: StatisticsScope;
  /** The caller's tenant: with scope `tenant`, the only one read. */
  tenantId: string;
  filters: TableFilters;
  lang: Lang;
  format: StatisticsFormat;
}

export interface TableFilters {
  from?: string;
  to?: string;
  standard?: string;
  sector?: string;
  region?: string;
  need?: string;
}

export function tableSpec(table: unknown): TableSpec {
  if (typeof table !== 'string' || !(STATISTICS_TABLES as readonly string[]).includes(table))
    throw validationError([
      { field: 'table', message: `unknown table; one of ${STATISTICS_TABLES.join(', ')}` },
    ]);
  return TABLES[table as StatisticsTableId];
}

/**
 * The plan of `query` (validated as StatisticsQueryDto) on `table`: `by` names only dimensions
 * the table has, each once, at most MAX_BY besides the leading one, and `tenant` only in the
 * caller's own scope (across employers each of its cells would be one employer).
 */
export function tablePlan(
  table: TableSpec,
  query: StatisticsQueryDto,
  tenantId: string,
): TablePlan {
  const scope = query.scope ?? 'all';
  const by = query.by === undefined ? [...table.defaultBy] : parseBy(table, query.by, scope);
  const dimensions = table.leading ? [table.leading, ...by.filter((d) => d !== table.leading)] : by;
  if (dimensions.length - (table.leading ? 1 : 0) > MAX_BY)
    throw validationError([
      { field: 'by', message: `at most ${MAX_BY} dimensions, got ${query.by}` },
    ]);
  if (query.from && query.to && query.from > query.to)
    throw validationError([{ field: 'to', message: `must not be before from (${query.from})` }]);
  const { from, to, standard, sector, region, need } = query;
  return {
    table,
    dimensions,
    scope,
    tenantId,
    filters: { from, to, standard, sector, region, need },
    lang: query.lang ?? 'nb',
    format: query.format ?? 'json',
  };
}

function parseBy(table: TableSpec, by: string, scope: StatisticsScope): DimensionId[] {
  const allowed = table.leading ? [table.leading, ...table.dimensions] : table.dimensions;
  const names = by.split(',').map((s) => s.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (!(allowed as readonly string[]).includes(name))
      throw validationError([
        {
          field: 'by',
          message: `${table.id} has no dimension "${name}"; it has ${allowed.join(', ')}`,
        },
      ]);
    if (seen.has(name)) throw validationError([{ field: 'by', message: `names "${name}" twice` }]);
    if (name === 'tenant' && scope !== 'tenant')
      throw validationError([
        {
          field: 'by',
          message:
            'tenant is a dimension only with scope=tenant: across employers each cell would be one employer',
        },
      ]);
    seen.add(name);
  }
  return names as DimensionId[];
}
