import { Injectable } from '@nestjs/common';
import type { StatisticsQueryDto, StatisticsTableReply } from '@balanse/contracts';
import { CSV_MEDIA_TYPE, JSON_STAT_MEDIA_TYPE, toCsv, toJsonStat } from '../export';
import { buildTable, type TableAnswer } from './build-table';
import { tablePlan, tableSpec, type TablePlan } from './table-query';
import { TableRollups } from './table-rollups';
import { StatisticsRules } from './rules-config';

/**
 * Reads a table's rollups, applies disclosure control and renders the answer. The rollups change
 * only when the roller takes in changes (`rolled_at`), so an answer is kept until then (up to
 * `STATISTICS_ANSWERS_KEPT`, each up to about 1 MB): a table
 * asked again costs one indexed read, not a scan of the rollups (see README.md, Speed).
 */
@Injectable()
export class TableQueriesService {
  private readonly answers = new Map<string, TableAnswer>();

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
    const rolledAt = await this.rollups.rolledAt();
    const key = JSON.stringify([
      rolledAt,
      plan.table.id,
      plan.dimensions,
      plan.scope,
      plan.scope === 'tenant' ? plan.tenantId : '',
      plan.filters,
    ]);
    if (this.config.answersKept === 0) return this.compute(plan, rolledAt);
    const kept = this.answers.get(key);
    if (kept && rolledAt !== null) {
      this.answers.delete(key); // most recently used last
      this.answers.set(key, kept);
      return kept;
    }
    const answer = await this.compute(plan, rolledAt);
    this.answers.set(key, answer);
    if (this.answers.size > this.config.answersKept)
      this.answers.delete(this.answers.keys().next().value!);
    return answer;
  }

  private async compute(plan: TablePlan, rolledAt: string | null): Promise<TableAnswer> {
    const cells = await this.rollups.cells(plan);
    const sums = await this.rollups.sums(plan, cells);
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
        rolledAt,
      },
      this.config.rules,
    );
  }
}
