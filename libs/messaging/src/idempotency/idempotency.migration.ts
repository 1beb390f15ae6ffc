import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys of creating commands: (tenant, key) → a hash of the request and the reply
 * (JSON text, answered as it was). Written in the creation's transaction; kept 24 h.
 */
export class IdempotencyKeys1796000000100 implements MigrationInterface {
  name = 'IdempotencyKeys1796000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_key (
        tenant_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        reply text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, key)
      );
      CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_key;');
  }
}
