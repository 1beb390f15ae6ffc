import { DataSource, type EntityManager } from 'typeorm';
import { Inject, Injectable } from '@nestjs/common';
import {
  IDEMPOTENCY_KEY_HOURS,
  type BulkFormat,
  type BulkJobStatus,
  type BulkRowOutcome,
} from '@balanse/contracts';
import { fromMicros, microsOf } from '@balanse/persistence';
import { BulkSettings } from './bulk-settings';

/** The job as read: a `running` job not heard from for `staleSeconds` is shown `incomplete`. */
const jobColumns = (staleSeconds: number) => {
  const stale = `status = 'running' AND updated_at < now() - interval '${staleSeconds} seconds'`;
  return `id, format, rows_read, created, existing, rejected, reason, started_at, finished_at,
  CASE WHEN ${stale} THEN 'incomplete' ELSE status END AS status, ${stale} AS stale`;
};

/**
 * A chunk's row outcomes in one statement, and the job's counters moved by the rows that are new:
 * a chunk sent twice (a retry) keeps its first report and counts once.
 */
const addRowsSql = (columns: string) => `
  WITH added AS (
    INSERT INTO bulk_job_row (job_id, row_number, tenant_id, outcome, case_id, code, field, reason)
    SELECT $1, r.row_number, $2, r.outcome, r.case_id, r.code, r.field, r.reason
      FROM unnest($3::int[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[])
           AS r(row_number, outcome, case_id, code, field, reason)
    ON CONFLICT (job_id, row_number) DO NOTHING
    RETURNING outcome)
  UPDATE bulk_job
     SET rows_read = GREATEST(rows_read, $9),
         created = created + (SELECT count(*) FROM added WHERE outcome = 'created'),
         existing = existing + (SELECT count(*) FROM added WHERE outcome = 'existing'),
         rejected = rejected + (SELECT count(*) FROM added WHERE outcome = 'rejected'),
         updated_at = now()
   WHERE id = $1 AND tenant_id = $2
  RETURNING ${columns}`;

/** A page of the tenant's jobs, oldest first, after the keyset ($2: `started_at` in microseconds, $3: id). */
const jobPageSql = (columns: string) => `
  SELECT ${columns}, ${microsOf('started_at')} AS key_at FROM bulk_job
   WHERE tenant_id = $1
     AND ($2::text IS NULL OR (started_at, id) > (${fromMicros('$2')}, $3::uuid))
   ORDER BY started_at, id
   LIMIT $4`;

const REPORT_PAGE_SQL = `
  SELECT row_number, outcome, case_id, code, field, reason FROM bulk_job_row
   WHERE job_id = $1 AND tenant_id = $2 AND row_number > $3
   ORDER BY row_number LIMIT $4`;

/**
 * An upload's `Idempotency-Key` lives with the other creations' keys (one key space per tenant):
 * its reply names the job, its request hash is this until the upload completes, then the hash of
 * the upload (see `BulkService.start`).
 */
export const PENDING_UPLOAD = 'bulk-upload-pending';
const EXPIRED = `now() - interval '${IDEMPOTENCY_KEY_HOURS} hours'`;

/** The key bound to a job (new or expired keys only); answers whether it was bound. */
const BIND_KEY_SQL = `
  INSERT INTO idempotency_key (tenant_id, key, request_hash, reply) VALUES ($1, $2, $3, $4)
  ON CONFLICT (tenant_id, key) DO UPDATE
     SET request_hash = EXCLUDED.request_hash, reply = EXCLUDED.reply, created_at = now()
   WHERE idempotency_key.created_at < ${EXPIRED}
  RETURNING 1`;

/** What an `Idempotency-Key` holds: a bulk job (and its upload's hash once complete), or else. */
export type HeldKey =
  { bulkJobId: string; requestHash: string | null } | { bulkJobId: null; requestHash: string };

export interface BulkJobRow {
  id: string;
  format: BulkFormat;
  status: BulkJobStatus;
  stale: boolean;
  rows_read: number;
  created: number;
  existing: number;
  rejected: number;
  reason: string | null;
  started_at: Date;
  finished_at: Date | null;
}

/** What became of one row of the file. */
export interface RowResult {
  row: number;
  outcome: BulkRowOutcome;
  caseId?: string;
  code?: string;
  field?: string;
  reason?: string;
}

