import { IsBoolean, IsString } from 'class-validator';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import type { DataSource } from 'typeorm';
import { defineEvent } from '@balanse/contracts';
import {
  DeadLetters,
  EventConsumer,
  InProcessEventTransport,
  MessagingTables1764300000000,
  NatsEventTransport,
  OutboxRelay,
  newEvent,
  toCloudEvent,
  UnitOfWork,
  messagingEntities,
  type Delivery,
  type EventTransport,
} from '@balanse/messaging';
import { openServiceDataSource, type StorageTarget } from '@balanse/persistence';
import {
  databaseUrlFor,
  dropDatabases,
  resetEventStream,
  testServers,
  uniqueName,
} from '@balanse/testing';

class ThingHappenedV1 {
  @IsString() name: string;
  @IsBoolean() fail: boolean;
}
const ThingHappened = defineEvent('balanse.test.thing-happened.v1', ThingHappenedV1);

class EffectTable1764300000998 {
  name = 'EffectTable1764300000998';
  async up(q: { query(sql: string): Promise<unknown> }) {
    await q.query('CREATE TABLE effect (event_id uuid NOT NULL, name text NOT NULL)');
  }
  async down() {}
}

interface Harness {
  ds: DataSource;
  uow: UnitOfWork;
  consumer: EventConsumer;
  deadLetters: DeadLetters;
  deliveries: string[];
  /** The consumer's raw delivery function, to deliver an event by hand. */
  onDelivery: (d: Delivery) => Promise<void>;
  failing: { on: boolean; failOnceAfterWrite: Set<string> };
  close(): Promise<void>;
}

const BACKOFF_MS = 1000;
const MAX_ATTEMPTS = 3;

