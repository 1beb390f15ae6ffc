import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocation and suspension: each status list counts the changes to its revocation and its
 * suspension bits, so a signed list is rebuilt only when one of its credentials changed status.
 */
export class CredentialStatus1799000000750 implements MigrationInterface {
  name = 'CredentialStatus1799000000750';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE status_list
        ADD COLUMN revocation_revision int NOT NULL DEFAULT 0,
        ADD COLUMN suspension_revision int NOT NULL DEFAULT 0;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE status_list DROP COLUMN revocation_revision, DROP COLUMN suspension_revision;
    `);
  }
}
