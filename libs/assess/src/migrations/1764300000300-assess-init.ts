import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AssessInit1764300000300 implements MigrationInterface {
  name = 'AssessInit1764300000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assessment (
        case_id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        standard_id uuid NOT NULL,
        outcome_ids jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'decided')),
        decision text CHECK (decision IN ('certified', 'partial', 'not_certified')),
        opened_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz
      );
      CREATE TABLE outcome_judgement (
        case_id uuid NOT NULL REFERENCES assessment (case_id),
        outcome_id uuid NOT NULL,
        tenant_id text NOT NULL,
        judgement text NOT NULL CHECK (judgement IN ('met', 'partly_met', 'not_met')),
        rationale text NOT NULL,
        assessor text NOT NULL,
        judged_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, outcome_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outcome_judgement; DROP TABLE assessment;');
  }
}
