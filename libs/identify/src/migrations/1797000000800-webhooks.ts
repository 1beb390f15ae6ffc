import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Webhook subscriptions and their delivery outbox (issue 8, notifications to HR systems). */
export class Webhooks1797000000800 implements MigrationInterface {
  name = 'Webhooks1797000000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        url text NOT NULL,
        events jsonb NOT NULL,
        secret text NOT NULL,
        description text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX webhook_tenant ON webhook (tenant_id, created_at, id);
      CREATE TABLE webhook_delivery (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        webhook_id uuid NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        locked_until timestamptz,
        last_status_code int,
        last_error text,
        response_excerpt text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (webhook_id, event_id)
      );
      CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX webhook_delivery_log ON webhook_delivery (tenant_id, webhook_id, created_at, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE webhook_delivery; DROP TABLE webhook;');
  }
}
