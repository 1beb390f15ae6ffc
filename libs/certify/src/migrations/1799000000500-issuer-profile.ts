import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A tenant's issuer profile: the name, web address and image its credentials show. */
export class IssuerProfile1799000000500 implements MigrationInterface {
  name = 'IssuerProfile1799000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE issuer_profile (
        tenant_id text PRIMARY KEY,
        name text NOT NULL,
        url text NOT NULL,
        image text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE issuer_profile');
  }
}
