import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An assessment and its judgements are keyed by tenant and case id, not case id alone: a
 * `case.documented` that claims a case id in another tenant must not take the key the real case
 * needs. Existing rows keep their keys (case ids were unique, so each pair is too).
 */
export class AssessmentTenantKey1796000000300 implements MigrationInterface {
  name = 'AssessmentTenantKey1796000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outcome_judgement DROP CONSTRAINT outcome_judgement_case_id_fkey;
      ALTER TABLE outcome_judgement DROP CONSTRAINT outcome_judgement_pkey;
      ALTER TABLE assessment DROP CONSTRAINT assessment_pkey;
      ALTER TABLE assessment ADD PRIMARY KEY (tenant_id, case_id);
      ALTER TABLE outcome_judgement ADD PRIMARY KEY (tenant_id, case_id, outcome_id);
      ALTER TABLE outcome_judgement ADD CONSTRAINT outcome_judgement_assessment_fkey
        FOREIGN KEY (tenant_id, case_id) REFERENCES assessment (tenant_id, case_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outcome_judgement DROP CONSTRAINT outcome_judgement_assessment_fkey;
      ALTER TABLE outcome_judgement DROP CONSTRAINT outcome_judgement_pkey;
      ALTER TABLE assessment DROP CONSTRAINT assessment_pkey;
      ALTER TABLE assessment ADD PRIMARY KEY (case_id);
      ALTER TABLE outcome_judgement ADD PRIMARY KEY (case_id, outcome_id);
      ALTER TABLE outcome_judgement ADD CONSTRAINT outcome_judgement_case_id_fkey
        FOREIGN KEY (case_id) REFERENCES assessment (case_id);
    `);
  }
}
