import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The standard's version the case pins, carried from `case.identified` on to the credential
 * (`case.certified` names it). Null for cases that arrived before it was carried.
 */
export class PortfolioStandardVersion1799000000200 implements MigrationInterface {
  name = 'PortfolioStandardVersion1799000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE portfolio ADD COLUMN standard_version text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE portfolio DROP COLUMN standard_version');
  }
}
