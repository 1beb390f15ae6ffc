import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The standard's version the case pins, carried from `case.identified` on to the credential
 * (`case.certified` names it). Null for cases that arrived before it was carried.
 */
export class AssessmentStandardVersion1799000000300 implements MigrationInterface {
  name = 'AssessmentStandardVersion1799000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE assessment ADD COLUMN standard_version text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE assessment DROP COLUMN standard_version');
  }
}