async function harness(kind: 'jetstream' | 'in-process'): Promise<Harness> {
  const dbName = uniqueName('bt_msg');
  const storage: StorageTarget =
    kind === 'jetstream'
      ? { kind: 'postgres', url: databaseUrlFor(dbName) }
      : { kind: 'pglite', dir: 'memory://' };
  const ds = await openServiceDataSource({
    storage,
    entities: messagingEntities,
    migrations: [MessagingTables1764300000000, EffectTable1764300000998],
  });
  let nc: NatsConnection | undefined;
  let transport: EventTransport;
  if (kind === 'jetstream') {
    await resetEventStream();
    const conn = await connect({ servers: testServers().natsUrl.replace(/^nats:\/\//, '') });
    nc = conn;
    const nats = new NatsEventTransport(conn, {
      replicas: 1,
      ackWaitMs: 2000,
      duplicateWindowMs: 120_000,
    });
    await nats.start();
    transport = nats;
  } else {
    transport = new InProcessEventTransport();
  }
  const relay = new OutboxRelay(
    ds,
    transport,
    { pollMs: 50, markMs: 50, batchSize: 100, retentionMs: 3_600_000 },
    'test',
  );
  const uow = new UnitOfWork(ds, '/balanse/test', (rows) => relay.kick(rows));
  const deadLetters = new DeadLetters(ds);
  const consumer = new EventConsumer(
    uow,
    deadLetters,
    { maxAttempts: MAX_ATTEMPTS, backoffMs: () => BACKOFF_MS },
    'test',
  );
  const failing = { on: true, failOnceAfterWrite: new Set<string>() };
  const deliveries: string[] = [];
  const onDelivery = consumer.register('test--thing', ThingHappened, async (event, tx) => {
    const data = event.data as ThingHappenedV1;
    if (data.fail && failing.on) throw new Error(`cannot handle ${data.name}`);
    await tx.manager.query('INSERT INTO effect (event_id, name) VALUES ($1, $2)', [
      event.id,
      data.name,
    ]);
    if (failing.failOnceAfterWrite.delete(data.name))
      throw new Error('crash after the write, before commit');
  });
  await transport.subscribe(
    { durable: 'test--thing', type: ThingHappened.type, concurrency: 4 },
    async (d) => {
      deliveries.push((d.envelope as { data: { name: string } }).data.name);
      await onDelivery(d);
    },
  );
  relay.start();
  return {
    ds,
    uow,
    consumer,
    deadLetters,
    deliveries,
    onDelivery,
    failing,
    close: async () => {
      await relay.stop();
      await transport.close();
      await nc?.close();
      await ds.destroy();
      if (kind === 'jetstream') await dropDatabases([dbName]);
    },
  };
}

async function emit(h: Harness, name: string, fail = false): Promise<void> {
  await h.uow.run(
    { tenantId: 'default', correlationId: `test-${name}`, causationId: `test-${name}` },
    (tx) => tx.emit(ThingHappened, name, { name, fail }),
  );
}

async function effects(h: Harness, name: string): Promise<number> {
  const rows: Array<{ n: string | number }> = await h.ds.query(
    'SELECT count(*) AS n FROM effect WHERE name = $1',
    [name],
  );
  return Number(rows[0].n);
}

async function eventually<T>(
  check: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each([['jetstream' as const], ['in-process' as const]])(
  'messaging guarantees over %s',
  (kind) => {
    let h: Harness;
    beforeAll(async () => {
      h = await harness(kind);
    }, 90_000);
    afterAll(() => h?.close());

    it('publishes an outbox row after commit and applies it once', async () => {
      await emit(h, 'first');
      await eventually(
        () => effects(h, 'first'),
        (n) => n === 1,
      );
      // Marked published shortly after (in batches).
      await eventually(
        async () =>
          Number(
            (await h.ds.query('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'))[0].n,
          ),
        (n) => n === 0,
      );
    });

    it('publishes a row that was committed but never handed to the relay (a crash in between)', async () => {
      const event = newEvent(
        ThingHappened.type,
        '/balanse/test',
        'orphan',
        { name: 'orphan', fail: false },
        { tenantId: 'default', correlationId: 'test-orphan', causationId: 'test-orphan' },
      );
      await h.ds.query(
        'INSERT INTO outbox (id, tenant_id, type, envelope) VALUES ($1, $2, $3, $4)',
        [event.id, event.tenantId, event.type, JSON.stringify(toCloudEvent(event))],
      );
      await eventually(
        () => effects(h, 'orphan'),
        (n) => n === 1,
      );
    });

    it('has one effect when the same event is delivered twice', async () => {
      await emit(h, 'twice');
      await eventually(
        () => effects(h, 'twice'),
        (n) => n === 1,
      );
      const [row] = await h.ds.query(
        "SELECT envelope FROM outbox WHERE envelope->'data'->>'name' = 'twice'",
      );
      // Redeliver by hand (as after a lost ack), and make the relay publish the row again (as after a crash before marking it).
      const acks: string[] = [];
      await h.onDelivery({
        envelope: row.envelope,
        attempt: 2,
        ack: () => acks.push('ack'),
        nak: () => acks.push('nak'),
      });
      await h.ds.query(
        "UPDATE outbox SET published_at = NULL WHERE envelope->'data'->>'name' = 'twice'",
      );
      await emit(h, 'after-twice'); // kicks the relay
      await eventually(
        () => effects(h, 'after-twice'),
        (n) => n === 1,
      );
      await eventually(
        async () =>
          (await h.ds.query('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'))[0].n,
        (n) => Number(n) === 0,
      );
      expect(acks).toEqual(['ack']);
      expect(await effects(h, 'twice')).toBe(1);
      const [{ n }] = await h.ds.query(
        "SELECT count(*) AS n FROM inbox WHERE consumer = 'test--thing' AND event_id = $1",
        [row.envelope.id],
      );
      expect(Number(n)).toBe(1);
    });

    it('rolls back a handler that fails after its write, and applies the redelivery once', async () => {
      h.failing.failOnceAfterWrite.add('half-done');
      await emit(h, 'half-done');
      await eventually(
        () => effects(h, 'half-done'),
        (n) => n === 1,
      );
      expect(h.deliveries.filter((d) => d === 'half-done')).toHaveLength(2);
    });

    it('dead-letters an event that always fails, without blocking the next, and replays it once fixed', async () => {
      await emit(h, 'poison', true);
      await emit(h, 'behind-poison');
      await eventually(
        () => effects(h, 'behind-poison'),
        (n) => n === 1,
      );
      // handled while the poison was still being retried (2 backoffs of 1 s before it gives up)
      expect(await h.deadLetters.list('default')).toEqual([]);
      const letters = await eventually(
        () => h.deadLetters.list('default'),
        (l) => l.length === 1,
      );
      expect(letters[0]).toMatchObject({
        consumer: 'test--thing',
        type: ThingHappened.type,
        attempts: MAX_ATTEMPTS,
        error: 'cannot handle poison',
      });
      expect(h.deliveries.filter((d) => d === 'poison')).toHaveLength(MAX_ATTEMPTS);
      expect(await effects(h, 'poison')).toBe(0);

      // still failing: the replay fails, the letter stays with one more attempt
      await expect(h.consumer.replay('default', letters[0].id)).rejects.toThrow(
        'cannot handle poison',
      );
      expect((await h.deadLetters.list('default'))[0].attempts).toBe(MAX_ATTEMPTS + 1);
      // other tenants do not see it
      expect(await h.deadLetters.list('other')).toEqual([]);

      h.failing.on = false;
      await expect(h.consumer.replay('default', letters[0].id)).resolves.toBe('replayed');
      expect(await effects(h, 'poison')).toBe(1);
      expect(await h.deadLetters.list('default')).toEqual([]);
      await expect(h.consumer.replay('default', letters[0].id)).resolves.toBe('not_found');
      h.failing.on = true;
    });

    it('dead-letters an event whose payload breaks its contract at once', async () => {
      const acks: string[] = [];
      const bad = {
        specversion: '1.0',
        id: '6f1c3a52-52a4-4b39-9df4-0b5c2e0d5a11',
        type: ThingHappened.type,
        source: '/x',
        subject: 's',
        time: new Date().toISOString(),
        tenantid: 'default',
        correlationid: 'c',
        causationid: 'c',
        data: { name: 42 },
      };
      await h.onDelivery({
        envelope: bad,
        attempt: 1,
        ack: () => acks.push('ack'),
        nak: () => acks.push('nak'),
      });
      expect(acks).toEqual(['ack']);
      const letters = await h.deadLetters.list('default');
      expect(letters.find((l) => l.eventId === bad.id)?.error).toMatch(/invalid event: .*name/);
    });
  },
);
