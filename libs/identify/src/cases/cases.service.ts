import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  afterDecision,
  CaseIdentified,
  type CaseAssessedV1,
  type CaseCertifiedV1,
  type CaseDocumentedV1,
  type CaseStatus,
  CaseOpened,
  DomainError,
  ErrorCode,
  PHASES,
  type CaseResult,
  type CommandContext,
  type OpenCaseDto,
  type Phase,
  type SetScopeDto,
} from '@balanse/contracts';
import { commandMeta, UnitOfWork, type DomainEvent, type Tx } from '@balanse/messaging';
import { outcomesOf } from '../standards/standard.entity';
import { StandardsService } from '../standards/standards.service';
import { CaseHistoryEntry, CaseRecord } from './case.entity';

/**
 * A later phase's report in one statement: the phase moves forward only (the UPDATE's condition
 * is checked again under the row lock, so reports arriving together cannot move it back), and
 * the history keeps every report. No row back: the case is unknown.
 */
const ADVANCE_SQL = `
  WITH moved AS (
    UPDATE competence_case SET phase = $3, result = COALESCE($4, result), updated_at = now()
     WHERE id = $1 AND tenant_id = $2
       AND array_position($9::text[], phase) < array_position($9::text[], $3::text)
    RETURNING id)
  INSERT INTO case_history (id, case_id, tenant_id, at, phase, event, actor, detail)
  SELECT $5, c.id, c.tenant_id, $6, $3, $7, 'system', $8 FROM competence_case c
   WHERE c.id = $1 AND c.tenant_id = $2
  RETURNING id`;

/** A case with its candidate and its history, oldest first: one round trip for GET /cases/{id}. */
const VIEW_SQL = `
  SELECT c.id, c.phase, c.result, c.standard_id, c.standard_version, c.outcome_ids,
         c.self_assessment, c.opened_at, c.updated_at,
         json_build_object('id', p.id, 'externalId', p.external_id, 'name', p.name, 'email', p.email)
           AS candidate,
         COALESCE((SELECT json_agg(json_build_object('at', h.at, 'phase', h.phase, 'event', h.event,
                                                    'actor', h.actor, 'detail', h.detail) ORDER BY h.at)
                     FROM case_history h WHERE h.tenant_id = c.tenant_id AND h.case_id = c.id), '[]')
           AS history
    FROM competence_case c JOIN candidate p ON p.id = c.candidate_id
   WHERE c.id = $1 AND c.tenant_id = $2`;

interface CaseViewRow {
  id: string;
  phase: Phase;
  result: CaseResult | null;
  standard_id: string;
  standard_version: string;
  outcome_ids: string[];
  self_assessment: Record<string, number>;
  opened_at: Date;
  updated_at: Date;
  candidate: { id: string; externalId: string; name: string; email: string | null };
  history: Array<{
    at: string;
    phase: Phase;
    event: string;
    actor: string;
    detail: Record<string, unknown>;
  }>;
}

