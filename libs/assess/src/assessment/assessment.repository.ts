import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Decision } from '@balanse/contracts';
import { pageByTime } from '@balanse/persistence';
import { Assessment, OutcomeJudgement } from './assessment.entity';

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
  ON CONFLICT (tenant_id, case_id, outcome_id) DO UPDATE
     SET judgement = EXCLUDED.judgement, rationale = EXCLUDED.rationale,
         assessor = EXCLUDED.assessor, judged_at = EXCLUDED.judged_at
  RETURNING judged_at`;

/** An assessment and its judgements: every statement on the assessment aggregate. */
@Injectable()
export class AssessmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Opens the assessment once; a repeated `case.documented` leaves it as it is. */
  async open(
    manager: EntityManager,
    assessment: Omit<Assessment, 'status' | 'decision' | 'openedAt' | 'decidedAt'>,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(Assessment)
      .values({ ...assessment, status: 'open', decision: null, decidedAt: null })
      .orIgnore()
      .execute();
  }

  find(tenantId: string, caseId: string): Promise<Assessment | null> {
    return this.dataSource.getRepository(Assessment).findOneBy({ tenantId, caseId });
  }

  /** The assessment, locked for update until the transaction ends; null if it has not arrived. */
  lock(manager: EntityManager, tenantId: string, caseId: string): Promise<Assessment | null> {
    return manager.findOne(Assessment, {
      where: { tenantId, caseId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * Records (or replaces) a judgement in one statement (see JUDGE_SQL); null when nothing was
   * written: the assessment is not here, not open, or the outcome not in its scope.
   */
  async judge(
    tenantId: string,
    judgement: Omit<OutcomeJudgement, 'tenantId' | 'judgedAt'>,
  ): Promise<Date | null> {
    const rows: Array<{ judged_at: Date }> = await this.dataSource.query(JUDGE_SQL, [
      judgement.caseId,
      judgement.outcomeId,
      tenantId,
      judgement.judgement,
      judgement.rationale,
      judgement.assessor,
      judgement.outcomeId,
    ]);
    return rows.length === 1 ? new Date(rows[0].judged_at) : null;
  }

  /**
   * One page of a case's judgements, oldest first: up to `take` after the keyset `after`
   * (`judged_at` in microseconds, the outcome id). A judgement replaced while a client pages
   * moves to the end: it may be seen twice, never missed.
   */
  async pageJudgements(
    tenantId: string,
    caseId: string,
    after: string[] | null,
    take: number,
  ): Promise<Array<{ judgement: OutcomeJudgement; key: [string, string] }>> {
    const query = this.dataSource
      .getRepository(OutcomeJudgement)
      .createQueryBuilder('j')
      .where('j.tenant_id = :tenantId AND j.case_id = :caseId', { tenantId, caseId });
    const page = await pageByTime(
      query,
      { at: 'judged_at', id: 'outcome_id', idOf: (r) => r.outcomeId },
      after,
      take,
    );
    return page.map(({ row, key }) => ({ judgement: row, key }));
  }

  /** Every judgement of the case: what the decision needs (at most one per outcome in scope). */
  judgements(
    tenantId: string,
    caseId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OutcomeJudgement[]> {
    return manager.find(OutcomeJudgement, {
      where: { tenantId, caseId },
      order: { judgedAt: 'ASC' },
    });
  }

  async decide(
    manager: EntityManager,
    tenantId: string,
    caseId: string,
    decision: Decision,
  ): Promise<void> {
    await manager.update(
      Assessment,
      { tenantId, caseId },
      { status: 'decided', decision, decidedAt: new Date() },
    );
  }
}
