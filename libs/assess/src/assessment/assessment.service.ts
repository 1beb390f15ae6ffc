import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CaseAssessed,
  DomainError,
  ErrorCode,
  type CaseDocumentedV1,
  type CommandContext,
  type JudgeOutcomeDto,
} from '@balanse/contracts';
import { commandMeta, UnitOfWork, type Tx } from '@balanse/messaging';
import { waitForArrival } from '@balanse/runtime';
import { Assessment, OutcomeJudgement } from './assessment.entity';
import { decide } from './decision';

@Injectable()
export class AssessmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** `case.documented`: open the assessment over the outcomes in scope. */
  async open(tx: Tx, data: CaseDocumentedV1): Promise<void> {
    await tx.manager
      .createQueryBuilder()
      .insert()
      .into(Assessment)
      .values({
        caseId: data.caseId,
        tenantId: tx.tenantId,
        standardId: data.standardId,
        outcomeIds: data.outcomeIds as never,
        status: 'open',
        decision: null,
        decidedAt: null,
      })
      .orIgnore()
      .execute();
  }

  /** Records (or replaces) the judgement of one outcome. */
  async judge(ctx: CommandContext, caseId: string, outcomeId: string, dto: JudgeOutcomeDto) {
    await this.awaitAssessment(ctx.tenantId, caseId);
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const assessment = await this.lockOpen(tx.manager, ctx.tenantId, caseId);
      if (!assessment.outcomeIds.includes(outcomeId)) {
        throw new DomainError(
          422,
          ErrorCode.OUTCOME_NOT_IN_SCOPE,
          `outcome ${outcomeId} is not in the case's scope`,
          { outcomeId },
          [{ field: 'outcomeId', message: "not in the case's scope" }],
        );
      }
      const row: OutcomeJudgement = {
        caseId,
        outcomeId,
        tenantId: ctx.tenantId,
        judgement: dto.judgement,
        rationale: dto.rationale.trim(),
        assessor: ctx.actor,
        judgedAt: new Date(),
      };
      await tx.manager.upsert(OutcomeJudgement, row, ['caseId', 'outcomeId']);
      return view(row);
    });
  }

  async list(tenantId: string, caseId: string) {
    const rows = await this.dataSource
      .getRepository(OutcomeJudgement)
      .find({ where: { tenantId, caseId }, order: { judgedAt: 'ASC' } });
    return rows.map(view);
  }

  /** Decides once every outcome in scope is judged; else 422 naming the unjudged ones. */
  async complete(ctx: CommandContext, caseId: string) {
    await this.awaitAssessment(ctx.tenantId, caseId);
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const assessment = await this.lockOpen(tx.manager, ctx.tenantId, caseId);
      const judgements = await tx.manager.find(OutcomeJudgement, {
        where: { tenantId: ctx.tenantId, caseId },
      });
      const judged = new Set(judgements.map((j) => j.outcomeId));
      const missing = assessment.outcomeIds.filter((id) => !judged.has(id));
      if (missing.length > 0) {
        throw new DomainError(
          422,
          ErrorCode.JUDGEMENTS_MISSING,
          `${missing.length} outcome(s) in scope are not judged`,
          { missingOutcomeIds: missing },
        );
      }
      const inScope = judgements.filter((j) => assessment.outcomeIds.includes(j.outcomeId));
      const result = decide(inScope);
      assessment.status = 'decided';
      assessment.decision = result.decision;
      assessment.decidedAt = new Date();
      await tx.manager.save(assessment);
      await tx.emit(CaseAssessed, caseId, { caseId, standardId: assessment.standardId, ...result });
      return {
        caseId,
        phase: result.decision === 'not_certified' ? 'completed' : 'certify',
        ...result,
      };
    });
  }

  private async awaitAssessment(tenantId: string, caseId: string): Promise<void> {
    const found = await waitForArrival(() =>
      this.dataSource
        .getRepository(Assessment)
        .findOne({ where: { tenantId, caseId }, select: { caseId: true } }),
    );
    if (!found)
      throw new DomainError(
        409,
        ErrorCode.CASE_NOT_IN_PHASE,
        'case has not reached the assess phase',
        { expected: 'assess' },
      );
  }

  private async lockOpen(
    manager: EntityManager,
    tenantId: string,
    caseId: string,
  ): Promise<Assessment> {
    const assessment = await manager.findOne(Assessment, {
      where: { tenantId, caseId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!assessment)
      throw new DomainError(
        409,
        ErrorCode.CASE_NOT_IN_PHASE,
        'case has not reached the assess phase',
        { expected: 'assess' },
      );
    if (assessment.status !== 'open')
      throw new DomainError(
        409,
        ErrorCode.CASE_NOT_IN_PHASE,
        'the assessment of this case is decided',
        { expected: 'assess', decision: assessment.decision },
      );
    return assessment;
  }
}

function view(j: OutcomeJudgement) {
  return {
    outcomeId: j.outcomeId,
    judgement: j.judgement,
    rationale: j.rationale,
    assessor: j.assessor,
    judgedAt: j.judgedAt.toISOString(),
  };
}
