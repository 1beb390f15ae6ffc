import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  budgetedPage,
  DomainError,
  ErrorCode,
  invalidCursor,
  keysetAfter,
  pageLimit,
  type BulkChunkDto,
  type BulkChunkRow,
  type CommandContext,
  type FinishBulkJobDto,
  type PageQueryDto,
  type StartBulkJobDto,
} from '@balanse/contracts';
import { commandMeta, UnitOfWork, type Tx } from '@balanse/messaging';
import { CaseRepository, detailsDiffering } from '../cases/case.repository';
import { candidateConflict, CasesService } from '../cases/cases.service';
import type { Standard } from '../standards/standard.entity';
import { asStandardInputError, StandardsService } from '../standards/standards.service';
import {
  BULK_STALE_SECONDS,
  BulkJobRepository,
  type BulkJobRow,
  type RowResult,
} from './bulk.repository';

/** Name the lists in their cursors. */
const REPORT_LIST = 'bulk-report';
const JOB_LIST = 'bulk-jobs';

/** The job as the API shows it. */
export type BulkJobView = ReturnType<typeof jobView>;

/**
 * Bulk intake in identify: the gateway streams a file's rows here in chunks. Each row opens a
 * case idempotently on the employer's external id: a candidate who already has a case on the
 * standard is `existing` (so a file sent again creates nothing twice), one on record with other
 * details is rejected as CANDIDATE_CONFLICT, and every row's outcome is kept for the report.
 */
@Injectable()
export class BulkService {
  constructor(
    private readonly jobs: BulkJobRepository,
    private readonly cases: CaseRepository,
    private readonly casesService: CasesService,
    private readonly standards: StandardsService,
    private readonly uow: UnitOfWork,
  ) {}

  start(ctx: CommandContext, dto: StartBulkJobDto): Promise<BulkJobView> {
    return this.uow.run(commandMeta(ctx), async (tx) =>
      jobView(
        await this.jobs.insert(tx.manager, {
          id: randomUUID(),
          tenantId: ctx.tenantId,
          format: dto.format,
        }),
      ),
    );
  }

  /**
   * One chunk of rows, in one transaction: its cases, their events and its report rows, with a
   * few statements for the whole chunk (the candidates, their cases, the new cases) rather than
   * a few per row.
   */
  rows(ctx: CommandContext, jobId: string, chunk: BulkChunkDto): Promise<BulkJobView> {
    return this.uow.run(commandMeta(ctx), async (tx) => {
      if (!(await this.jobs.lock(tx.manager, ctx.tenantId, jobId))) throw jobNotFound(jobId);
      const results: RowResult[] = chunk.rejected.map((r) => ({ ...r, outcome: 'rejected' }));
      results.push(...(await this.openRows(tx, ctx.actor, jobId, chunk.rows)));
      return jobView(
        await this.jobs.addRows(tx.manager, ctx.tenantId, jobId, results, chunk.rowsRead),
      );
    });
  }

  finish(ctx: CommandContext, jobId: string, dto: FinishBulkJobDto): Promise<BulkJobView> {
    return this.uow.run(commandMeta(ctx), async (tx) => {
      if (!(await this.jobs.lock(tx.manager, ctx.tenantId, jobId))) throw jobNotFound(jobId);
      return jobView(await this.jobs.finish(tx.manager, ctx.tenantId, jobId, dto));
    });
  }

  async get(tenantId: string, jobId: string): Promise<BulkJobView> {
    const job = await this.jobs.get(tenantId, jobId);
    if (!job) throw jobNotFound(jobId);
    return jobView(job);
  }

  /** A page of the tenant's jobs, oldest first: where a client finds a job whose answer it lost. */
  async list(tenantId: string, query?: PageQueryDto) {
    const after = keysetAfter(JOB_LIST, query, ['micros', 'uuid']);
    const limit = pageLimit(query);
    const rows = await this.jobs.pageJobs(tenantId, after, limit + 1);
    return budgetedPage(JOB_LIST, rows, limit, (r) => [r.key_at, r.id], jobView);
  }

