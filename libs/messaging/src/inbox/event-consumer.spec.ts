import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openServiceDataSource } from '@balanse/persistence';
import { DeadLetters } from '../dead-letters/dead-letters';
import { newEvent, toCloudEvent } from '../events/domain-event';
import { eventSubject } from '../events/event-subjects';
import { messagingMigrations } from '../messaging.migration';
import { UnitOfWork, type Tx } from '../outbox/unit-of-work';
import type { Delivery } from '../transport/transport';
import { EventConsumer } from './event-consumer';
import { retryPolicy } from './retry-policy';

const TYPE = 'balanse.fact.kept.v1';
const SOURCE = '/balanse/identify';

class FactTable1764300000998 {
  name = 'FactTable1764300000998';
  async up(q: { query(sql: string): Promise<unknown> }) {
    await q.query('CREATE TABLE fact (case_id uuid PRIMARY KEY, n int NOT NULL)');
  }
  async down() {}
}

/** A delivery of one event, recording how it was settled. */
function delivery(body: string, attempt = 1) {
  const settled: string[] = [];
  const d: Delivery = {
    subject: eventSubject(TYPE),
    body,
    attempt,
    ack: () => settled.push('ack'),
    nak: () => settled.push('nak'),
    term: () => settled.push('term'),
  };
  return { d, settled };
}

function envelope(caseId: string): string {
  const meta = { tenantId: 't1', correlationId: 'c-1', causationId: 'c-1' };
  return JSON.stringify(toCloudEvent(newEvent(TYPE, SOURCE, caseId, { caseId, n: 1 }, meta)));
}

describe('EventConsumer with an idempotent handler (PGlite)', () => {
  let db: DataSource;
  let consumer: EventConsumer;
  const committed: string[] = [];

  beforeAll(async () => {
    db = await openServiceDataSource({
      storage: { kind: 'pglite', dir: 'memory://' },
      entities: [],
      migrations: [...messagingMigrations, FactTable1764300000998],
    });
    const uow = new UnitOfWork(db, '/balanse/certify', () => undefined);
    consumer = new EventConsumer(uow, new DeadLetters(db), retryPolicy(2), 'certify', (e) =>
      committed.push(e.id),
    );
  });
  afterAll(() => db?.destroy());

  const keep = (event: { subject: string }, tx: Tx) =>
    tx.manager
      .query('INSERT INTO fact (case_id, n) VALUES ($1, 1) ON CONFLICT DO NOTHING', [event.subject])
      .then(() => undefined);

  it('keeps the fact once however often it comes, with no inbox row, and acks each delivery', async () => {
    const onDelivery = consumer.register('certify--fact', { type: TYPE, source: SOURCE }, keep, {
      idempotent: true,
    });
    const caseId = randomUUID();
    const body = envelope(caseId);
    const first = delivery(body);
    const again = delivery(body, 2);
    await onDelivery(first.d);
    await onDelivery(again.d);
    expect([first.settled, again.settled]).toEqual([['ack'], ['ack']]);
    expect(await db.query('SELECT n FROM fact WHERE case_id = $1', [caseId])).toEqual([{ n: 1 }]);
    expect(await db.query('SELECT count(*)::int AS n FROM inbox')).toEqual([{ n: 0 }]);
    expect(committed).toHaveLength(2);
  });

  it('refuses an event written without a transaction: retried, then a dead letter', async () => {
    const onDelivery = consumer.register(
      'certify--fact-emitting',
      { type: TYPE, source: SOURCE },
      async (event, tx) => {
        await tx.emit({ type: TYPE, payload: Object } as never, event.subject, {});
      },
      { idempotent: true },
    );
    const body = envelope(randomUUID());
    const first = delivery(body, 1);
    await onDelivery(first.d);
    expect(first.settled).toEqual(['nak']);
    const last = delivery(body, 2);
    await onDelivery(last.d);
    expect(last.settled).toEqual(['ack']);
    const [letter] = await db.query(
      `SELECT reason FROM dead_letter WHERE consumer = 'certify--fact-emitting'`,
    );
    expect(letter.reason).toMatch(/only written in a transaction/);
    expect(await db.query('SELECT count(*)::int AS n FROM outbox')).toEqual([{ n: 0 }]);
  });
});
