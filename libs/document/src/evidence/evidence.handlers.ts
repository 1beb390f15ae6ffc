import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  AddEvidenceDto,
  CaseIdentified,
  CaseIdentifiedV2,
  Command,
  PageQueryDto,
  type CommandContext,
} from '@balanse/contracts';
import { EventContext, IdPipe } from '@balanse/messaging';
import { EvidenceService } from './evidence.service';

const C = Command.document;

/** Commands and queries on a case's evidence portfolio. */
@Controller()
export class EvidenceCommands {
  constructor(private readonly evidence: EvidenceService) {}

  @MessagePattern(C.addEvidence)
  add(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('body') body: AddEvidenceDto,
  ) {
    return this.evidence.add(ctx, id, body);
  }

  @MessagePattern(C.listEvidence)
  list(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('query') query: PageQueryDto,
  ) {
    return this.evidence.list(ctx.tenantId, id, query);
  }

  @MessagePattern(Command.caseStatus)
  status(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    return this.evidence.status(ctx.tenantId, id);
  }

  @MessagePattern(C.completeDocument)
  complete(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    return this.evidence.complete(ctx, id);
  }
}

/** `case.identified` opens the portfolio. */
@Controller()
export class EvidenceEvents {
  constructor(private readonly evidence: EvidenceService) {}

  @EventPattern(CaseIdentified.type)
  identified(@Payload() data: CaseIdentifiedV2, @Ctx() { tx }: EventContext) {
    return this.evidence.openPortfolio(tx, data);
  }
}
