import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every outcome of the case's standard, from `case.identified.v2`, passed on to assess so it can
 * tell the whole standard from a scope. Portfolios opened before get `[]` (unknown): their cases
 * are partial at most, never certified on a scope nobody checked against the standard.
 */
export class PortfolioStandardOutcomes1795900000200 implements MigrationInterface {
  name = 'PortfolioStandardOutcomes1795900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE portfolio ADD COLUMN standard_outcome_ids jsonb NOT NULL DEFAULT '[]';
      ALTER TABLE portfolio ALTER COLUMN standard_outcome_ids DROP DEFAULT;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE portfolio DROP COLUMN standard_outcome_ids;');
  }
}
