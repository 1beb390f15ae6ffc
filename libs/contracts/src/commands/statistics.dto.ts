import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, Validate } from 'class-validator';
import { EXAMPLE_IDS } from '../examples';
import { LowerCaseIds } from '../validation';
import { CountyNumber } from './needs.dto';

/** The statistics tables, each `GET /api/v1/statistics/{table}`. */
export const STATISTICS_TABLES = [
  'cases',
  'lead-times',
  'outcomes',
  'needs',
  'credentials',
] as const;
export type StatisticsTableId = (typeof STATISTICS_TABLES)[number];

export const STATISTICS_SCOPES = ['all', 'tenant'] as const;
export type StatisticsScope = (typeof STATISTICS_SCOPES)[number];

export const STATISTICS_FORMATS = ['json', 'csv', 'jsonstat'] as const;
export type StatisticsFormat = (typeof STATISTICS_FORMATS)[number];

export const STATISTICS_LANGS = ['nb', 'en'] as const;

/** The role a caller needs for tables across employers (`scope=all`) and for the rebuild. */
export const STATISTICS_ROLE = 'statistics';

/** `YYYY-MM`, or a date `YYYY-MM-DD` (taken as its month). */
const MONTH_OR_DATE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

/** A month or date given as either; the service reads its first seven characters. */
const toMonth = () =>
  Transform(({ value }) =>
    typeof value === 'string' && MONTH_OR_DATE.test(value) ? value.slice(0, 7) : value,
  );

/**
 * The query of a statistics table. `by` is checked against the table by the service (which
 * dimensions a table has); everything else here.
 */
export class StatisticsQueryDto {
  @ApiPropertyOptional({
    example: 'region,month',
    description:
      "dimensions besides the table's leading one, comma-separated, in order; at most 3 (see each table for which)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  by?: string;

  @ApiPropertyOptional({
    example: '2026-01',
    description: 'first month, included: `YYYY-MM` (a date `YYYY-MM-DD` counts as its month)',
  })
  @IsOptional()
  @toMonth()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month, YYYY-MM (or a date)' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'last month, included' })
  @IsOptional()
  @toMonth()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month, YYYY-MM (or a date)' })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', example: EXAMPLE_IDS.standard })
  @IsOptional()
  @LowerCaseIds()
  @IsUUID()
  standard?: string;

  @ApiPropertyOptional({ example: '86', description: 'NACE Rev. 2 code, matched exactly' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  sector?: string;

  @ApiPropertyOptional({ example: '42', description: 'county number' })
  @IsOptional()
  @Validate(CountyNumber)
  region?: string;

  @ApiPropertyOptional({ format: 'uuid', example: EXAMPLE_IDS.need })
  @IsOptional()
  @LowerCaseIds()
  @IsUUID()
  need?: string;

  @ApiPropertyOptional({
    enum: STATISTICS_SCOPES,
    default: 'all',
    description:
      "`all`: across employers (needs the statistics role); `tenant`: the caller's own tenant",
  })
  @IsOptional()
  @IsIn(STATISTICS_SCOPES)
  scope?: StatisticsScope;

  @ApiPropertyOptional({
    enum: STATISTICS_LANGS,
    description: 'labels in bokmål (default) or English; else from Accept-Language',
  })
  @IsOptional()
  @IsIn(STATISTICS_LANGS)
  lang?: 'nb' | 'en';

  @ApiPropertyOptional({
    enum: STATISTICS_FORMATS,
    description: 'overrides `Accept`: JSON (default), CSV or JSON-stat 2.0',
  })
  @IsOptional()
  @IsIn(STATISTICS_FORMATS)
  format?: StatisticsFormat;
}

/** A rendered table as the service answers it: the gateway sends `body` as `mediaType`. */
export interface StatisticsTableReply {
  mediaType: string;
  /** A JSON document (JSON, JSON-stat), or text (CSV). */
  body: unknown;
}

/** `rebuild.start` / `rebuild.get`: the progress of rebuilding every rollup from the facts. */
export interface RebuildProgress {
  id: string | null;
  state: 'idle' | 'running' | 'done' | 'failed';
  total: number | null;
  done: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}
