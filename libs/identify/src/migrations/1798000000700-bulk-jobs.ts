import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk intake jobs and their per-row report. A report row keeps the row's number, its outcome and
 * the case id or the reason; never the row's personal data.
 */
export class BulkJobs1798000000700 implements MigrationInterface {
  name = 'BulkJobs1798000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bulk_job (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        format text NOT NULL CHECK (format IN ('csv', 'ndjson')),
        status text NOT NULL CHECK (status IN ('running', 'completed', 'incomplete')),
        rows_read int NOT NULL DEFAULT 0,
        created int NOT NULL DEFAULT 0,
        existing int NOT NULL DEFAULT 0,
        rejected int NOT NULL DEFAULT 0,
        reason text,
        started_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
      CREATE TABLE bulk_job_row (
        job_id uuid NOT NULL REFERENCES bulk_job (id),
        row_number int NOT NULL,
        tenant_id text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('created', 'existing', 'rejected')),
        case_id uuid,
        code text,
        field text,
        reason text,
        PRIMARY KEY (job_id, row_number)
      );
      CREATE INDEX competence_case_candidate ON competence_case (tenant_id, candidate_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'DROP INDEX competence_case_candidate; DROP TABLE bulk_job_row; DROP TABLE bulk_job;',
    );
  }
}