  /** A page of the per-row report, by row number. */
  async report(tenantId: string, jobId: string, query?: PageQueryDto) {
    const after = keysetAfter(REPORT_LIST, query, ['text']);
    if (after && !/^\d{1,9}$/.test(after[0])) throw invalidCursor();
    const limit = pageLimit(query);
    if (!(await this.jobs.get(tenantId, jobId))) throw jobNotFound(jobId);
    const rows = await this.jobs.pageReport(tenantId, jobId, Number(after?.[0] ?? 0), limit + 1);
    return budgetedPage(
      REPORT_LIST,
      rows,
      limit,
      (r) => [String(r.row)],
      (r) => r,
    );
  }

  private async openRows(
    tx: Tx,
    actor: string,
    jobId: string,
    rows: BulkChunkRow[],
  ): Promise<RowResult[]> {
    const standards = new Map<string, Standard | DomainError>();
    for (const id of new Set(rows.map((r) => r.standardId)))
      standards.set(id, await this.standardOrError(tx, id));
    const known = rows.filter((r) => !(standards.get(r.standardId) instanceof DomainError));
    // The first row of each external id stands for a new candidate; the others compare with it.
    const firstOf = new Map<string, BulkChunkRow>();
    for (const row of known) if (!firstOf.has(row.externalId)) firstOf.set(row.externalId, row);
    const onRecord = await this.cases.upsertCandidates(tx.manager, tx.tenantId, [
      ...firstOf.values(),
    ]);
    const caseOf = await this.cases.casesOf(
      tx.manager,
      tx.tenantId,
      [...onRecord.values()].map((c) => c.id),
    );
    const toOpen: Parameters<CasesService['openMany']>[2] = [];
    const results = rows.map((row): RowResult => {
      const standard = standards.get(row.standardId)!;
      if (standard instanceof DomainError) return rejected(row.row, standard);
      const candidate = onRecord.get(row.externalId)!;
      const conflicts = detailsDiffering(candidate, row);
      if (conflicts.length > 0) return rejected(row.row, candidateConflict(conflicts));
      const key = `${candidate.id}/${standard.id}`;
      const existing = caseOf.get(key);
      if (existing) return { row: row.row, outcome: 'existing', caseId: existing };
      const caseId = randomUUID();
      caseOf.set(key, caseId); // the same person twice in the file: one case
      toOpen.push({ caseId, standard, candidateId: candidate.id, detail: { bulkJobId: jobId } });
      return { row: row.row, outcome: 'created', caseId };
    });
    await this.casesService.openMany(tx, actor, toOpen);
    return results;
  }

  /** The published version a row's case pins, or why there is none (the row is rejected). */
  private standardOrError(tx: Tx, id: string): Promise<Standard | DomainError> {
    return this.standards.forCase(tx.tenantId, id, undefined, tx.manager).catch((err: unknown) => {
      const input = asStandardInputError(err, id);
      if (input instanceof DomainError) return input;
      throw err;
    });
  }
}

function rejected(row: number, err: DomainError): RowResult {
  return {
    row,
    outcome: 'rejected',
    code: err.code,
    field: err.fields?.[0]?.field,
    reason: err.message,
  };
}

function jobNotFound(id: string): DomainError {
  return DomainError.notFound(ErrorCode.BULK_JOB_NOT_FOUND, 'bulk job', id);
}

function jobView(job: BulkJobRow) {
  return {
    jobId: job.id,
    status: job.status,
    format: job.format,
    rowsRead: job.rows_read,
    created: job.created,
    existing: job.existing,
    rejected: job.rejected,
    reason: job.stale
      ? `nothing was heard from the upload for ${BULK_STALE_SECONDS} s: it stopped after ${job.rows_read} rows; send the file again to complete it (rows already opened are found, not opened twice)`
      : job.reason,
    startedAt: job.started_at.toISOString(),
    finishedAt: job.finished_at?.toISOString() ?? null,
  };
}
