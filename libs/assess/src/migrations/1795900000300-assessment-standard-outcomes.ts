import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every outcome of the case's standard, from `case.documented.v2`: what `certified` requires.
 * Assessments opened before get `[]` (unknown): partial at most, never certified on a scope
 * nobody checked against the standard.
 */
export class AssessmentStandardOutcomes1795900000300 implements MigrationInterface {
  name = 'AssessmentStandardOutcomes1795900000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE assessment ADD COLUMN standard_outcome_ids jsonb NOT NULL DEFAULT '[]';
      ALTER TABLE assessment ALTER COLUMN standard_outcome_ids DROP DEFAULT;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE assessment DROP COLUMN standard_outcome_ids;');
  }
}
