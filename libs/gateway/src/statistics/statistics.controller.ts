import { Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  Command,
  ErrorCode,
  STATISTICS_ROLE,
  STATISTICS_TABLES,
  StatisticsQueryDto,
  validatePayload,
  validationError,
  type CommandContext,
  type StatisticsTableReply,
} from '@balanse/contracts';
import { Caller, CallerRoles, requireRole } from '../http/principal';
import { ServiceClient } from '../http/service-client';
import {
  ApiErrors,
  BODY_ERRORS,
  type ErrorExample,
  LARGE_CALL_ERRORS,
} from '../openapi/api-errors';
import { formatFromAccept, langFromAcceptLanguage } from './negotiation';
import {
  CSV_EXAMPLE,
  JSON_STAT_EXAMPLE,
  RebuildProgressView,
  StatisticsTableView,
} from './statistics.views';

const S = Command.statistics;

const NO_ROLE: ErrorExample = {
  code: ErrorCode.FORBIDDEN,
  message: 'tables across employers need the statistics role',
  details: { role: STATISTICS_ROLE },
  meaning: 'the caller lacks the statistics role (tables across employers, the rebuild)',
};

const TABLE_EXAMPLE = {
  table: {
    id: 'cases',
    title: { nb: 'Saker etter fase', en: 'Cases by phase' },
    dimensions: [
      {
        id: 'phase',
        label: { nb: 'fase', en: 'phase' },
        categories: [
          { id: 'identify', label: { nb: 'Identifisere', en: 'Identify' } },
          { id: 'document', label: { nb: 'Dokumentere', en: 'Document' } },
          { id: 'total', label: { nb: 'I alt', en: 'Total' } },
        ],
      },
    ],
    measures: [
      { id: 'count', label: { nb: 'Antall saker', en: 'Number of cases' }, unit: { decimals: 0 } },
    ],
    cells: [
      { categories: { phase: 'identify' }, values: { count: 14 } },
      { categories: { phase: 'document' }, suppressed: 'k' },
      { categories: { phase: 'total' }, values: { count: 28 } },
    ],
    updated: '2026-11-29T06:00:00.000Z',
    source: { nb: 'Balanse, statistikk', en: 'Balanse, statistics' },
    note: [{ nb: 'Tall under 5 saker … vises ikke (:)', en: 'Figures under 5 cases … (:)' }],
  },
  scope: 'all',
  rules: { k: 5, minEmployers: 3, dominance: 0.8 },
  updated: '2026-11-29T06:00:00.000Z',
};

const TABLES_DESCRIPTION = `Anonymous aggregates across employers, after disclosure control: a figure counting fewer than k cases (\`STATISTICS_K\`, 5), from fewer than m employers (3), or with one employer over a share (0.8) is withheld (\`suppressed\` with its reason; \`:\` in CSV and JSON-stat), and so is every figure it could be derived from (secondary). Lead-time percentiles are not published for withheld figures. Every dimension ends with a \`total\` category holding its margins.

| table | leading dimension | \`by\` may add |
|---|---|---|
| \`cases\` | (none; default \`by=phase\`) | phase (now), result, standard, standardVersion, sector, region, month (opened), need, tenant |
| \`lead-times\` | phase (identify, document, assess, certify, endToEnd): p50Days and p90Days | standard, standardVersion, sector, region, month (opened), need, tenant |
| \`outcomes\` | outcome: metShare, partlyMetShare, notMetShare | standard, standardVersion, sector, region, month, need, tenant |
| \`needs\` | need (default \`by=coverage\`), with each need's figures and gap | coverage, region, month (completed) |
| \`credentials\` | event (issued, revoked) | result, standard, standardVersion, sector, region, month (of the event), need, tenant |

At most 3 dimensions in \`by\` and 5,000 cells (totals included). \`tenant\` only with \`scope=tenant\`, where an employer sees its own figures under the k rule alone. Formats: JSON (default), CSV (\`Accept: text/csv\` or \`format=csv\`), JSON-stat 2.0 (\`Accept: application/json+stat\` or \`format=jsonstat\`); labels in bokmål or English (\`lang\`, else \`Accept-Language\`).`;

/** Statistics for national bodies: tables (never a case), and rebuilding the rollups. */
@ApiTags('statistics')
@ApiBearerAuth()
@ApiExtraModels(StatisticsTableView)
@Controller('api/v1/statistics')
export class StatisticsController {
  constructor(private readonly services: ServiceClient) {}

