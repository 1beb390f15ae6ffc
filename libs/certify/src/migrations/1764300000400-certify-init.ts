import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CertifyInit1764300000400 implements MigrationInterface {
  name = 'CertifyInit1764300000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE credential (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        case_id uuid NOT NULL,
        standard_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('full', 'partial')),
        outcome_ids jsonb NOT NULL,
        issued_at timestamptz NOT NULL,
        document jsonb NOT NULL,
        UNIQUE (tenant_id, case_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE credential;');
  }
}
