import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { fromMicros, microsOf } from '@balanse/persistence';

export interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  created_at: Date;
  key_at: string;
}

export interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  response_excerpt: string | null;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  created_at: Date;
  key_at: string;
}

/** A delivery claimed by the worker, with what it needs to send it. */
export interface ClaimedDelivery extends StoredSecret {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  body: string;
  attempts: number;
  url: string;
}

/** A webhook's signing secret as stored: sealed, or (a row from before sealing) plaintext. */
export interface StoredSecret {
  webhook_id: string;
  /** Plaintext, only until the start-up seals it (migration 1798000000900). */
  secret: string | null;
  secret_sealed: string | null;
}

const WEBHOOK_PAGE_SQL = `
  SELECT id, url, events, description, created_at, ${microsOf('created_at')} AS key_at
    FROM webhook
   WHERE tenant_id = $1
     AND ($2::text IS NULL OR (created_at, id) > (${fromMicros('$2')}, $3::uuid))
   ORDER BY created_at, id
   LIMIT $4`;

const DELIVERY_PAGE_SQL = `
  SELECT id, event_id, event_type, status, attempts, last_status_code, last_error,
         response_excerpt, next_attempt_at, delivered_at, created_at,
         ${microsOf('created_at')} AS key_at
    FROM webhook_delivery
   WHERE tenant_id = $1 AND webhook_id = $2
     AND ($3::text IS NULL OR (created_at, id) > (${fromMicros('$3')}, $4::uuid))
   ORDER BY created_at, id
   LIMIT $5`;

/**
 * One delivery row per subscription of the tenant that wants the event, in the event's
 * transaction. The body is built here, once, so every attempt sends the same bytes; it carries
 * the case id and the employer's external id, never a name or an e-mail.
 */
/** Each event of one type ($2), for every subscription of the tenant that wants the type. */
const ENQUEUE_SQL = `
  INSERT INTO webhook_delivery (id, tenant_id, webhook_id, event_id, event_type, body, next_attempt_at)
  SELECT gen_random_uuid(), w.tenant_id, w.id, e.id, $2::text,
         json_build_object(
           'id', e.id::text, 'type', $2::text, 'time', e.time, 'tenant', $1::text,
           'data', json_build_object(
             'caseId', e.case_id::text,
             'externalId', (SELECT p.external_id FROM competence_case c
                              JOIN candidate p ON p.id = c.candidate_id
                             WHERE c.tenant_id = $1 AND c.id = e.case_id)))::text,
         now()
    FROM webhook w,
         unnest($3::uuid[], $4::text[], $5::uuid[]) AS e (id, time, case_id)
   WHERE w.tenant_id = $1 AND w.events @> jsonb_build_array($2::text)
  ON CONFLICT (webhook_id, event_id) DO NOTHING`;

/**
 * Due deliveries, leased to this worker (SKIP LOCKED: replicas share the work, none sends one
 * twice at once). A SELECT around the UPDATE, as TypeORM answers an UPDATE with its row count.
 */
const CLAIM_SQL = `
  WITH due AS (
    SELECT id FROM webhook_delivery
     WHERE status = 'pending' AND next_attempt_at <= now()
       AND (locked_until IS NULL OR locked_until < now())
     ORDER BY next_attempt_at
     LIMIT $1
       FOR UPDATE SKIP LOCKED),
  claimed AS (
    UPDATE webhook_delivery d
       SET locked_until = now() + $2::int * interval '1 millisecond'
      FROM due, webhook w
     WHERE d.id = due.id AND w.id = d.webhook_id
    RETURNING d.id, d.webhook_id, d.event_id, d.event_type, d.body, d.attempts, w.url,
              w.secret, w.secret_sealed)
  SELECT * FROM claimed`;

