import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  decodeCursor,
  DomainError,
  ErrorCode,
  isUuid,
  pageOf,
  type Page,
} from '@balanse/contracts';
import type { DeadLetter } from '../entities';

export interface DeadLetterView {
  id: string;
  consumer: string;
  eventId: string | null;
  tenantId: string;
  type: string;
  reason: string;
  attempts: number;
  createdAt: string;
  envelope: Record<string, unknown>;
}

export type NewDeadLetter = Omit<DeadLetter, 'id' | 'createdAt'>;

export interface DeadLetterFilter {
  tenantId: string;
  type?: string;
  /** ISO times: kept at or after `from`, before `to`. */
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

const LIST = 'dead-letters';
/** How PostgreSQL prints a timestamptz as text (the cursor keeps it exactly, microseconds included). */
const PG_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

interface Row {
  id: string;
  consumer: string;
  event_id: string | null;
  tenant_id: string;
  type: string;
  envelope: Record<string, unknown>;
  reason: string;
  attempts: number;
  created_at: Date | string;
  at_key: string;
}

/** The dead-letter table of one service: events its consumers gave up on, and their audit. */
export class DeadLetters {
  constructor(private readonly dataSource: DataSource) {}

  /** Keeps an event; the same event given up on again by the same consumer adds its attempts. */
  async add(entry: NewDeadLetter): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO dead_letter (id, consumer, event_id, tenant_id, type, envelope, reason, attempts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (consumer, event_id) DO UPDATE SET reason = EXCLUDED.reason, attempts = dead_letter.attempts + EXCLUDED.attempts`,
      [
        randomUUID(),
        entry.consumer,
        entry.eventId,
        entry.tenantId,
        entry.type,
        JSON.stringify(entry.envelope),
        entry.reason,
        entry.attempts,
      ],
    );
  }

  /** A page of a tenant's dead letters, oldest first (keyset on time and id). */
  async list(filter: DeadLetterFilter): Promise<Page<DeadLetterView>> {
    const params: unknown[] = [filter.tenantId];
    const where = ['tenant_id = $1'];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.type) where.push(`type = ${param(filter.type)}`);
    if (filter.from) where.push(`created_at >= ${param(filter.from)}::timestamptz`);
    if (filter.to) where.push(`created_at < ${param(filter.to)}::timestamptz`);
    if (filter.cursor) {
      const [at, id] = decodeCursor(LIST, filter.cursor, 2);
      if (typeof at !== 'string' || !PG_TIME.test(at) || !isUuid(id)) throw invalidCursor();
      where.push(`(created_at, id) > (${param(at)}::timestamptz, ${param(id)}::uuid)`);
    }
    const rows: Row[] = await this.dataSource.query(
      `SELECT id, consumer, event_id, tenant_id, type, envelope, reason, attempts, created_at,
              created_at::text AS at_key
       FROM dead_letter WHERE ${where.join(' AND ')}
       ORDER BY created_at, id LIMIT ${param(filter.limit + 1)}`,
      params,
    );
    const page = pageOf(LIST, rows, filter.limit, (r) => [r.at_key, r.id]);
    return { ...page, items: page.items.map(view) };
  }

  async get(tenantId: string, id: string): Promise<DeadLetterView | null> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT id, consumer, event_id, tenant_id, type, envelope, reason, attempts, created_at,
              created_at::text AS at_key
       FROM dead_letter WHERE id = $1 AND tenant_id = $2`,
      [id, tenantId],
    );
    return rows[0] ? view(rows[0]) : null;
  }

  /** Removes a replayed dead letter, in the replay's transaction, with its audit row. */
  async replayed(manager: EntityManager, letter: DeadLetterView, actor: string): Promise<void> {
    await manager.query('DELETE FROM dead_letter WHERE id = $1', [letter.id]);
    await audit(manager, letter, 'replayed', letter.reason, actor);
  }

  /** Drops a dead letter for good, keeping why and by whom; false when there is none. */
  async discard(tenantId: string, id: string, reason: string, actor: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // TypeORM answers a DELETE on PostgreSQL as [rows, count].
      const [rows]: [Row[], number] = await manager.query(
        `DELETE FROM dead_letter WHERE id = $1 AND tenant_id = $2
         RETURNING id, event_id, tenant_id, type, reason`,
        [id, tenantId],
      );
      const letter = rows[0];
      if (!letter) return false;
      await audit(manager, view(letter), 'discarded', reason, actor);
      return true;
    });
  }

  async recordFailure(id: string, reason: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE dead_letter SET reason = $2, attempts = attempts + 1 WHERE id = $1',
      [id, reason],
    );
  }
}

async function audit(
  manager: EntityManager,
  letter: Pick<DeadLetterView, 'id' | 'eventId' | 'type' | 'tenantId'>,
  action: 'replayed' | 'discarded',
  reason: string,
  actor: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO dead_letter_audit (id, dead_letter_id, event_id, type, tenant_id, action, reason, actor)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [randomUUID(), letter.id, letter.eventId, letter.type, letter.tenantId, action, reason, actor],
  );
}

function invalidCursor(): DomainError {
  return new DomainError(
    400,
    ErrorCode.INVALID_CURSOR,
    'cursor was not handed out by this list',
    undefined,
    [{ field: 'cursor', message: 'must be a cursor from a previous page of this list' }],
  );
}

function view(row: Partial<Row> & Pick<Row, 'id' | 'event_id' | 'tenant_id' | 'type' | 'reason'>) {
  return {
    id: row.id,
    consumer: row.consumer ?? '',
    eventId: row.event_id,
    tenantId: row.tenant_id,
    type: row.type,
    reason: row.reason,
    attempts: row.attempts ?? 0,
    createdAt: row.created_at ? new Date(row.created_at).toISOString() : '',
    envelope: row.envelope ?? {},
  } satisfies DeadLetterView;
}
