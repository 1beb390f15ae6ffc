import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  Command,
  EmployerViewDto,
  ListCasesQueryDto,
  OpenCaseDto,
  PageQueryDto,
  SetScopeDto,
  UpdateCandidateCommand,
  type CommandContext,
} from '@balanse/contracts';
import { IdPipe } from '@balanse/messaging';
import { CasesService } from './cases.service';

const C = Command.identify;

/** Commands and queries on cases, as the gateway sends them. */
@Controller()
export class CaseCommands {
  constructor(private readonly cases: CasesService) {}

  @MessagePattern(C.openCase)
  open(@Ctx() ctx: CommandContext, @Payload('body') body: OpenCaseDto) {
    return this.cases.open(ctx, body);
  }

  @MessagePattern(C.listCases)
  list(@Ctx() ctx: CommandContext, @Payload('query') query: ListCasesQueryDto) {
    return this.cases.list(ctx.tenantId, query);
  }

  @MessagePattern(C.setEmployerView)
  employerView(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('body') body: EmployerViewDto,
  ) {
    return this.cases.setEmployerView(ctx, id, body);
  }

  @MessagePattern(C.caseGap)
  gap(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    return this.cases.gap(ctx.tenantId, id);
  }

  @MessagePattern(C.getCase)
  get(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    return this.cases.view(ctx.tenantId, id);
  }

  @MessagePattern(C.caseHistory)
  history(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('query') query: PageQueryDto,
  ) {
    return this.cases.history(ctx.tenantId, id, query);
  }

  @MessagePattern(Command.caseStatus)
  status(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    return this.cases.status(ctx.tenantId, id);
  }

  @MessagePattern(C.setScope)
  scope(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('body') body: SetScopeDto,
  ) {
    return this.cases.setScope(ctx, id, body);
  }

  @MessagePattern(C.completeIdentify)
  complete(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    return this.cases.completeIdentify(ctx, id);
  }

  @MessagePattern(C.updateCandidate)
  updateCandidate(@Ctx() ctx: CommandContext, @Payload('body') body: UpdateCandidateCommand) {
    return this.cases.updateCandidate(ctx, body.externalId, body.changes);
  }
}
