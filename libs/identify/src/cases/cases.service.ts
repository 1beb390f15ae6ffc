import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  budgetedPage,
  CaseIdentified,
  CaseOpened,
  DomainError,
  ErrorCode,
  keysetAfter,
  pageLimit,
  phaseAfter,
  type CaseAssessedV2,
  type CaseOpenedV1,
  type CaseCertifiedV1,
  type CaseStatus,
  type CaseDocumentedV2,
  type CaseSort,
  type CommandContext,
  type EmployerViewDto,
  type ListCasesQueryDto,
  type OpenCaseDto,
  type PageQueryDto,
  type Phase,
  type PhaseCompletion,
  type SetScopeDto,
  type UpdateCandidateDto,
} from '@balanse/contracts';
import type { EntityManager } from 'typeorm';
import { commandMeta, UnitOfWork, type Tx } from '@balanse/messaging';
import { outcomesOf, type Standard } from '../standards/standard.entity';
import { asStandardInputError, StandardsService } from '../standards/standards.service';
import type { Need } from '../needs/need.entity';
import { NeedsService } from '../needs/needs.service';
import type { CaseRecord } from './case.entity';
import { CaseListRepository } from './case-list.repository';
import { CaseRepository, detailsDiffering, type CaseView } from './case.repository';
import { gapReport, type GapReport } from './gap';
import { assessed, certified, documented, requirePhase, type Progress } from './progress';
import { checkScope, requireScope } from './scope';
import { WebhooksService } from '../webhooks/webhooks.service';
import { StandardAnnouncer } from '../standards/standard-announcer';
import { recipientHash } from './recipient';

/** What `PATCH /candidates/{externalIdentifier}` answers. */
export interface CandidateUpdate {
  candidate: { id: string; externalId: string; name: string; email: string | null };
  /** The fields whose values changed (none when the details were already these). */
  changed: Array<'name' | 'email'>;
  /** The candidate's cases whose history notes the change. */
  casesNoted: number;
}

/**
 * 409 CANDIDATE_CONFLICT: the external id names a candidate on record with other details. The
 * fields are named, their values (on record or sent) are not.
 */
export function candidateConflict(fields: Array<'name' | 'email'>, prefix = ''): DomainError {
  return new DomainError(
    409,
    ErrorCode.CANDIDATE_CONFLICT,
    `the candidate with this external id is on record with another ${fields.join(' and ')}; change it with PATCH /candidates/{externalIdentifier}`,
    { fields },
    fields.map((f) => ({
      field: `${prefix}${f}`,
      message: 'differs from the candidate on record for this external id',
    })),
  );
}

/** Names the list in its cursors. */
const HISTORY_LIST = 'history';
/** The case list by sort: a cursor of one order is refused by the other. */
const CASE_LIST: Record<CaseSort, string> = { openedAt: 'cases', '-openedAt': 'cases-desc' };

/** What a case carries for statistics: the need it serves, its sector and region (never personal). */
type CaseMapping = Partial<Pick<CaseRecord, 'needId' | 'sector' | 'region'>>;

/** What a case is opened on, as `POST /cases` and a bulk row name it. */
export type CaseTargetInput = Pick<
  OpenCaseDto,
  'standardId' | 'standardVersion' | 'needId' | 'sector' | 'region'
>;

/** The standard version a case pins, and its need, sector and region. */
export interface CaseTarget {
  standard: Standard;
  mapping: CaseMapping;
}

/** Reads shared by several targets (a bulk chunk's rows): each standard version and need once. */
export interface TargetLookups {
  standards: Map<string, Promise<Standard>>;
  needs: Map<string, Promise<Need>>;
  manager?: EntityManager;
}

/** The memo's promise for `key`, made by `read` the first time (a failure is kept too). */
function once<T>(memo: Map<string, Promise<T>> | undefined, key: string, read: () => Promise<T>) {
  if (!memo) return read();
  let found = memo.get(key);
  if (!found) memo.set(key, (found = read()));
  return found;
}

