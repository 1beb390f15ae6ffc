import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  CaseDocumented,
  CaseDocumentedV2,
  Command,
  JudgeOutcomeDto,
  PageQueryDto,
  type CommandContext,
} from '@balanse/contracts';
import { EventContext, IdPipe } from '@balanse/messaging';
import { AssessmentService } from './assessment.service';

const C = Command.assess;

/** An assessor's judgements and the decision. */
@Controller()
export class AssessmentCommands {
  constructor(private readonly assessments: AssessmentService) {}

  @MessagePattern(C.judgeOutcome)
  judge(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('outcomeId', IdPipe) outcomeId: string,
    @Payload('body') body: JudgeOutcomeDto,
  ) {
    return this.assessments.judge(ctx, id, outcomeId, body);
  }

  @MessagePattern(C.listJudgements)
  list(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('query') query: PageQueryDto,
  ) {
    return this.assessments.list(ctx.tenantId, id, query);
  }

  @MessagePattern(Command.caseStatus)
  status(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    return this.assessments.status(ctx.tenantId, id);
  }

  @MessagePattern(C.completeAssess)
  complete(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    return this.assessments.complete(ctx, id);
  }
}

/** `case.documented` opens the assessment. */
@Controller()
export class AssessmentEvents {
  constructor(private readonly assessments: AssessmentService) {}

  @EventPattern(CaseDocumented.type)
  documented(@Payload() data: CaseDocumentedV2, @Ctx() { tx }: EventContext) {
    return this.assessments.open(tx, data);
  }
}
