import { Injectable } from '@nestjs/common';
import {
  afterDecision,
  budgetedPage,
  CaseAssessed,
  DomainError,
  keysetAfter,
  pageLimit,
  type CaseDocumentedV2,
  type CaseStatus,
  type CommandContext,
  type JudgeOutcomeDto,
  type PageQueryDto,
  type PhaseCompletion,
} from '@balanse/contracts';
import { commandMeta, UnitOfWork, type Tx } from '@balanse/messaging';
import type { Assessment, OutcomeJudgement } from './assessment.entity';
import { AssessmentRepository } from './assessment.repository';
import { decide } from './decision';
import { judgedScope, requireInScope, requireOpen } from './judgements';

/** Names the list in its cursors. */
const JUDGEMENT_LIST = 'judgements';

@Injectable()
export class AssessmentService {
  constructor(
    private readonly assessments: AssessmentRepository,
    private readonly uow: UnitOfWork,
  ) {}

  /** `case.documented`: open the assessment over the outcomes in scope. */
  async open(tx: Tx, data: CaseDocumentedV2): Promise<void> {
    await this.assessments.open(tx.manager, {
      caseId: data.caseId,
      tenantId: tx.tenantId,
      standardId: data.standardId,
      outcomeIds: data.outcomeIds,
      standardOutcomeIds: data.standardOutcomeIds,
      standardVersion: data.standardVersion ?? null,
    });
  }

  /** Records (or replaces) the judgement of one outcome: one statement in the common case. */
  async judge(ctx: CommandContext, caseId: string, outcomeId: string, dto: JudgeOutcomeDto) {
    const judgement = {
      caseId,
      outcomeId,
      judgement: dto.judgement,
      rationale: dto.rationale.trim(),
      assessor: ctx.actor,
    };
    for (let attempt = 1; ; attempt++) {
      const judgedAt = await this.assessments.judge(ctx.tenantId, judgement);
      if (judgedAt) return view({ ...judgement, judgedAt });
      // Nothing written: find out why. The assessment may have been opened in between.
      const assessment = await this.assessments.find(ctx.tenantId, caseId);
      if (!assessment) throw DomainError.notArrived('assess');
      requireOpen(assessment);
      requireInScope(assessment.outcomeIds, outcomeId);
      if (attempt >= 3)
        throw new Error(
          `judgement of ${outcomeId} on case ${caseId} not written after ${attempt} attempts`,
        );
    }
  }

  /** `cases.status`: assessment is done once decided. */
  async status(tenantId: string, caseId: string): Promise<CaseStatus> {
    const assessment = await this.assessments.find(tenantId, caseId);
    if (!assessment) throw DomainError.notArrived('assess');
    if (!assessment.decision) return { caseId, phase: 'assess', done: false };
    return { caseId, phase: afterDecision(assessment.decision).phase, done: true };
  }

  /** A page of the case's judgements, oldest first. */
  async list(tenantId: string, caseId: string, query?: PageQueryDto) {
    const after = keysetAfter(JUDGEMENT_LIST, query, ['micros', 'uuid']);
    const limit = pageLimit(query);
    const rows = await this.assessments.pageJudgements(tenantId, caseId, after, limit + 1);
    return budgetedPage(
      JUDGEMENT_LIST,
      rows,
      limit,
      (r) => r.key,
      (r) => view(r.judgement),
    );
  }

  /** Decides once every outcome in scope is judged; else 422 naming the unjudged ones. */
  async complete(ctx: CommandContext, caseId: string): Promise<PhaseCompletion> {
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const assessment = await this.lockOpen(tx, caseId);
      const judgements = judgedScope(
        assessment.outcomeIds,
        await this.assessments.judgements(ctx.tenantId, caseId, tx.manager),
      );
      const decided = decide({ judgements, required: assessment.standardOutcomeIds });
      await this.assessments.decide(tx.manager, ctx.tenantId, caseId, decided.decision);
      await tx.emit(CaseAssessed, caseId, {
        caseId,
        standardId: assessment.standardId,
        ...decided,
        standardOutcomeIds: assessment.standardOutcomeIds,
        ...(assessment.standardVersion ? { standardVersion: assessment.standardVersion } : {}),
      });
      return {
        caseId,
        completed: 'assess',
        ...afterDecision(decided.decision),
        summary: {
          decision: decided.decision,
          met: decided.met.length,
          partlyMet: decided.partlyMet.length,
          notMet: decided.notMet.length,
          standardOutcomes: assessment.standardOutcomeIds.length,
        },
      };
    });
  }

  /** The open assessment, locked; a case whose `case.documented` has not arrived is not here yet. */
  private async lockOpen(tx: Tx, caseId: string): Promise<Assessment> {
    const assessment = await this.assessments.lock(tx.manager, tx.tenantId, caseId);
    if (!assessment) throw DomainError.notArrived('assess');
    requireOpen(assessment);
    return assessment;
  }
}

function view(j: Omit<OutcomeJudgement, 'tenantId' | 'caseId'>) {
  return {
    outcomeId: j.outcomeId,
    judgement: j.judgement,
    rationale: j.rationale,
    assessor: j.assessor,
    judgedAt: j.judgedAt.toISOString(),
  };
}
