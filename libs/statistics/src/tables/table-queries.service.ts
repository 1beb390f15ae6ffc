import { Injectable } from '@nestjs/common';
import type { StatisticsQueryDto, StatisticsTableReply } from '@balanse/contracts';
import { CSV_MEDIA_TYPE, JSON_STAT_MEDIA_TYPE, toCsv, toJsonStat } from '../export';
import { buildTable, type TableAnswer } from './build-table';
import { tablePlan, tableSpec, type TablePlan } from './table-query';
import { TableRollups } from './table-rollups';
import { StatisticsRules } from './rules-config';

/** Reads a table's rollups, applies disclosure control and renders the answer. */
@Injectable()
export class TableQueriesService {
  constructor(
    private readonly rollups: TableRollups,
    private readonly config: StatisticsRules,
  ) {}

  async table(
    table: unknown,
    query: StatisticsQueryDto,
    tenantId: string,
  ): Promise<StatisticsTableReply> {
    const plan = tablePlan(tableSpec(table), query, tenantId);
    const answer = await this.answer(plan);
    switch (plan.format) {
      case 'csv':
        return { mediaType: CSV_MEDIA_TYPE, body: toCsv(answer.table, plan.lang) };
      case 'jsonstat':
        return { mediaType: JSON_STAT_MEDIA_TYPE, body: toJsonStat(answer.table, plan.lang) };
      default:
        return { mediaType: 'application/json', body: answer };
    }
  }

  /** The table as published, with its rules and (needs) the needs' figures. */
  async answer(plan: TablePlan): Promise<TableAnswer> {
    const cells = await this.rollups.cells(plan);
    const sums = await this.rollups.sums(plan);
    const distinct = (dimension: string) => {
      const at = plan.dimensions.indexOf(dimension as never);
      return at < 0 ? [] : [...new Set(cells.map((c) => c.key[at]).filter((v) => v !== ''))];
    };
    const needs =
      plan.table.id === 'needs'
        ? await this.rollups.needsInScope(plan)
        : await this.rollups.needsById(distinct('need'));
    return buildTable(
      plan,
      {
        cells,
        sums,
        standards: await this.rollups.standardLabels(distinct('standard')),
        outcomes: await this.rollups.outcomeLabels(distinct('outcome')),
        needs,
        rolledAt: await this.rollups.rolledAt(),
      },
      this.config.rules,
    );
  }
}
