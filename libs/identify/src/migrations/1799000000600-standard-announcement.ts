import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which standard versions each tenant has been told the content of (`standard.announced`), so
 * that it is announced once, before the first case that pins it. Versions that cases already use
 * are announced at the next start (StandardAnnouncer.announcePending).
 */
export class StandardAnnouncement1799000000600 implements MigrationInterface {
  name = 'StandardAnnouncement1799000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE standard_announcement (
        tenant_id text NOT NULL,
        standard_id uuid NOT NULL,
        version int NOT NULL,
        announced_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, standard_id, version)
      )
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE standard_announcement`);
  }
}
