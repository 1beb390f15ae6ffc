import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  budgetedPage,
  CaseDocumented,
  MAX_EVIDENCE_REFS,
  DomainError,
  keysetAfter,
  pageLimit,
  phaseAfter,
  type AddEvidenceDto,
  type CaseIdentifiedV2,
  type CaseStatus,
  type CommandContext,
  type PageQueryDto,
  type PhaseCompletion,
} from '@balanse/contracts';
import { commandMeta, UnitOfWork, type Tx } from '@balanse/messaging';
import { evidenceDigest } from './evidence-digest';
import { requireCoverage, requireInScope, requireOpen } from './coverage';
import type { Evidence, Portfolio } from './portfolio.entity';
import { PortfolioRepository } from './portfolio.repository';

/** Names the list in its cursors. */
const EVIDENCE_LIST = 'evidence';

@Injectable()
export class EvidenceService {
  constructor(
    private readonly portfolios: PortfolioRepository,
    private readonly uow: UnitOfWork,
  ) {}

  /** `case.identified`: open the portfolio with the outcomes in scope. */
  async openPortfolio(tx: Tx, data: CaseIdentifiedV2): Promise<void> {
    await this.portfolios.open(tx.manager, {
      caseId: data.caseId,
      tenantId: tx.tenantId,
      standardId: data.standardId,
      candidateRef: data.candidateRef,
      outcomeIds: data.outcomeIds,
      standardOutcomeIds: data.standardOutcomeIds,
      standardVersion: data.standardVersion,
    });
  }

  /** The reply is made inside the unit of work: under an Idempotency-Key it is what is stored. */
  async add(ctx: CommandContext, caseId: string, dto: AddEvidenceDto) {
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const portfolio = await this.lockOpen(tx, caseId);
      requireInScope(portfolio.outcomeIds, dto.outcomeIds);
      const evidence = await this.portfolios.addEvidence(tx.manager, {
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
      return view(evidence);
    });
  }

  /** A page of the case's evidence, oldest first. */
  async list(tenantId: string, caseId: string, query?: PageQueryDto) {
    const after = keysetAfter(EVIDENCE_LIST, query, ['micros', 'uuid']);
    const limit = pageLimit(query);
    const rows = await this.portfolios.pageEvidence(tenantId, caseId, after, limit + 1);
    return budgetedPage(
      EVIDENCE_LIST,
      rows,
      limit,
      (r) => r.key,
      (r) => view(r.evidence),
    );
  }

  /** `cases.status`: documentation is done once the portfolio is complete. */
  async status(tenantId: string, caseId: string): Promise<CaseStatus> {
    const status = await this.portfolios.status(tenantId, caseId);
    if (!status) throw DomainError.notArrived('document');
    const done = status === 'complete';
    return { caseId, phase: done ? phaseAfter('document') : 'document', done };
  }

  /** Closes the portfolio if every outcome in scope has evidence; else 422 naming the uncovered ones. */
  async complete(ctx: CommandContext, caseId: string): Promise<PhaseCompletion> {
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const portfolio = await this.lockOpen(tx, caseId);
      const evidence = await this.portfolios.evidenceOf(tx.manager, ctx.tenantId, caseId);
      requireCoverage(portfolio.outcomeIds, evidence);
      await this.portfolios.complete(tx.manager, ctx.tenantId, caseId);
      await tx.emit(CaseDocumented, caseId, {
        caseId,
        standardId: portfolio.standardId,
        outcomeIds: portfolio.outcomeIds,
        standardOutcomeIds: portfolio.standardOutcomeIds,
        evidenceCount: evidence.length,
        evidence: evidence
          .slice(0, MAX_EVIDENCE_REFS)
          .map((e) => ({ id: e.id, sha256: evidenceDigest(e) })),
        ...(portfolio.standardVersion ? { standardVersion: portfolio.standardVersion } : {}),
      });
      return {
        caseId,
        completed: 'document',
        phase: phaseAfter('document'),
        result: null,
        summary: { evidenceCount: evidence.length },
      };
    });
  }

  /** The open portfolio, locked; a case whose `case.identified` has not arrived is not here yet. */
  private async lockOpen(tx: Tx, caseId: string): Promise<Portfolio> {
    const portfolio = await this.portfolios.lock(tx.manager, tx.tenantId, caseId);
    if (!portfolio) throw DomainError.notArrived('document');
    requireOpen(portfolio.status);
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
