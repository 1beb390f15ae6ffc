import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  afterDecision,
  CaseAssessed,
  type CaseStatus,
  DomainError,
  ErrorCode,
  type CaseDocumentedV1,
  type CommandContext,
  type JudgeOutcomeDto,
} from '@balanse/contracts';
import { commandMeta, UnitOfWork, type Tx } from '@balanse/messaging';
import { Assessment, OutcomeJudgement } from './assessment.entity';
import { decide } from './decision';

/**
 * Records one judgement only while the assessment is open and the outcome in scope, under a share
 * lock on the assessment, so it cannot slip in beside a decision (which takes the update lock).
 */
const JUDGE_SQL = `
  INSERT INTO outcome_judgement (case_id, outcome_id, tenant_id, judgement, rationale, assessor, judged_at)
  SELECT a.case_id, $2, a.tenant_id, $4, $5, $6, now() FROM assessment a
   WHERE a.case_id = $1 AND a.tenant_id = $3 AND a.status = 'open'
     AND a.outcome_ids @> jsonb_build_array($7::text)
     FOR SHARE
  ON CONFLICT (case_id, outcome_id) DO UPDATE
     SET judgement = EXCLUDED.judgement, rationale = EXCLUDED.rationale,
         assessor = EXCLUDED.assessor, judged_at = EXCLUDED.judged_at
  RETURNING judged_at`;

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

  /** Records (or replaces) the judgement of one outcome: one statement in the common case. */
  async judge(ctx: CommandContext, caseId: string, outcomeId: string, dto: JudgeOutcomeDto) {
    const rationale = dto.rationale.trim();
    const params = [
      caseId,
      outcomeId,
      ctx.tenantId,
      dto.judgement,
      rationale,
      ctx.actor,
      outcomeId,
    ];
    for (let attempt = 1; ; attempt++) {
      const rows: Array<{ judged_at: Date }> = await this.dataSource.query(JUDGE_SQL, params);
      if (rows.length === 1) {
        return {
          outcomeId,
          judgement: dto.judgement,
          rationale,
          assessor: ctx.actor,
          judgedAt: new Date(rows[0].judged_at).toISOString(),
        };
      }
      // Nothing written: find out why. The assessment may have been opened in between.
      const assessment = await this.dataSource
        .getRepository(Assessment)
        .findOneBy({ tenantId: ctx.tenantId, caseId });
      if (!assessment) throw DomainError.notArrived('assess');
      if (assessment.status !== 'open') throw decided(assessment);
      if (!assessment.outcomeIds.includes(outcomeId)) {
        throw new DomainError(
          422,
          ErrorCode.OUTCOME_NOT_IN_SCOPE,
          `outcome ${outcomeId} is not in the case's scope`,
          { outcomeId },
          [{ field: 'outcomeId', message: "not in the case's scope" }],
        );
      }
      if (attempt >= 3)
        throw new Error(
          `judgement of ${outcomeId} on case ${caseId} not written after ${attempt} attempts`,
        );
    }
  }

  async list(tenantId: string, caseId: string) {
    const rows = await this.dataSource
      .getRepository(OutcomeJudgement)
      .find({ where: { tenantId, caseId }, order: { judgedAt: 'ASC' } });
    return rows.map(view);
  }

  /** Decides once every outcome in scope is judged; else 422 naming the unjudged ones. */
  async complete(ctx: CommandContext, caseId: string) {
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
      await tx.manager.update(
        Assessment,
        { caseId },
        { status: 'decided', decision: result.decision, decidedAt: new Date() },
      );
      await tx.emit(CaseAssessed, caseId, { caseId, standardId: assessment.standardId, ...result });
      return {
        caseId,
        phase: result.decision === 'not_certified' ? 'completed' : 'certify',
        ...result,
      };
    });
  }

  /** `cases.status`: assessment is done once decided. */
  async status(tenantId: string, caseId: string): Promise<CaseStatus> {
    const assessment = await this.dataSource.getRepository(Assessment).findOne({
      where: { tenantId, caseId },
      select: { caseId: true, status: true, decision: true },
    });
    if (!assessment) throw DomainError.notArrived('assess');
    if (assessment.status !== 'decided' || !assessment.decision)
      return { caseId, phase: 'assess', done: false };
    return { caseId, phase: afterDecision(assessment.decision).phase, done: true };
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
    if (!assessment) throw DomainError.notArrived('assess');
    if (assessment.status !== 'open') throw decided(assessment);
    return assessment;
  }
}

function decided(assessment: Assessment): DomainError {
  return new DomainError(
    409,
    ErrorCode.CASE_NOT_IN_PHASE,
    'the assessment of this case is decided',
    {
      expected: 'assess',
      decision: assessment.decision,
    },
  );
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
