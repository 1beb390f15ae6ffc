import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DocumentInit1764300000200 implements MigrationInterface {
  name = 'DocumentInit1764300000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE portfolio (
        case_id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        standard_id uuid NOT NULL,
        candidate_ref uuid NOT NULL,
        outcome_ids jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'complete')),
        opened_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      );
      CREATE TABLE evidence (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        case_id uuid NOT NULL REFERENCES portfolio (case_id),
        kind text NOT NULL,
        title text NOT NULL,
        description text,
        outcome_ids jsonb NOT NULL,
        issuer text,
        period_from date,
        period_to date,
        position_percent int,
        tasks jsonb NOT NULL DEFAULT '[]',
        added_by text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX evidence_case ON evidence (tenant_id, case_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE evidence; DROP TABLE portfolio;');
  }
}
