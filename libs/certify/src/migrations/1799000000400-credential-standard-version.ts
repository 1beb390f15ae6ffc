import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The standard's version the case pins, carried from `case.identified` on to the credential
 * (`case.certified` names it). Null for cases that arrived before it was carried.
 */
export class CredentialStandardVersion1799000000400 implements MigrationInterface {
  name = 'CredentialStandardVersion1799000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE credential ADD COLUMN standard_version text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE credential DROP COLUMN standard_version');
  }
}
