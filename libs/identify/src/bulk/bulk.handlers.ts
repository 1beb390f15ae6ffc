import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  BulkChunkDto,
  Command,
  FinishBulkJobDto,
  PageQueryDto,
  StartBulkJobDto,
  type CommandContext,
} from '@balanse/contracts';
import { IdPipe } from '@balanse/messaging';
import { BulkService } from './bulk.service';

const C = Command.identify;

/** Bulk intake jobs, as the gateway drives them while it reads an upload. */
@Controller()
export class BulkCommands {
  constructor(private readonly bulk: BulkService) {}

  @MessagePattern(C.startBulkJob)
  start(@Ctx() ctx: CommandContext, @Payload('body') body: StartBulkJobDto) {
    return this.bulk.start(ctx, body);
  }

  @MessagePattern(C.bulkRows)
  rows(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('body') body: BulkChunkDto,
  ) {
    return this.bulk.rows(ctx, id, body);
  }

  @MessagePattern(C.finishBulkJob)
  finish(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('body') body: FinishBulkJobDto,
  ) {
    return this.bulk.finish(ctx, id, body);
  }

  @MessagePattern(C.listBulkJobs)
  list(@Ctx() ctx: CommandContext, @Payload('query') query: PageQueryDto) {
    return this.bulk.list(ctx.tenantId, query);
  }

  @MessagePattern(C.getBulkJob)
  get(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    return this.bulk.get(ctx.tenantId, id);
  }

  @MessagePattern(C.bulkJobRows)
  report(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('query') query: PageQueryDto,
  ) {
    return this.bulk.report(ctx.tenantId, id, query);
  }
}
