import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public outcome route looks a standard version up whatever the tenant: an index on the
 * standard and version (the primary key starts with the tenant).
 */
export class StandardPartLookup1799000000850 implements MigrationInterface {
  name = 'StandardPartLookup1799000000850';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX standard_part_version ON standard_part (standard_id, version)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX standard_part_version`);
  }
}
