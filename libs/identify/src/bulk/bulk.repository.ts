import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { BulkFormat, BulkJobStatus, BulkRowOutcome } from '@balanse/contracts';
import { fromMicros, microsOf } from '@balanse/persistence';

/** A running job that has heard nothing from its upload for this long is shown `incomplete`. */
export const BULK_STALE_SECONDS = 60;

const JOB_COLUMNS = `id, format, rows_read, created, existing, rejected, reason, started_at, finished_at,
  CASE WHEN status = 'running' AND updated_at < now() - interval '${BULK_STALE_SECONDS} seconds'
       THEN 'incomplete' ELSE status END AS status,
  status = 'running' AND updated_at < now() - interval '${BULK_STALE_SECONDS} seconds' AS stale`;

/**
 * A chunk's row outcomes in one statement, and the job's counters moved by the rows that are new:
 * a chunk sent twice (a retry) keeps its first report and counts once.
 */
const ADD_ROWS_SQL = `
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
  RETURNING ${JOB_COLUMNS}`;

/** A page of the tenant's jobs, oldest first, after the keyset ($2: `started_at` in microseconds, $3: id). */
const JOB_PAGE_SQL = `
  SELECT ${JOB_COLUMNS}, ${microsOf('started_at')} AS key_at FROM bulk_job
   WHERE tenant_id = $1
     AND ($2::text IS NULL OR (started_at, id) > (${fromMicros('$2')}, $3::uuid))
   ORDER BY started_at, id
   LIMIT $4`;

const REPORT_PAGE_SQL = `
  SELECT row_number, outcome, case_id, code, field, reason FROM bulk_job_row
   WHERE job_id = $1 AND tenant_id = $2 AND row_number > $3
   ORDER BY row_number LIMIT $4`;

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
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    job: { id: string; tenantId: string; format: BulkFormat },
  ): Promise<BulkJobRow> {
    const rows: BulkJobRow[] = await manager.query(
      `INSERT INTO bulk_job (id, tenant_id, format, status) VALUES ($1, $2, $3, 'running')
       RETURNING ${JOB_COLUMNS}`,
      [job.id, job.tenantId, job.format],
    );
    return rows[0];
  }

  /** The job, locked until the transaction ends (a job's chunks take turns); null if unknown. */
  async lock(manager: EntityManager, tenantId: string, id: string): Promise<BulkJobRow | null> {
    const rows: BulkJobRow[] = await manager.query(
      `SELECT ${JOB_COLUMNS} FROM bulk_job WHERE id = $1 AND tenant_id = $2 FOR UPDATE`,
      [id, tenantId],
    );
    return rows[0] ?? null;
  }

  async get(tenantId: string, id: string): Promise<BulkJobRow | null> {
    const rows: BulkJobRow[] = await this.dataSource.query(
      `SELECT ${JOB_COLUMNS} FROM bulk_job WHERE id = $1 AND tenant_id = $2`,
      [id, tenantId],
    );
    return rows[0] ?? null;
  }

  async pageJobs(
    tenantId: string,
    after: string[] | null,
    take: number,
  ): Promise<Array<BulkJobRow & { key_at: string }>> {
    return this.dataSource.query(JOB_PAGE_SQL, [
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
    const result: unknown = await manager.query(ADD_ROWS_SQL, [
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
       RETURNING ${JOB_COLUMNS}`,
      [id, tenantId, end.status, end.reason ?? null, end.rowsRead],
    );
    return updated(result);
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