@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly standards: StandardsService,
  ) {}

  async open(ctx: CommandContext, dto: OpenCaseDto) {
    const standard = await this.standards
      .get(ctx.tenantId, dto.standardId)
      .catch((err: unknown) => {
        if (err instanceof DomainError) {
          throw new DomainError(
            422,
            ErrorCode.STANDARD_NOT_FOUND,
            `standard ${dto.standardId} was not found`,
            undefined,
            [{ field: 'standardId', message: 'no such standard for this tenant' }],
          );
        }
        throw err;
      });
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const candidate = await this.upsertCandidate(tx.manager, ctx.tenantId, dto);
      const record = tx.manager.create(CaseRecord, {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        candidateId: candidate.id,
        standardId: standard.id,
        standardVersion: standard.version,
        phase: 'identify',
        result: null,
        outcomeIds: [],
        selfAssessment: {},
      });
      await tx.manager.insert(CaseRecord, record);
      await this.history(tx, record.id, 'identify', 'opened', ctx.actor, {
        standardId: standard.id,
        standardVersion: standard.version,
      });
      await tx.emit(CaseOpened, record.id, {
        caseId: record.id,
        candidateRef: candidate.id,
        standardId: standard.id,
        standardVersion: standard.version,
        openedAt: new Date().toISOString(),
      });
      return this.view(ctx.tenantId, record.id, tx.manager);
    });
  }

  async setScope(ctx: CommandContext, caseId: string, dto: SetScopeDto) {
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const record = await this.lockInPhase(tx.manager, ctx.tenantId, caseId, 'identify');
      const standard = await this.standards.get(ctx.tenantId, record.standardId, tx.manager);
      const known = new Set(outcomesOf(standard).map((o) => o.id));
      const unknown = dto.outcomeIds.flatMap((id, i) =>
        known.has(id)
          ? []
          : [{ field: `outcomeIds.${i}`, message: `outcome ${id} is not in the standard` }],
      );
      if (unknown.length > 0) {
        throw new DomainError(
          422,
          ErrorCode.OUTCOME_NOT_IN_STANDARD,
          "some outcomes are not in the case's standard",
          { outcomeIds: dto.outcomeIds.filter((id) => !known.has(id)) },
          unknown,
        );
      }
      const inScope = new Set(dto.outcomeIds);
      const stray = Object.keys(dto.selfAssessment ?? {}).filter((id) => !inScope.has(id));
      if (stray.length > 0) {
        throw new DomainError(
          422,
          ErrorCode.OUTCOME_NOT_IN_SCOPE,
          'self-assessment names outcomes outside the scope',
          { outcomeIds: stray },
          stray.map((id) => ({
            field: `selfAssessment.${id}`,
            message: 'outcome is not in outcomeIds',
          })),
        );
      }
      await tx.manager.update(
        CaseRecord,
        { id: record.id },
        {
          outcomeIds: dto.outcomeIds as never,
          selfAssessment: (dto.selfAssessment ?? {}) as never,
        },
      );
      await this.history(tx, record.id, 'identify', 'scope_set', ctx.actor, {
        outcomes: dto.outcomeIds.length,
      });
      return this.view(ctx.tenantId, caseId, tx.manager);
    });
  }

  async completeIdentify(ctx: CommandContext, caseId: string) {
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const record = await this.lockInPhase(tx.manager, ctx.tenantId, caseId, 'identify');
      if (record.outcomeIds.length === 0) {
        throw new DomainError(
          422,
          ErrorCode.SCOPE_EMPTY,
          'set the scope (PUT /cases/{id}/scope) before completing identification',
        );
      }
      await tx.manager.update(CaseRecord, { id: record.id }, { phase: 'document' });
      await this.history(tx, record.id, 'document', 'identified', ctx.actor, {
        outcomes: record.outcomeIds.length,
      });
      await tx.emit(CaseIdentified, record.id, {
        caseId: record.id,
        candidateRef: record.candidateId,
        standardId: record.standardId,
        standardVersion: record.standardVersion,
        outcomeIds: record.outcomeIds,
      });
      return this.view(ctx.tenantId, caseId, tx.manager);
    });
  }

  /**
   * Moves the case forward as later phases report. Events may arrive late or twice, so the phase
   * only ever advances; the history keeps each report with the time it happened.
   */
  private async advance(
    tx: Tx,
    caseId: string,
    to: Phase,
    event: string,
    at: string,
    detail: Record<string, unknown>,
    result?: CaseResult,
  ) {
    const rows: unknown[] = await tx.manager.query(ADVANCE_SQL, [
      caseId,
      tx.tenantId,
      to,
      result ?? null,
      randomUUID(),
      new Date(at),
      event,
      JSON.stringify(detail),
      PHASES,
    ]);
    if (rows.length === 0)
      throw new Error(`case ${caseId} of tenant ${tx.tenantId} is unknown to identify`);
  }

  /** `cases.status`: the case's phase; identify is done with it once it has left identify. */
  async status(tenantId: string, caseId: string): Promise<CaseStatus> {
    const record = await this.dataSource
      .getRepository(CaseRecord)
      .findOne({ where: { id: caseId, tenantId }, select: { id: true, phase: true } });
    if (!record) throw DomainError.notFound(ErrorCode.CASE_NOT_FOUND, 'case', caseId);
    return { caseId: record.id, phase: record.phase, done: record.phase !== 'identify' };
  }

  /** `case.documented`: the case moves to assess. */
  recordDocumented(tx: Tx, event: DomainEvent, data: CaseDocumentedV1) {
    return this.advance(tx, event.subject, 'assess', 'documented', event.time, {
      evidenceCount: data.evidenceCount,
    });
  }

  /** `case.assessed`: on to certify, or completed when nothing was met (see afterDecision). */
  recordAssessed(tx: Tx, event: DomainEvent, data: CaseAssessedV1) {
    const { decision, met, partlyMet, notMet } = data;
    const next = afterDecision(decision);
    return this.advance(
      tx,
      event.subject,
      next.phase,
      'assessed',
      event.time,
      { decision, met: met.length, partlyMet: partlyMet.length, notMet: notMet.length },
      next.result ?? undefined,
    );
  }

  /** `case.certified`: the credential is issued and the case is completed. */
  recordCertified(tx: Tx, event: DomainEvent, data: CaseCertifiedV1) {
    const { credentialId, result } = data;
    return this.advance(
      tx,
      event.subject,
      'completed',
      'certified',
      event.time,
      { credentialId, result },
      result,
    );
  }

  /** The case as the API shows it, read in one statement (in `manager`'s transaction if given). */
  async view(tenantId: string, caseId: string, manager: EntityManager = this.dataSource.manager) {
    const rows: CaseViewRow[] = await manager.query(VIEW_SQL, [caseId, tenantId]);
    if (rows.length === 0) throw DomainError.notFound(ErrorCode.CASE_NOT_FOUND, 'case', caseId);
    const c = rows[0];
    return {
      id: c.id,
      phase: c.phase,
      result: c.result,
      standardId: c.standard_id,
      standardVersion: c.standard_version,
      candidate: c.candidate,
      scope: { outcomeIds: c.outcome_ids, selfAssessment: c.self_assessment },
      openedAt: c.opened_at.toISOString(),
      updatedAt: c.updated_at.toISOString(),
      history: c.history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })),
    };
  }

  private async lockInPhase(
    manager: EntityManager,
    tenantId: string,
    caseId: string,
    phase: Phase,
  ): Promise<CaseRecord> {
    const record = await manager.findOne(CaseRecord, {
      where: { id: caseId, tenantId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!record) throw DomainError.notFound(ErrorCode.CASE_NOT_FOUND, 'case', caseId);
    if (record.phase !== phase) {
      throw new DomainError(
        409,
        ErrorCode.CASE_NOT_IN_PHASE,
        `case is in phase ${record.phase}, not ${phase}`,
        { phase: record.phase, expected: phase },
      );
    }
    return record;
  }

  /** One candidate per employer id; concurrent openings for the same person meet in the upsert. */
  private async upsertCandidate(
    manager: EntityManager,
    tenantId: string,
    dto: OpenCaseDto,
  ): Promise<{ id: string }> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO candidate (id, tenant_id, external_id, name, email) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, external_id) DO UPDATE SET name = EXCLUDED.name, email = COALESCE(EXCLUDED.email, candidate.email)
       RETURNING id`,
      [
        randomUUID(),
        tenantId,
        dto.candidate.externalId,
        dto.candidate.name,
        dto.candidate.email ?? null,
      ],
    );
    return rows[0];
  }

  private async history(
    tx: Tx,
    caseId: string,
    phase: Phase,
    event: string,
    actor: string,
    detail: Record<string, unknown>,
    at = new Date(),
  ) {
    await tx.manager.insert(CaseHistoryEntry, {
      id: randomUUID(),
      caseId,
      tenantId: tx.tenantId,
      at,
      phase,
      event,
      actor,
      detail: detail as never,
    });
  }
}
