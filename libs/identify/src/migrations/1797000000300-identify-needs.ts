import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Competence needs (role profiles), and on each case the need it serves, the workplace's sector
 * and region, and the employer's view per outcome; an index for finding a tenant's cases.
 */
export class IdentifyNeeds1797000000300 implements MigrationInterface {
  name = 'IdentifyNeeds1797000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE competence_need (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        title text NOT NULL,
        standard_id uuid NOT NULL REFERENCES standard (id),
        standard_version int,
        outcome_ids jsonb,
        people_min int,
        people_max int,
        skilled_share_min int,
        skilled_share_max int,
        sector text NOT NULL,
        region text,
        needed_by date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (people_min <= people_max),
        CHECK (skilled_share_min <= skilled_share_max)
      );
      CREATE INDEX competence_need_tenant ON competence_need (tenant_id, recorded_at, id);
      ALTER TABLE competence_case
        ADD COLUMN need_id uuid REFERENCES competence_need (id),
        ADD COLUMN sector text,
        ADD COLUMN region text,
        ADD COLUMN employer_view jsonb NOT NULL DEFAULT '{}';
      CREATE INDEX competence_case_tenant_opened ON competence_case (tenant_id, opened_at, id);
      CREATE INDEX competence_case_tenant_need ON competence_case (tenant_id, need_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX competence_case_tenant_need;
      DROP INDEX competence_case_tenant_opened;
      ALTER TABLE competence_case DROP COLUMN need_id, DROP COLUMN sector, DROP COLUMN region,
        DROP COLUMN employer_view;
      DROP TABLE competence_need;
    `);
  }
}
