import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { DeadLetter } from '../entities';

export interface DeadLetterView {
  id: string;
  consumer: string;
  eventId: string;
  type: string;
  error: string;
  attempts: number;
  createdAt: string;
  envelope: Record<string, unknown>;
}

/** The dead-letter table of one service: events its consumers gave up on. */
export class DeadLetters {
  constructor(private readonly dataSource: DataSource) {}

  async add(entry: Omit<DeadLetter, 'id' | 'createdAt'>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO dead_letter (id, consumer, event_id, tenant_id, type, envelope, error, attempts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (consumer, event_id) DO UPDATE SET error = EXCLUDED.error, attempts = dead_letter.attempts + EXCLUDED.attempts`,
      [
        randomUUID(),
        entry.consumer,
        entry.eventId,
        entry.tenantId,
        entry.type,
        JSON.stringify(entry.envelope),
        entry.error,
        entry.attempts,
      ],
    );
  }

  async list(tenantId: string, limit = 100): Promise<DeadLetterView[]> {
    const rows = await this.dataSource.getRepository(DeadLetter).find({
      where: { tenantId },
      order: { createdAt: 'ASC' },
      take: limit,
    });
    return rows.map(view);
  }

  async get(tenantId: string, id: string): Promise<DeadLetter | null> {
    return this.dataSource.getRepository(DeadLetter).findOneBy({ id, tenantId });
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(DeadLetter, { id });
  }

  async recordFailure(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE dead_letter SET error = $2, attempts = attempts + 1 WHERE id = $1',
      [id, error],
    );
  }
}

function view(row: DeadLetter): DeadLetterView {
  return {
    id: row.id,
    consumer: row.consumer,
    eventId: row.eventId,
    type: row.type,
    error: row.error,
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    envelope: row.envelope,
  };
}
