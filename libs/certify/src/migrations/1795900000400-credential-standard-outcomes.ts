import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every outcome of the credential's standard, from `case.assessed.v2`, so the credential says
 * how much of the standard it covers and what is not yet met. Credentials issued before get
 * `[]`: their standard's outcomes are unknown, and they say so (counts and lists are null).
 */
export class CredentialStandardOutcomes1795900000400 implements MigrationInterface {
  name = 'CredentialStandardOutcomes1795900000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE credential ADD COLUMN standard_outcome_ids jsonb NOT NULL DEFAULT '[]';
      ALTER TABLE credential ALTER COLUMN standard_outcome_ids DROP DEFAULT;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE credential DROP COLUMN standard_outcome_ids;');
  }
}
