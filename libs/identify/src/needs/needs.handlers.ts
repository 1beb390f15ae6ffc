import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  ChangeNeedDto,
  Command,
  ListNeedsQueryDto,
  RecordNeedDto,
  type CommandContext,
} from '@balanse/contracts';
import { IdPipe } from '@balanse/messaging';
import { needView } from './need.view';
import { NeedsService } from './needs.service';

const C = Command.identify;

/** Commands and queries on competence needs. */
@Controller()
export class NeedCommands {
  constructor(private readonly needs: NeedsService) {}

  @MessagePattern(C.recordNeed)
  record(@Ctx() ctx: CommandContext, @Payload('body') body: RecordNeedDto) {
    return this.needs.record(ctx, body);
  }

  @MessagePattern(C.listNeeds)
  list(@Ctx() ctx: CommandContext, @Payload('query') query: ListNeedsQueryDto) {
    return this.needs.list(ctx.tenantId, query);
  }

  @MessagePattern(C.getNeed)
  async get(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    return needView(await this.needs.get(ctx.tenantId, id));
  }

  @MessagePattern(C.changeNeed)
  change(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('body') body: ChangeNeedDto,
  ) {
    return this.needs.change(ctx, id, body);
  }
}