@Injectable()
export class CasesService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly uow: UnitOfWork,
    private readonly standards: StandardsService,
    private readonly needs: NeedsService,
    private readonly caseList: CaseListRepository,
    private readonly webhooks: WebhooksService,
    private readonly announcer: StandardAnnouncer,
  ) {}

  async open(ctx: CommandContext, dto: OpenCaseDto): Promise<CaseView> {
    const { standard, mapping } = await this.target(ctx.tenantId, dto);
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const candidate = await this.cases.upsertCandidate(tx.manager, ctx.tenantId, dto.candidate);
      if (candidate.conflicts.length > 0)
        throw candidateConflict(candidate.conflicts, 'candidate.');
      const caseId = await this.openIn(tx, ctx.actor, standard, candidate.id, mapping);
      return this.viewIn(tx, caseId);
    });
  }

  /**
   * What a case is opened on (`POST /cases`, a bulk row): the published version of the standard
   * it pins (default the latest), the need it serves (of that standard) and its sector and region
   * (default the need's). 4xx naming the field for a standard, version or need that cannot be
   * used. `lookups` shares the reads among the rows of a bulk chunk, in its transaction.
   */
  async target(
    tenantId: string,
    dto: CaseTargetInput,
    lookups?: TargetLookups,
  ): Promise<CaseTarget> {
    const manager = lookups?.manager;
    const standard = await once(
      lookups?.standards,
      `${dto.standardId}@${dto.standardVersion ?? 'published'}`,
      () =>
        this.standards
          .forCase(tenantId, dto.standardId, dto.standardVersion, manager)
          .catch((err: unknown) => {
            throw asStandardInputError(err, dto.standardId);
          }),
    );
    const needId = dto.needId;
    const need = needId
      ? await once(lookups?.needs, `${needId}/${standard.id}`, () =>
          this.needFor(tenantId, needId, standard.id, manager),
        )
      : null;
    const mapping: CaseMapping = {
      ...(need && { needId: need.id }),
      ...((dto.sector ?? need?.sector) && { sector: dto.sector ?? need!.sector }),
      ...((dto.region ?? need?.region) && { region: (dto.region ?? need!.region)! }),
    };
    return { standard, mapping };
  }

  /** Opens a case for a candidate on record, in the caller's transaction; answers its id. */
  async openIn(
    tx: Tx,
    actor: string,
    standard: Pick<Standard, 'id' | 'version'>,
    candidateId: string,
    mapping?: CaseMapping,
  ): Promise<string> {
    const caseId = randomUUID();
    await this.openMany(tx, actor, [{ caseId, standard, candidateId, mapping }]);
    return caseId;
  }

  /** Opens cases (a bulk chunk's) in the caller's transaction: a few statements for them all. */
  async openMany(
    tx: Tx,
    actor: string,
    cases: Array<{
      caseId: string;
      standard: Pick<Standard, 'id' | 'version'>;
      candidateId: string;
      detail?: Record<string, unknown>;
      mapping?: CaseMapping;
    }>,
  ): Promise<void> {
    await this.cases.insertOpened(
      tx.manager,
      tx.tenantId,
      actor,
      cases.map(({ caseId, standard, candidateId, detail, mapping }) => ({
        id: caseId,
        candidateId,
        standardId: standard.id,
        standardVersion: standard.version,
        ...mapping,
        detail: { standardId: standard.id, standardVersion: standard.version, ...detail },
      })),
    );
    await this.announcer.announce(
      tx,
      cases.map((c) => c.standard),
    );
    const emails = await this.cases.candidateEmails(
      tx.manager,
      tx.tenantId,
      cases.map((c) => c.candidateId),
    );
    const openedAt = new Date().toISOString();
    const opened = await tx.emitMany(
      CaseOpened,
      cases.map(({ caseId, standard, candidateId, mapping }) => ({
        subject: caseId,
        data: {
          caseId,
          candidateRef: candidateId,
          standardId: standard.id,
          standardVersion: String(standard.version),
          openedAt,
          recipient: recipientHash(candidateId, emails.get(candidateId)),
          // `target()` leaves out what is unset: no value here is null.
          ...(mapping as Pick<CaseOpenedV1, 'needId' | 'sector' | 'region'>),
        },
      })),
    );
    await this.webhooks.enqueueMany(tx, opened);
  }

  /**
   * `PATCH /candidates/{externalIdentifier}`: the one way a candidate's details change. Each of
   * their cases notes which fields changed, never the values (old or new).
   */
  async updateCandidate(
    ctx: CommandContext,
    externalId: string,
    changes: UpdateCandidateDto,
  ): Promise<CandidateUpdate> {
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const candidate = await this.cases.lockCandidate(tx.manager, ctx.tenantId, externalId);
      if (!candidate)
        throw new DomainError(
          404,
          ErrorCode.CANDIDATE_NOT_FOUND,
          'no candidate with this external id',
        );
      const changed = detailsDiffering(candidate, {
        name: changes.name ?? candidate.name,
        email: changes.email,
      });
      let casesNoted = 0;
      if (changed.length > 0) {
        candidate.name = changes.name ?? candidate.name;
        candidate.email = changes.email ?? candidate.email;
        casesNoted = await this.cases.updateCandidate(tx.manager, candidate, changed, ctx.actor);
      }
      return {
        candidate: {
          id: candidate.id,
          externalId: candidate.externalId,
          name: candidate.name,
          email: candidate.email,
        },
        changed,
        casesNoted,
      };
    });
  }

  async setScope(ctx: CommandContext, caseId: string, dto: SetScopeDto): Promise<CaseView> {
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const record = await this.lockIn(tx, caseId, 'identify');
      const standard = await this.standards.forCase(
        ctx.tenantId,
        record.standardId,
        record.standardVersion,
        tx.manager,
      );
      const scope = checkScope(
        outcomesOf(standard).map((o) => o.id),
        dto,
      );
      await this.cases.saveScope(tx.manager, ctx.tenantId, caseId, scope);
      await this.cases.addHistory(tx.manager, ctx.tenantId, {
        caseId,
        phase: 'identify',
        event: 'scope_set',
        actor: ctx.actor,
        detail: { outcomes: scope.outcomeIds.length },
      });
      return this.viewIn(tx, caseId);
    });
  }

  async completeIdentify(ctx: CommandContext, caseId: string): Promise<PhaseCompletion> {
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const record = await this.lockIn(tx, caseId, 'identify');
      requireScope(record.outcomeIds);
      const standard = await this.standards.forCase(
        ctx.tenantId,
        record.standardId,
        record.standardVersion,
        tx.manager,
      );
      const phase = phaseAfter('identify');
      await this.cases.setPhase(tx.manager, ctx.tenantId, caseId, phase);
      await this.cases.addHistory(tx.manager, ctx.tenantId, {
        caseId,
        phase,
        event: 'identified',
        actor: ctx.actor,
        detail: { outcomes: record.outcomeIds.length },
      });
      const identified = await tx.emit(CaseIdentified, caseId, {
        caseId,
        candidateRef: record.candidateId,
        standardId: record.standardId,
        standardVersion: String(record.standardVersion),
        outcomeIds: record.outcomeIds,
        standardOutcomeIds: outcomesOf(standard).map((o) => o.id),
        ...(record.needId && { needId: record.needId }),
        ...(record.sector && { sector: record.sector }),
        ...(record.region && { region: record.region }),
      });
      await this.webhooks.enqueue(tx, identified);
      return {
        caseId,
        completed: 'identify',
        phase,
        result: null,
        summary: { outcomes: record.outcomeIds.length },
      };
    });
  }

  /**
   * The employer's view of the candidate per outcome of the standard (0-4), in any phase: it
   * informs the gap report, not the assessment. Replaces the earlier view.
   */
  async setEmployerView(
    ctx: CommandContext,
    caseId: string,
    dto: EmployerViewDto,
  ): Promise<CaseView> {
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const record = await this.cases.lock(tx.manager, ctx.tenantId, caseId);
      if (!record) throw DomainError.notFound(ErrorCode.CASE_NOT_FOUND, 'case', caseId);
      const standard = await this.standards.forCase(
        ctx.tenantId,
        record.standardId,
        record.standardVersion,
        tx.manager,
      );
      const known = new Set(outcomesOf(standard).map((o) => o.id));
      const unknown = Object.keys(dto.ratings).filter((id) => !known.has(id));
      if (unknown.length > 0) {
        throw new DomainError(
          422,
          ErrorCode.OUTCOME_NOT_IN_STANDARD,
          "some outcomes are not in the case's standard",
          { outcomeIds: unknown },
          unknown.map((id) => ({
            field: `ratings.${id}`,
            message: `outcome ${id} is not in the standard`,
          })),
        );
      }
      await this.cases.saveEmployerView(tx.manager, ctx.tenantId, caseId, dto.ratings);
      await this.cases.addHistory(tx.manager, ctx.tenantId, {
        caseId,
        phase: record.phase,
        event: 'employer_view_set',
        actor: ctx.actor,
        detail: { outcomes: Object.keys(dto.ratings).length },
      });
      return this.viewIn(tx, caseId);
    });
  }

  /** The gap report (see gap.ts): the need's outcomes, or the scope's, likely met or not. */
  async gap(
    tenantId: string,
    caseId: string,
  ): Promise<GapReport & { caseId: string; needId: string | null }> {
    const view = await this.view(tenantId, caseId);
    const standard = await this.standards.forCase(tenantId, view.standardId, view.standardVersion);
    const need = view.needId ? await this.needs.get(tenantId, view.needId) : null;
    return {
      caseId,
      needId: view.needId,
      ...gapReport({
        standardOutcomes: outcomesOf(standard),
        ...(need && { required: need.outcomeIds }),
        scope: view.scope.outcomeIds,
        selfAssessment: view.scope.selfAssessment,
        employerView: view.employerView,
      }),
    };
  }

  /** A page of the tenant's cases, filtered, by opening time in the order asked for. */
  async list(tenantId: string, query?: ListCasesQueryDto) {
    const sort = query?.sort ?? 'openedAt';
    const after = keysetAfter(CASE_LIST[sort], query, ['micros', 'uuid']);
    const limit = pageLimit(query);
    const rows = await this.caseList.page(tenantId, query, sort, after, limit + 1);
    return budgetedPage(
      CASE_LIST[sort],
      rows,
      limit,
      (r) => r.key,
      (r) => r.summary,
    );
  }

  /** `case.documented`: the case is in assessment. */
  documented(tx: Tx, data: CaseDocumentedV2, at: string): Promise<void> {
    return this.advance(tx, data.caseId, documented(data), at);
  }

  /** `case.assessed`: on to certification, or completed when nothing was met. */
  assessed(tx: Tx, data: CaseAssessedV2, at: string): Promise<void> {
    return this.advance(tx, data.caseId, assessed(data), at);
  }

  /** `case.certified`: completed with its result. */
  certified(tx: Tx, data: CaseCertifiedV1, at: string): Promise<void> {
    return this.advance(tx, data.caseId, certified(data), at);
  }

  /** `cases.status`: the case's phase; identify is done with it once it has left identify. */
  async status(tenantId: string, caseId: string): Promise<CaseStatus> {
    const phase = await this.cases.phaseOf(tenantId, caseId);
    if (!phase) throw DomainError.notFound(ErrorCode.CASE_NOT_FOUND, 'case', caseId);
    return { caseId, phase, done: phase !== 'identify' };
  }

  /** A page of the case's history, oldest first. */
  async history(tenantId: string, caseId: string, query?: PageQueryDto) {
    const after = keysetAfter(HISTORY_LIST, query, ['micros', 'uuid']);
    const limit = pageLimit(query);
    if (!(await this.cases.phaseOf(tenantId, caseId)))
      throw DomainError.notFound(ErrorCode.CASE_NOT_FOUND, 'case', caseId);
    const rows = await this.cases.pageHistory(tenantId, caseId, after, limit + 1);
    return budgetedPage(
      HISTORY_LIST,
      rows,
      limit,
      (r) => r.key,
      (r) => r.entry,
    );
  }

  async view(tenantId: string, caseId: string): Promise<CaseView> {
    const view = await this.cases.view(tenantId, caseId);
    if (!view) throw DomainError.notFound(ErrorCode.CASE_NOT_FOUND, 'case', caseId);
    return view;
  }

  /**
   * Moves the case forward as later phases report. Events may arrive late or twice, so the phase
   * only ever advances; the history keeps each report with the time it happened.
   */
  private async advance(tx: Tx, caseId: string, progress: Progress, at: string): Promise<void> {
    if (!(await this.cases.advance(tx.manager, tx.tenantId, caseId, progress, new Date(at))))
      throw new Error(`case ${caseId} of tenant ${tx.tenantId} is unknown to identify`);
  }

  /** The need a case is opened for: one the tenant sees, for the case's standard (else 422). */
  private async needFor(
    tenantId: string,
    needId: string,
    standardId: string,
    manager?: EntityManager,
  ): Promise<Need> {
    const need = await this.needs.get(tenantId, needId, manager).catch((err: unknown) => {
      if (!(err instanceof DomainError)) throw err;
      throw new DomainError(
        422,
        ErrorCode.NEED_NOT_FOUND,
        `need ${needId} was not found`,
        undefined,
        [{ field: 'needId', message: 'no such need for this tenant' }],
      );
    });
    if (need.standardId !== standardId) {
      throw new DomainError(
        422,
        ErrorCode.NEED_STANDARD_MISMATCH,
        'need is for another standard',
        { needStandardId: need.standardId },
        [{ field: 'needId', message: `need is for standard ${need.standardId}` }],
      );
    }
    return need;
  }

  private async lockIn(tx: Tx, caseId: string, phase: Phase): Promise<CaseRecord> {
    const record = await this.cases.lock(tx.manager, tx.tenantId, caseId);
    if (!record) throw DomainError.notFound(ErrorCode.CASE_NOT_FOUND, 'case', caseId);
    requirePhase(record.phase, phase);
    return record;
  }

  private async viewIn(tx: Tx, caseId: string): Promise<CaseView> {
    return (await this.cases.view(tx.tenantId, caseId, tx.manager))!;
  }
}
