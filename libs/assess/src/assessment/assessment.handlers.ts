import { Injectable } from '@nestjs/common';
import {
  CaseDocumented,
  Command,
  JudgeOutcomeDto,
  type CaseDocumentedV2,
} from '@balanse/contracts';
import {
  OnCommand,
  OnEvent,
  type CommandInput,
  type DomainEvent,
  type Tx,
} from '@balanse/messaging';
import { AssessmentService } from './assessment.service';

const C = Command.assess;

@Injectable()
export class AssessmentCommands {
  constructor(private readonly assessments: AssessmentService) {}

  @OnCommand(C.judgeOutcome, JudgeOutcomeDto)
  judge({ context, params, body }: CommandInput<JudgeOutcomeDto>) {
    return this.assessments.judge(context, params['id'], params['outcomeId'], body);
  }

  @OnCommand(C.listJudgements)
  list({ context, params }: CommandInput) {
    return this.assessments.list(context.tenantId, params['id']);
  }

  @OnCommand(C.completeAssess)
  complete({ context, params }: CommandInput) {
    return this.assessments.complete(context, params['id']);
  }
}

@Injectable()
export class AssessmentEvents {
  constructor(private readonly assessments: AssessmentService) {}

  @OnEvent(CaseDocumented)
  documented(event: DomainEvent<CaseDocumentedV2>, tx: Tx) {
    return this.assessments.open(tx, event.data);
  }
}