  // Before `:table`: `rebuild` is not a table.
  @Post('rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Rebuild every rollup from the facts, in the background (after a change of how they are computed); answers its progress',
  })
  @ApiAcceptedResponse({ type: RebuildProgressView })
  @ApiErrors(...BODY_ERRORS, NO_ROLE)
  startRebuild(@Caller() caller: CommandContext, @CallerRoles() roles: readonly string[]) {
    requireRole(roles, STATISTICS_ROLE, 'rebuilding the statistics');
    return this.services.call('statistics', S.startRebuild, caller);
  }

  @Get('rebuild')
  @ApiOperation({ summary: "The rebuild's progress (the last one, or idle)" })
  @ApiOkResponse({ type: RebuildProgressView })
  @ApiErrors(NO_ROLE)
  rebuild(@Caller() caller: CommandContext, @CallerRoles() roles: readonly string[]) {
    requireRole(roles, STATISTICS_ROLE, 'the rebuild');
    return this.services.call('statistics', S.getRebuild, caller);
  }

  @Get(':table')
  @ApiOperation({ summary: 'A statistics table', description: TABLES_DESCRIPTION })
  @ApiParam({ name: 'table', enum: STATISTICS_TABLES, example: 'cases' })
  @ApiQuery({ name: 'by', required: false, example: 'region,month' })
  @ApiQuery({
    name: 'from',
    required: false,
    example: '2026-01',
    description: 'first month (or date), included',
  })
  @ApiQuery({
    name: 'to',
    required: false,
    example: '2026-12',
    description: 'last month (or date), included',
  })
  @ApiQuery({ name: 'standard', required: false, schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({ name: 'sector', required: false, example: '86', description: 'NACE code' })
  @ApiQuery({ name: 'region', required: false, example: '42', description: 'county number' })
  @ApiQuery({ name: 'need', required: false, schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({ name: 'scope', required: false, enum: ['all', 'tenant'] })
  @ApiQuery({ name: 'lang', required: false, enum: ['nb', 'en'] })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'jsonstat'] })
  @ApiHeader({ name: 'Accept', required: false, description: 'text/csv or application/json+stat' })
  @ApiHeader({ name: 'Accept-Language', required: false, description: 'en for English labels' })
  @ApiOkResponse({
    description: 'the table after disclosure control, in the format asked for',
    content: {
      'application/json': {
        schema: { $ref: getSchemaPath(StatisticsTableView) },
        example: TABLE_EXAMPLE,
      },
      'text/csv': { schema: { type: 'string' }, example: CSV_EXAMPLE },
      'application/json+stat': {
        schema: { type: 'object', additionalProperties: true },
        example: JSON_STAT_EXAMPLE,
      },
    },
  })
  @ApiErrors(
    {
      code: ErrorCode.VALIDATION_FAILED,
      message: 'invalid fields: by',
      fields: [
        {
          field: 'by',
          message:
            'cases has no dimension "outcome"; it has phase, result, standard, standardVersion, sector, region, month, need, tenant',
        },
      ],
    },
    NO_ROLE,
    ErrorCode.TABLE_TOO_LARGE,
    ErrorCode.STATISTICS_REBUILDING,
    ...LARGE_CALL_ERRORS,
  )
  async table(
    @Caller() caller: CommandContext,
    @CallerRoles() roles: readonly string[],
    @Param('table') table: string,
    @Query() query: Record<string, unknown>,
    @Headers('accept') accept: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    if (!(STATISTICS_TABLES as readonly string[]).includes(table))
      throw validationError([
        { field: 'table', message: `unknown table; one of ${STATISTICS_TABLES.join(', ')}` },
      ]);
    const asked = validatePayload(StatisticsQueryDto, query);
    if ((asked.scope ?? 'all') === 'all')
      requireRole(roles, STATISTICS_ROLE, 'tables across employers');
    const reply = await this.services.call<StatisticsTableReply>(
      'statistics',
      S.getTable,
      caller,
      {
        params: { table },
        query: {
          ...asked,
          format: asked.format ?? formatFromAccept(accept),
          lang: asked.lang ?? langFromAcceptLanguage(acceptLanguage),
        },
      },
      // Up to 5,000 cells with uuid categories can pass the bus's 1 MB: moved in chunks then.
      { large: true },
    );
    res.type(reply.mediaType);
    return reply.body;
  }
}