/** Bulk jobs and their reports: every statement on them. */
@Injectable()
export class BulkJobRepository {
  private readonly columns: string;
  private readonly addRowsSql: string;
  private readonly jobPageSql: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(BulkSettings) settings: BulkSettings,
  ) {
    this.columns = jobColumns(settings.BALANSE_BULK_STALE_SECONDS);
    this.addRowsSql = addRowsSql(this.columns);
    this.jobPageSql = jobPageSql(this.columns);
  }

  async insert(
    manager: EntityManager,
    job: { id: string; tenantId: string; format: BulkFormat },
  ): Promise<BulkJobRow> {
    const rows: BulkJobRow[] = await manager.query(
      `INSERT INTO bulk_job (id, tenant_id, format, status) VALUES ($1, $2, $3, 'running')
       RETURNING ${this.columns}`,
      [job.id, job.tenantId, job.format],
    );
    return rows[0];
  }

  /** The job, locked until the transaction ends (a job's chunks take turns); null if unknown. */
  async lock(manager: EntityManager, tenantId: string, id: string): Promise<BulkJobRow | null> {
    const rows: BulkJobRow[] = await manager.query(
      `SELECT ${this.columns} FROM bulk_job WHERE id = $1 AND tenant_id = $2 FOR UPDATE`,
      [id, tenantId],
    );
    return rows[0] ?? null;
  }

  async get(tenantId: string, id: string): Promise<BulkJobRow | null> {
    const rows: BulkJobRow[] = await this.dataSource.query(
      `SELECT ${this.columns} FROM bulk_job WHERE id = $1 AND tenant_id = $2`,
      [id, tenantId],
    );
    return rows[0] ?? null;
  }

  async pageJobs(
    tenantId: string,
    after: string[] | null,
    take: number,
  ): Promise<Array<BulkJobRow & { key_at: string }>> {
    return this.dataSource.query(this.jobPageSql, [
      tenantId,
      after?.[0] ?? null,
      after?.[1] ?? null,
      take,
    ]);
  }

  async addRows(
    manager: EntityManager,
    tenantId: string,
    id: string,
    results: RowResult[],
    rowsRead: number,
  ): Promise<BulkJobRow> {
    const result: unknown = await manager.query(this.addRowsSql, [
      id,
      tenantId,
      results.map((r) => r.row),
      results.map((r) => r.outcome),
      results.map((r) => r.caseId ?? null),
      results.map((r) => r.code ?? null),
      results.map((r) => r.field ?? null),
      results.map((r) => r.reason ?? null),
      rowsRead,
    ]);
    return updated(result);
  }

  async finish(
    manager: EntityManager,
    tenantId: string,
    id: string,
    end: { status: Exclude<BulkJobStatus, 'running'>; reason?: string; rowsRead: number },
  ): Promise<BulkJobRow> {
    const result: unknown = await manager.query(
      `UPDATE bulk_job SET status = $3, reason = $4, rows_read = GREATEST(rows_read, $5),
              finished_at = now(), updated_at = now()
        WHERE id = $1 AND tenant_id = $2
       RETURNING ${this.columns}`,
      [id, tenantId, end.status, end.reason ?? null, end.rowsRead],
    );
    return updated(result);
  }

  /** Binds an unused (or expired) key to the job; false when the key is held. */
  async bindKey(
    manager: EntityManager,
    tenantId: string,
    key: string,
    jobId: string,
  ): Promise<boolean> {
    const bound: unknown[] = await manager.query(BIND_KEY_SQL, [
      tenantId,
      key,
      PENDING_UPLOAD,
      JSON.stringify({ bulkJobId: jobId }),
    ]);
    return bound.length > 0;
  }

  /** What a held key holds, locked until the transaction ends. */
  async heldKey(manager: EntityManager, tenantId: string, key: string): Promise<HeldKey | null> {
    const rows: Array<{ request_hash: string; reply: string | null }> = await manager.query(
      'SELECT request_hash, reply FROM idempotency_key WHERE tenant_id = $1 AND key = $2 FOR UPDATE',
      [tenantId, key],
    );
    if (!rows[0]) return null;
    const reply: unknown = rows[0].reply === null ? null : JSON.parse(rows[0].reply);
    const jobId = (reply as { bulkJobId?: unknown } | null)?.bulkJobId;
    if (typeof jobId !== 'string') return { bulkJobId: null, requestHash: rows[0].request_hash };
    const hash = rows[0].request_hash;
    return { bulkJobId: jobId, requestHash: hash === PENDING_UPLOAD ? null : hash };
  }

  /** The key moves to another job (its earlier one ended incomplete), pending again. */
  async rebindKey(
    manager: EntityManager,
    tenantId: string,
    key: string,
    jobId: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE idempotency_key SET request_hash = $3, reply = $4, created_at = now()
        WHERE tenant_id = $1 AND key = $2`,
      [tenantId, key, PENDING_UPLOAD, JSON.stringify({ bulkJobId: jobId })],
    );
  }

  /** The completed upload's hash, kept with the key that names the job. */
  async keepUploadHash(
    manager: EntityManager,
    tenantId: string,
    key: string,
    jobId: string,
    requestHash: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE idempotency_key SET request_hash = $4
        WHERE tenant_id = $1 AND key = $2 AND reply = $3`,
      [tenantId, key, JSON.stringify({ bulkJobId: jobId }), requestHash],
    );
  }

  async pageReport(
    tenantId: string,
    id: string,
    afterRow: number,
    take: number,
  ): Promise<RowResult[]> {
    const rows: Array<{
      row_number: number;
      outcome: BulkRowOutcome;
      case_id: string | null;
      code: string | null;
      field: string | null;
      reason: string | null;
    }> = await this.dataSource.query(REPORT_PAGE_SQL, [id, tenantId, afterRow, take]);
    return rows.map((r) => ({
      row: r.row_number,
      outcome: r.outcome,
      ...(r.case_id ? { caseId: r.case_id } : {}),
      ...(r.code ? { code: r.code } : {}),
      ...(r.field ? { field: r.field } : {}),
      ...(r.reason ? { reason: r.reason } : {}),
    }));
  }
}

/** TypeORM answers an UPDATE … RETURNING as [rows, count]; the job is the one row. */
function updated(result: unknown): BulkJobRow {
  return (result as [BulkJobRow[], number])[0][0];
}
