import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentifyInit1764300000100 implements MigrationInterface {
  name = 'IdentifyInit1764300000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE standard (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        code text NOT NULL,
        version text NOT NULL,
        title text NOT NULL,
        nqf_level int,
        sector text,
        clusters jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, code, version)
      );
      CREATE TABLE candidate (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        external_id text NOT NULL,
        name text NOT NULL,
        email text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, external_id)
      );
      CREATE TABLE competence_case (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        candidate_id uuid NOT NULL REFERENCES candidate (id),
        standard_id uuid NOT NULL REFERENCES standard (id),
        standard_version text NOT NULL,
        phase text NOT NULL CHECK (phase IN ('identify', 'document', 'assess', 'certify', 'completed')),
        result text CHECK (result IN ('certified', 'partial', 'not_certified')),
        outcome_ids jsonb NOT NULL DEFAULT '[]',
        self_assessment jsonb NOT NULL DEFAULT '{}',
        opened_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX competence_case_tenant_phase ON competence_case (tenant_id, phase);
      CREATE TABLE case_history (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES competence_case (id),
        tenant_id text NOT NULL,
        at timestamptz NOT NULL,
        phase text NOT NULL,
        event text NOT NULL,
        actor text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX case_history_case ON case_history (tenant_id, case_id, at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'DROP TABLE case_history; DROP TABLE competence_case; DROP TABLE candidate; DROP TABLE standard;',
    );
  }
}
