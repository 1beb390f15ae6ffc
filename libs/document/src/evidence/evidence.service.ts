import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CaseDocumented,
  DomainError,
  ErrorCode,
  type AddEvidenceDto,
  type CaseIdentifiedV1,
  type CaseStatus,
  type CommandContext,
} from '@balanse/contracts';
import { commandMeta, UnitOfWork, type Tx } from '@balanse/messaging';
import { Evidence, Portfolio } from './portfolio.entity';

@Injectable()
export class EvidenceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** `case.identified`: open the portfolio with the outcomes in scope. */
  async openPortfolio(tx: Tx, data: CaseIdentifiedV1): Promise<void> {
    await tx.manager
      .createQueryBuilder()
      .insert()
      .into(Portfolio)
      .values({
        caseId: data.caseId,
        tenantId: tx.tenantId,
        standardId: data.standardId,
        candidateRef: data.candidateRef,
        outcomeIds: data.outcomeIds as never,
        status: 'open',
        completedAt: null,
      })
      .orIgnore()
      .execute();
  }

  async add(ctx: CommandContext, caseId: string, dto: AddEvidenceDto) {
    const evidence = await this.uow.run(commandMeta(ctx), async (tx) => {
      const portfolio = await this.lockOpen(tx.manager, ctx.tenantId, caseId);
      const inScope = new Set(portfolio.outcomeIds);
      const outside = dto.outcomeIds.flatMap((id, i) =>
        inScope.has(id)
          ? []
          : [{ field: `outcomeIds.${i}`, message: `outcome ${id} is not in the case's scope` }],
      );
      if (outside.length > 0) {
        throw new DomainError(
          422,
          ErrorCode.OUTCOME_NOT_IN_SCOPE,
          "evidence names outcomes outside the case's scope",
          { outcomeIds: dto.outcomeIds.filter((id) => !inScope.has(id)) },
          outside,
        );
      }
      const row = tx.manager.create(Evidence, {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        caseId,
        kind: dto.kind,
        title: dto.title,
        description: dto.description ?? null,
        outcomeIds: dto.outcomeIds,
        issuer: dto.issuer ?? null,
        periodFrom: dto.period?.from ?? null,
        periodTo: dto.period?.to ?? null,
        positionPercent: dto.positionPercent ?? null,
        tasks: dto.tasks ?? [],
        addedBy: ctx.actor,
      });
      await tx.manager.insert(Evidence, row);
      return row;
    });
    return view(evidence);
  }

  async list(tenantId: string, caseId: string) {
    const rows = await this.dataSource
      .getRepository(Evidence)
      .find({ where: { tenantId, caseId }, order: { addedAt: 'ASC' } });
    return rows.map(view);
  }

  /** `cases.status`: documentation is done once the portfolio is complete. */
  async status(tenantId: string, caseId: string): Promise<CaseStatus> {
    const portfolio = await this.dataSource
      .getRepository(Portfolio)
      .findOne({ where: { tenantId, caseId }, select: { caseId: true, status: true } });
    if (!portfolio) throw DomainError.notArrived('document');
    const done = portfolio.status === 'complete';
    return { caseId, phase: done ? 'assess' : 'document', done };
  }

  /** Closes the portfolio if every outcome in scope has evidence; else 422 naming the uncovered ones. */
  async complete(ctx: CommandContext, caseId: string) {
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const portfolio = await this.lockOpen(tx.manager, ctx.tenantId, caseId);
      const evidence = await tx.manager.find(Evidence, {
        where: { tenantId: ctx.tenantId, caseId },
        select: { id: true, outcomeIds: true },
      });
      const covered = new Set(evidence.flatMap((e) => e.outcomeIds));
      const uncovered = portfolio.outcomeIds.filter((id) => !covered.has(id));
      if (uncovered.length > 0) {
        throw new DomainError(
          422,
          ErrorCode.EVIDENCE_MISSING,
          `${uncovered.length} outcome(s) in scope have no evidence`,
          { uncoveredOutcomeIds: uncovered },
        );
      }
      await tx.manager.update(
        Portfolio,
        { caseId },
        { status: 'complete', completedAt: new Date() },
      );
      await tx.emit(CaseDocumented, caseId, {
        caseId,
        standardId: portfolio.standardId,
        outcomeIds: portfolio.outcomeIds,
        evidenceCount: evidence.length,
      });
      return { caseId, phase: 'assess', evidenceCount: evidence.length };
    });
  }

  private async lockOpen(
    manager: EntityManager,
    tenantId: string,
    caseId: string,
  ): Promise<Portfolio> {
    const portfolio = await manager.findOne(Portfolio, {
      where: { tenantId, caseId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!portfolio) throw DomainError.notArrived('document');
    if (portfolio.status !== 'open') {
      throw new DomainError(
        409,
        ErrorCode.CASE_NOT_IN_PHASE,
        'documentation of this case is complete',
        {
          expected: 'document',
        },
      );
    }
    return portfolio;
  }
}
function view(e: Evidence) {
  return {
    id: e.id,
    caseId: e.caseId,
    kind: e.kind,
    title: e.title,
    description: e.description,
    outcomeIds: e.outcomeIds,
    issuer: e.issuer,
    period: e.periodFrom ? { from: e.periodFrom, to: e.periodTo } : null,
    positionPercent: e.positionPercent,
    tasks: e.tasks,
    addedBy: e.addedBy,
    addedAt: e.addedAt.toISOString(),
  };
}