@Injectable()
export class WebhookRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    row: {
      id: string;
      tenantId: string;
      url: string;
      events: string[];
      secretSealed: string;
      description: string | null;
    },
  ): Promise<WebhookRow> {
    const [created]: WebhookRow[] = await manager.query(
      `INSERT INTO webhook (id, tenant_id, url, events, secret_sealed, description)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, url, events, description, created_at, ${microsOf('created_at')} AS key_at`,
      [
        row.id,
        row.tenantId,
        row.url,
        JSON.stringify(row.events),
        row.secretSealed,
        row.description,
      ],
    );
    return created!;
  }

  /** Secrets stored in plaintext, or sealed under another key than `currentKeyId`. */
  secretsToSeal(currentKeyId: string): Promise<StoredSecret[]> {
    return this.dataSource.query(
      `SELECT id AS webhook_id, secret, secret_sealed FROM webhook
        WHERE secret IS NOT NULL OR NOT starts_with(secret_sealed, $1)
        ORDER BY id`,
      [`v1.${currentKeyId}.`],
    );
  }

  /**
   * Replaces the stored secret if it is still what `was` read (another replica starting at the
   * same time may have sealed it first); the plaintext column is cleared.
   */
  async replaceSecret(was: StoredSecret, sealed: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH done AS (
         UPDATE webhook SET secret_sealed = $2, secret = NULL
          WHERE id = $1 AND secret IS NOT DISTINCT FROM $3 AND secret_sealed IS NOT DISTINCT FROM $4
         RETURNING id)
       SELECT id FROM done`,
      [was.webhook_id, sealed, was.secret, was.secret_sealed],
    );
    return rows.length > 0;
  }

  page(tenantId: string, after: string[] | null, take: number): Promise<WebhookRow[]> {
    return this.dataSource.query(WEBHOOK_PAGE_SQL, [
      tenantId,
      after?.[0] ?? null,
      after?.[1] ?? null,
      take,
    ]);
  }

  async exists(tenantId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM webhook WHERE tenant_id = $1 AND id = $2',
      [tenantId, id],
    );
    return rows.length > 0;
  }

  /** Deletes the webhook and its delivery log; false if the tenant has no such webhook. */
  async delete(manager: EntityManager, tenantId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'WITH gone AS (DELETE FROM webhook WHERE tenant_id = $1 AND id = $2 RETURNING id) SELECT id FROM gone',
      [tenantId, id],
    );
    return rows.length > 0;
  }

  pageDeliveries(
    tenantId: string,
    webhookId: string,
    after: string[] | null,
    take: number,
  ): Promise<DeliveryRow[]> {
    return this.dataSource.query(DELIVERY_PAGE_SQL, [
      tenantId,
      webhookId,
      after?.[0] ?? null,
      after?.[1] ?? null,
      take,
    ]);
  }

  /** Events of one type and tenant: one statement however many. */
  async enqueue(
    manager: EntityManager,
    tenantId: string,
    type: string,
    events: ReadonlyArray<{ id: string; time: string; caseId: string }>,
  ): Promise<void> {
    if (events.length === 0) return;
    await manager.query(ENQUEUE_SQL, [
      tenantId,
      type,
      events.map((e) => e.id),
      events.map((e) => e.time),
      events.map((e) => e.caseId),
    ]);
  }

  claim(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    return this.dataSource.query(CLAIM_SQL, [limit, leaseMs]);
  }

  async delivered(id: string, statusCode: number, excerpt: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_delivery
          SET status = 'delivered', attempts = attempts + 1, last_status_code = $2,
              last_error = NULL, response_excerpt = $3, delivered_at = now(),
              next_attempt_at = NULL, locked_until = NULL
        WHERE id = $1`,
      [id, statusCode, excerpt],
    );
  }

  /** A failed attempt: tried again after `retryInMs`, or given up (`failed`) when that is null. */
  async attemptFailed(
    id: string,
    failure: { statusCode: number | null; error: string; excerpt: string | null },
    retryInMs: number | null,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_delivery
          SET attempts = attempts + 1, last_status_code = $2, last_error = $3,
              response_excerpt = $4, locked_until = NULL,
              status = CASE WHEN $5::int IS NULL THEN 'failed' ELSE 'pending' END,
              next_attempt_at = CASE WHEN $5::int IS NULL THEN NULL
                                     ELSE now() + $5::int * interval '1 millisecond' END
        WHERE id = $1`,
      [id, failure.statusCode, failure.error, failure.excerpt, retryInMs],
    );
  }

  /** Settled deliveries past `days` are dropped (the log is for operating, not an archive). */
  async prune(days: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM webhook_delivery
        WHERE status <> 'pending' AND created_at < now() - $1::int * interval '1 day'`,
      [days],
    );
  }
}
