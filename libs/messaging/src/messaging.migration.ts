import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox, inbox and dead letters: every service's database has these three tables. */
export class MessagingTables1764300000000 implements MigrationInterface {
  name = 'MessagingTables1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        tenant_id text NOT NULL,
        type text NOT NULL,
        envelope jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      );
      CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        tenant_id text NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      );
      CREATE TABLE dead_letter (
        id uuid PRIMARY KEY,
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        tenant_id text NOT NULL,
        type text NOT NULL,
        envelope jsonb NOT NULL,
        error text NOT NULL,
        attempts int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (consumer, event_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE dead_letter; DROP TABLE inbox; DROP TABLE outbox;');
  }
}

/**
 * Dead letters for events that break their contract: an id that is not a UUID is kept in the
 * envelope only, the error shown is a reason (`error` renamed), listing is by tenant and time,
 * and what operators replay or discard is kept in `dead_letter_audit`.
 */
export class DeadLetterTriage1796000000000 implements MigrationInterface {
  name = 'DeadLetterTriage1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE dead_letter ALTER COLUMN event_id DROP NOT NULL;
      ALTER TABLE dead_letter RENAME COLUMN error TO reason;
      CREATE INDEX dead_letter_by_tenant ON dead_letter (tenant_id, created_at, id);
      CREATE TABLE dead_letter_audit (
        id uuid PRIMARY KEY,
        dead_letter_id uuid NOT NULL,
        event_id uuid,
        type text NOT NULL,
        tenant_id text NOT NULL,
        action text NOT NULL CHECK (action IN ('replayed', 'discarded')),
        reason text NOT NULL,
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE dead_letter_audit;
      DROP INDEX dead_letter_by_tenant;
      ALTER TABLE dead_letter RENAME COLUMN reason TO error;
      DELETE FROM dead_letter WHERE event_id IS NULL;
      ALTER TABLE dead_letter ALTER COLUMN event_id SET NOT NULL;
    `);
  }
}

/** Every service database's messaging migrations, in order. */
export const messagingMigrations = [MessagingTables1764300000000, DeadLetterTriage1796000000000];
