import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { Command, StatisticsQueryDto, type CommandContext } from '@balanse/contracts';
import { TableQueriesService } from './table-queries.service';

/**
 * The statistics tables: aggregates after disclosure control, never a case. Across employers
 * (`scope=all`) only for callers with the statistics role, which the gateway checks.
 */
@Controller()
export class TableQueries {
  constructor(private readonly tables: TableQueriesService) {}

  @MessagePattern(Command.statistics.getTable)
  get(
    @Ctx() ctx: CommandContext,
    @Payload('table') table: unknown,
    @Payload('query') query: StatisticsQueryDto,
  ) {
    return this.tables.table(table, query, ctx.tenantId);
  }
}
