import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  budgetedPage,
  DomainError,
  ErrorCode,
  invalidCursor,
  keysetAfter,
  pageLimit,
  type BulkChunkDto,
  type BulkJobStart,
  type BulkChunkRow,
  type CommandContext,
  type FinishBulkJobDto,
  type PageQueryDto,
  type StartBulkJobDto,
} from '@balanse/contracts';
import { commandMeta, UnitOfWork, type Tx } from '@balanse/messaging';
import { CaseRepository, detailsDiffering } from '../cases/case.repository';
import {
  candidateConflict,
  CasesService,
  type CaseTarget,
  type TargetLookups,
} from '../cases/cases.service';
import { BulkSettings } from './bulk-settings';
import { BulkJobRepository, type BulkJobRow, type RowResult } from './bulk.repository';

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
    private readonly uow: UnitOfWork,
    @Inject(BulkSettings) private readonly settings: BulkSettings,
  ) {}

  /**
   * A new job. Under an `Idempotency-Key` the job holds the key, with the upload's hash once it
   * completes: the key sent again answers that job to compare the file with (the gateway reads
   * and hashes it, opening nothing), 409 while that job still runs, 422 when the key is another
   * request's. A job that ended incomplete (or went stale) leaves its key to the next upload.
   */
  start(ctx: CommandContext, dto: StartBulkJobDto): Promise<BulkJobStart<BulkJobView>> {
    const staleSeconds = this.settings.BALANSE_BULK_STALE_SECONDS;
    return this.uow.run(commandMeta(ctx), async (tx) => {
      const id = randomUUID();
      const key = dto.idempotencyKey;
      if (key && !(await this.jobs.bindKey(tx.manager, ctx.tenantId, key, id))) {
        const held = await this.jobs.heldKey(tx.manager, ctx.tenantId, key);
        if (!held?.bulkJobId) throw DomainError.keyReused();
        const earlier = await this.jobs.lock(tx.manager, ctx.tenantId, held.bulkJobId);
        if (earlier?.status === 'completed' && held.requestHash)
          return {
            job: this.view(earlier),
            replayOf: { requestHash: held.requestHash },
            staleSeconds,
          };
        if (earlier?.status === 'running') throw keyInUse(earlier.id);
        await this.jobs.rebindKey(tx.manager, ctx.tenantId, key, id);
      }
      const job = await this.jobs.insert(tx.manager, {
        id,
        tenantId: ctx.tenantId,
        format: dto.format,
      });
      return { job: this.view(job), staleSeconds };
    });
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
      return this.view(
        await this.jobs.addRows(tx.manager, ctx.tenantId, jobId, results, chunk.rowsRead),
      );
    });
  }

  finish(ctx: CommandContext, jobId: string, dto: FinishBulkJobDto): Promise<BulkJobView> {
    return this.uow.run(commandMeta(ctx), async (tx) => {
      if (!(await this.jobs.lock(tx.manager, ctx.tenantId, jobId))) throw jobNotFound(jobId);
      const { idempotencyKey: key, requestHash } = dto;
      if (key && requestHash && dto.status === 'completed')
        await this.jobs.keepUploadHash(tx.manager, ctx.tenantId, key, jobId, requestHash);
      return this.view(await this.jobs.finish(tx.manager, ctx.tenantId, jobId, dto));
    });
  }

  async get(tenantId: string, jobId: string): Promise<BulkJobView> {
    const job = await this.jobs.get(tenantId, jobId);
    if (!job) throw jobNotFound(jobId);
    return this.view(job);
  }

  /** A page of the tenant's jobs, oldest first: where a client finds a job whose answer it lost. */
  async list(tenantId: string, query?: PageQueryDto) {
    const after = keysetAfter(JOB_LIST, query, ['micros', 'uuid']);
    const limit = pageLimit(query);
    const rows = await this.jobs.pageJobs(tenantId, after, limit + 1);
    return budgetedPage(
      JOB_LIST,
      rows,
      limit,
      (r) => [r.key_at, r.id],
      (r) => this.view(r),
    );
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

  private view(job: BulkJobRow) {
    return jobView(job, this.settings.BALANSE_BULK_STALE_SECONDS);
  }

  private async openRows(
    tx: Tx,
    actor: string,
    jobId: string,
    rows: BulkChunkRow[],
  ): Promise<RowResult[]> {
    // Each row's case as POST /cases opens it; the chunk's rows share the reads.
    const lookups: TargetLookups = { standards: new Map(), needs: new Map(), manager: tx.manager };
    const targets = new Map<number, CaseTarget | DomainError>();
    for (const row of rows)
      targets.set(row.row, await this.casesService.target(tx.tenantId, row, lookups).catch(asRowError)); // prettier-ignore
    const known = rows.filter((r) => !(targets.get(r.row) instanceof DomainError));
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
      const target = targets.get(row.row)!;
      if (target instanceof DomainError) return rejected(row.row, target);
      const { standard, mapping } = target;
      const candidate = onRecord.get(row.externalId)!;
      const conflicts = detailsDiffering(candidate, row);
      if (conflicts.length > 0) return rejected(row.row, candidateConflict(conflicts));
      const key = `${candidate.id}/${standard.id}`;
      const existing = caseOf.get(key);
      if (existing) return { row: row.row, outcome: 'existing', caseId: existing };
      const caseId = randomUUID();
      caseOf.set(key, caseId); // the same person twice in the file: one case
      toOpen.push({
        caseId,
        standard,
        candidateId: candidate.id,
        mapping,
        detail: { bulkJobId: jobId },
      });
      return { row: row.row, outcome: 'created', caseId };
    });
    await this.casesService.openMany(tx, actor, toOpen);
    return results;
  }
}

/** A row's standard, version or need that cannot be used rejects the row; other failures throw. */
function asRowError(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  throw err;
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

function keyInUse(jobId: string): DomainError {
  return new DomainError(
    409,
    ErrorCode.IDEMPOTENCY_KEY_IN_USE,
    `the upload under this Idempotency-Key is still running as bulk job ${jobId}; wait for it to end, then send again`,
    { jobId },
    [{ field: 'header.idempotency-key', message: 'its first request is still running' }],
  );
}

function jobView(job: BulkJobRow, staleSeconds: number) {
  return {
    jobId: job.id,
    status: job.status,
    format: job.format,
    rowsRead: job.rows_read,
    created: job.created,
    existing: job.existing,
    rejected: job.rejected,
    reason: job.stale
      ? `nothing was heard from the upload for ${staleSeconds} s: it stopped after ${job.rows_read} rows; send the file again to complete it (rows already opened are found, not opened twice)`
      : job.reason,
    startedAt: job.started_at.toISOString(),
    finishedAt: job.finished_at?.toISOString() ?? null,
  };
}
