import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { Command, CreateStandardDto, PageQueryDto, type CommandContext } from '@balanse/contracts';
import { IdPipe } from '@balanse/messaging';
import { StandardsService, standardView } from './standards.service';

const C = Command.identify;

/** Queries and commands on competence standards. */
@Controller()
export class StandardCommands {
  constructor(private readonly standards: StandardsService) {}

  @MessagePattern(C.listStandards)
  list(@Ctx() ctx: CommandContext, @Payload('query') query: PageQueryDto) {
    return this.standards.list(ctx.tenantId, query);
  }

  @MessagePattern(C.getStandard)
  async get(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    return standardView(await this.standards.get(ctx.tenantId, id));
  }

  @MessagePattern(C.createStandard)
  create(@Ctx() ctx: CommandContext, @Payload('body') body: CreateStandardDto) {
    return this.standards.create(ctx, body);
  }
}
