import { Controller, Inject, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { IsBoolean, IsString } from 'class-validator';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import {
  commandSubject,
  defineEvent,
  DomainError,
  ErrorCode,
  type CommandContext,
  type ServiceName,
} from '@balanse/contracts';
import {
  BalanseClient,
  BalanseServer,
  ContractPayloadPipe,
  DeadLetters,
  EventContext,
  IdPipe,
  InProcessCommandTransport,
  InProcessEventTransport,
  EVENT_STREAM,
  eventSubject,
  MessagingModule,
  messagingMigrations,
  NatsCommandTransport,
  NatsEventTransport,
  OutboxRelay,
  RpcErrorsFilter,
  ServiceError,
  newEvent,
  toCloudEvent,
  UnitOfWork,
  messagingEntities,
  retryPolicy,
  type DeadLetterView,
  type CommandTransport,
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
class CountDto {
  @IsString() name: string;
}

/** The service under test: served by BalanseServer like identify, document, assess and certify. */
const SERVICE = 'things' as ServiceName;
const CONSUMER = 'things--test-thing-happened-v1';
const FAILING = Symbol('FAILING');
type Failing = {
  on: boolean;
  failOnceAfterWrite: Set<string>;
  /** How many more deliveries of a name get their database connection cut. */
  cuts: Map<string, number>;
};

@Controller()
class ThingHandlers {
  constructor(
    @Inject(FAILING) private readonly failing: Failing,
    private readonly ds: DataSource,
  ) {}

  @EventPattern(ThingHappened.type)
  async happened(@Payload() data: ThingHappenedV1, @Ctx() { event, tx }: EventContext) {
    if (data.fail && this.failing.on) throw new Error(`cannot handle ${data.name}`);
    if (data.name === 'db-away')
      throw Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
      });
    if ('extra' in data) throw new Error('an unknown field reached the handler');
    // As when PostgreSQL restarts under a running transaction: its connection is cut.
    const cuts = this.failing.cuts.get(data.name) ?? 0;
    if (cuts > 0) {
      this.failing.cuts.set(data.name, cuts - 1);
      await tx.manager.query('SELECT pg_terminate_backend(pg_backend_pid())');
    }
    await tx.manager.query('INSERT INTO effect (event_id, name) VALUES ($1, $2)', [
      event.id,
      data.name,
    ]);
    if (this.failing.failOnceAfterWrite.delete(data.name))
      throw new Error('crash after the write, before commit');
  }

  /** A query whose "case" arrives with the event of the same name (see ArrivalWait). */
  @MessagePattern('things.count')
  async count(@Ctx() ctx: CommandContext, @Payload('body') body: CountDto) {
    const [{ n }] = await this.ds.query('SELECT count(*) AS n FROM effect WHERE name = $1', [
      body.name,
    ]);
    if (Number(n) === 0) throw DomainError.notArrived('things');
    return { tenantId: ctx.tenantId, name: body.name, count: Number(n) };
  }

  @MessagePattern('things.get')
  get(@Payload('id', IdPipe) id: string) {
    if (id.startsWith('0')) throw new Error('a bug with a secret inside');
    return { id };
  }
}

class EffectTable1764300000998 {
  name = 'EffectTable1764300000998';
  async up(q: { query(sql: string): Promise<unknown> }) {
    await q.query('CREATE TABLE effect (event_id uuid NOT NULL, name text NOT NULL)');
  }
  async down() {}
}

interface Harness {
  /** JetStream only: the test's own connection, to publish straight to the stream. */
  nc?: NatsConnection;
  ds: DataSource;
  uow: UnitOfWork;
  server: BalanseServer;
  deadLetters: DeadLetters;
  client: BalanseClient;
  deliveries: string[];
  /** The consumer's raw delivery function, to deliver an event by hand. */
  onDelivery: (d: Delivery) => Promise<void>;
  failing: Failing;
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
    migrations: [...messagingMigrations, EffectTable1764300000998],
  });
  let nc: NatsConnection | undefined;
  let transport: EventTransport;
  let commands: CommandTransport;
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
    commands = new NatsCommandTransport(conn);
  } else {
    transport = new InProcessEventTransport();
    commands = new InProcessCommandTransport();
  }
  const relay = new OutboxRelay(
    ds,
    transport,
    { pollMs: 50, markMs: 50, batchSize: 100, retentionMs: 3_600_000 },
    'test',
  );
  const uow = new UnitOfWork(ds, '/balanse/test', (rows) => relay.kick(rows));
  const deadLetters = new DeadLetters(ds);
  const failing: Failing = { on: true, failOnceAfterWrite: new Set<string>(), cuts: new Map() };
  const deliveries: string[] = [];
  let onDelivery: ((d: Delivery) => Promise<void>) | undefined;
  // The server subscribes through this wrapper, which records deliveries and keeps the consumer's
  // delivery function so that a test can deliver an event by hand.
  const recording: EventTransport = {
    publish: (envelope) => transport.publish(envelope),
    subscribe: (spec, handle) => {
      onDelivery = handle;
      return transport.subscribe(spec, async (d) => {
        deliveries.push(nameOf(d.body));
        await handle(d);
      });
    },
    healthy: () => transport.healthy(),
    close: () => transport.close(),
  };
  const server = new BalanseServer({
    service: SERVICE,
    commands,
    events: recording,
    uow,
    deadLetters,
    retry: { ...retryPolicy(MAX_ATTEMPTS), backoffMs: () => BACKOFF_MS },
    consumerConcurrency: 4,
    owners: { 'test.thing-happened': 'test' },
  });
  @Module({
    imports: [
      MessagingModule.forService({ dataSource: ds, uow, deadLetters, consumer: server.consumer }),
    ],
    controllers: [ThingHandlers],
    providers: [{ provide: FAILING, useValue: failing }],
  })
  class ThingsModule {}
  const app: INestMicroservice = await NestFactory.createMicroservice(ThingsModule, {
    strategy: server,
    logger: false,
    abortOnError: false,
  });
  app.useGlobalPipes(new ContractPayloadPipe());
  app.useGlobalFilters(new RpcErrorsFilter());
  await app.listen();
  relay.start();
  return {
    nc,
    ds,
    uow,
    server,
    deadLetters,
    client: new BalanseClient(commands, 10_000),
    deliveries,
    onDelivery: (d) => onDelivery!(d),
    failing,
    close: async () => {
      await relay.stop();
      await app.close();
      await transport.close();
      await commands.close();
      await nc?.close();
      await ds.destroy();
      if (kind === 'jetstream') await dropDatabases([dbName]);
    },
  };
}

async function emit(h: Harness, name: string, fail = false): Promise<void> {
  await h.uow.run(
    { tenantId: 'default', correlationId: `test-${name}`, causationId: `test-${name}` },
    (tx) => tx.emit(ThingHappened, randomUUID(), { name, fail }),
  );
}

async function effects(h: Harness, name: string): Promise<number> {
  const rows: Array<{ n: string | number }> = await h.ds.query(
    'SELECT count(*) AS n FROM effect WHERE name = $1',
    [name],
  );
  return Number(rows[0].n);
}

/** The thing's name in an envelope, or `(unreadable)` for one that is not ours. */
function nameOf(body: string): string {
  try {
    return (JSON.parse(body) as { data: { name: string } }).data.name;
  } catch {
    return '(unreadable)';
  }
}

async function letters(h: Harness, tenantId = 'default'): Promise<DeadLetterView[]> {
  return (await h.deadLetters.list({ tenantId, limit: 100 })).items;
}

/** Delivers `body` by hand as on the thing's subject; answers how the consumer settled it. */
async function deliver(h: Harness, body: string, attempt = 1): Promise<string[]> {
  const settled: string[] = [];
  await h.onDelivery({
    subject: eventSubject(ThingHappened.type),
    body,
    attempt,
    ack: () => settled.push('ack'),
    nak: () => settled.push('nak'),
    term: () => settled.push('term'),
  });
  return settled;
}

/** A valid envelope of the thing, with `changes` on top. */
function thing(changes: Record<string, unknown> = {}, data: object = { name: 'x', fail: false }) {
  return {
    specversion: '1.0',
    id: randomUUID(),
    type: ThingHappened.type,
    source: '/balanse/test',
    subject: randomUUID(),
    time: new Date().toISOString(),
    tenantid: 'default',
    correlationid: 'c',
    causationid: 'c',
    datacontenttype: 'application/json',
    data,
    ...changes,
  };
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
        randomUUID(),
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
      const acks = await deliver(h, JSON.stringify(row.envelope), 2);
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
        'SELECT count(*) AS n FROM inbox WHERE consumer = $2 AND event_id = $1',
        [row.envelope.id, CONSUMER],
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
      expect(await letters(h)).toEqual([]);
      const kept = await eventually(
        () => letters(h),
        (l) => l.length === 1,
      );
      expect(kept[0]).toMatchObject({
        consumer: CONSUMER,
        type: ThingHappened.type,
        attempts: MAX_ATTEMPTS,
        reason: `handler failed: cannot handle poison (${MAX_ATTEMPTS} deliveries)`,
      });
      expect(h.deliveries.filter((d) => d === 'poison')).toHaveLength(MAX_ATTEMPTS);
      expect(await effects(h, 'poison')).toBe(0);

      // still failing: the replay fails, the letter stays with one more attempt
      const id = kept[0]!.id;
      await expect(h.server.consumer.replay('default', id, 'ops')).resolves.toEqual({
        outcome: 'failed',
        reason: 'handler failed: cannot handle poison',
      });
      expect((await letters(h))[0]!.attempts).toBe(MAX_ATTEMPTS + 1);
      // other tenants do not see it
      expect(await letters(h, 'other')).toEqual([]);
      await expect(h.server.consumer.replay('other', id, 'ops')).resolves.toEqual({
        outcome: 'not_found',
      });

      h.failing.on = false;
      await expect(h.server.consumer.replay('default', id, 'ops')).resolves.toEqual({
        outcome: 'replayed',
      });
      expect(await effects(h, 'poison')).toBe(1);
      expect(await letters(h)).toEqual([]);
      await expect(h.server.consumer.replay('default', id, 'ops')).resolves.toEqual({
        outcome: 'not_found',
      });
      expect(
        await h.ds.query('SELECT action, actor FROM dead_letter_audit WHERE dead_letter_id = $1', [
          id,
        ]),
      ).toEqual([{ action: 'replayed', actor: 'ops' }]);
      h.failing.on = true;
    });

    it('dead-letters an event whose payload breaks its contract at once', async () => {
      const bad = thing({}, { name: 42, fail: false });
      expect(await deliver(h, JSON.stringify(bad))).toEqual(['ack']);
      const kept = (await letters(h)).find((l) => l.eventId === bad.id);
      expect(kept?.reason).toMatch(/^invalid payload: VALIDATION_FAILED: .*name/);
      expect(kept?.attempts).toBe(1);
    });

    it('reads an event tolerantly: an unknown optional field is dropped, not refused', async () => {
      const newer = thing({}, { name: 'newer', fail: false, extra: { added: 'in v1.1' } });
      expect(await deliver(h, JSON.stringify(newer))).toEqual(['ack']);
      expect(await effects(h, 'newer')).toBe(1);
    });

    it('checks the envelope before anything else, and keeps what breaks it with the reason', async () => {
      const cases: Array<[string, string, string]> = [
        ['{"not json', 'invalid envelope: is not JSON', '_invalid'],
        [
          JSON.stringify(thing({ id: 'not-a-uuid' })),
          'invalid envelope: id is not a UUID',
          'default',
        ],
        [
          JSON.stringify(thing({ tenantid: 'de\u0000fault' })),
          'invalid envelope: contains a NUL character (\\u0000)',
          '_invalid',
        ],
        [
          JSON.stringify(thing({}, { name: 'n\u0000ul', fail: false })),
          'invalid envelope: contains a NUL character (\\u0000)',
          'default',
        ],
        [
          JSON.stringify(thing({ source: '/balanse/evil' })),
          `invalid envelope: source is not /balanse/test, the owner of ${ThingHappened.type}`,
          'default',
        ],
        [
          JSON.stringify(thing({}, { caseId: randomUUID(), name: 'x', fail: false })),
          'invalid envelope: data.caseId is not the subject',
          'default',
        ],
      ];
      for (const [body, reason, tenantId] of cases) {
        expect(await deliver(h, body)).toEqual(['ack']);
        expect((await letters(h, tenantId)).map((l) => l.reason)).toContain(reason);
      }
      const [notJson] = (await letters(h, '_invalid')).filter((l) => l.eventId === null);
      expect(notJson?.envelope).toEqual({ unparseable: '{"not json', length: 10 });
    });

    it('waits for an unreachable database past maxAttempts, then dead-letters without blaming the handler', async () => {
      const body = JSON.stringify(thing({}, { name: 'db-away', fail: false }));
      expect(await deliver(h, body, MAX_ATTEMPTS)).toEqual(['nak']);
      const last = h.server.consumer.maxDeliveries - 3; // the transient budget's last delivery
      expect(await deliver(h, body, last)).toEqual(['ack']);
      expect((await letters(h)).map((l) => l.reason)).toContain(
        `database unavailable: after ${last} deliveries`,
      );
    });

    // PostgreSQL only: PGlite lives in the process, nothing can cut its connection.
    if (kind === 'jetstream')
      it('waits out a database whose connections are cut (PostgreSQL restarting): no dead letter', async () => {
        const kept = (await letters(h)).length;
        // More often than a handler failure is retried: only a transient failure outlasts that.
        h.failing.cuts.set('cut', MAX_ATTEMPTS);
        await emit(h, 'cut');
        await eventually(
          () => effects(h, 'cut'),
          (n) => n === 1,
          15_000,
        );
        expect(h.deliveries.filter((d) => d === 'cut')).toHaveLength(MAX_ATTEMPTS + 1);
        expect(await letters(h)).toHaveLength(kept);
      });

    it('terminates what cannot be kept as a dead letter, and discards with a reason', async () => {
      await h.ds.query('ALTER TABLE dead_letter RENAME TO dead_letter_away');
      try {
        expect(await deliver(h, 'not json at all')).toEqual(['term']);
        if (h.nc) {
          // Over JetStream: terminated, so the consumer has nothing pending or unacked after it.
          const jsm = await jetstreamManager(h.nc);
          const { seq } = await jetstream(h.nc).publish(eventSubject(ThingHappened.type), 'junk');
          const info = await eventually(
            () => jsm.consumers.info(EVENT_STREAM, CONSUMER),
            (i) => i.ack_floor.stream_seq >= seq,
          );
          expect([info.num_pending, info.num_ack_pending]).toEqual([0, 0]);
        }
      } finally {
        await h.ds.query('ALTER TABLE dead_letter_away RENAME TO dead_letter');
      }
      const harmless = thing({ source: '/balanse/evil' });
      expect(await deliver(h, JSON.stringify(harmless))).toEqual(['ack']);
      const first = (await letters(h)).find((l) => l.eventId === harmless.id);
      await expect(
        h.deadLetters.discard('default', first!.id, 'seen, harmless', 'ops'),
      ).resolves.toBe(true);
      await expect(h.deadLetters.discard('default', first!.id, 'again', 'ops')).resolves.toBe(
        false,
      );
      expect(
        await h.ds.query(
          'SELECT action, reason, actor, type FROM dead_letter_audit WHERE dead_letter_id = $1',
          [first!.id],
        ),
      ).toEqual([
        { action: 'discarded', reason: 'seen, harmless', actor: 'ops', type: ThingHappened.type },
      ]);
    });

    it('pages dead letters with a cursor and filters them by time', async () => {
      const all = await letters(h);
      expect(all.length).toBeGreaterThan(3);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await h.deadLetters.list({ tenantId: 'default', limit: 2, cursor });
        seen.push(...page.items.map((l) => l.id));
        cursor = page.nextCursor ?? undefined;
        expect(page.hasMore).toBe(cursor !== undefined);
      } while (cursor);
      expect(seen).toEqual(all.map((l) => l.id));
      const future = new Date(Date.now() + 60_000).toISOString();
      expect(
        (await h.deadLetters.list({ tenantId: 'default', limit: 10, from: future })).items,
      ).toEqual([]);
      expect(
        (await h.deadLetters.list({ tenantId: 'default', limit: 100, to: future })).items,
      ).toHaveLength(all.length);
    });

    describe('commands through the ClientProxy', () => {
      const context = { tenantId: 'default', actor: 'test', correlationId: 'req-1' };
      const send = (pattern: string, data: Record<string, unknown>, ctx: object = context) =>
        lastValueFrom(h.client.send(commandSubject(SERVICE, pattern), { context: ctx, data }));
      const failure = (p: Promise<unknown>) =>
        p.then(
          () => {
            throw new Error('expected an error answer');
          },
          (err: unknown) => (err as ServiceError).body,
        );

      it('answers a query, and "not arrived" at once when not asked to wait', async () => {
        await emit(h, 'counted');
        await eventually(
          () => effects(h, 'counted'),
          (n) => n === 1,
        );
        await expect(send('things.count', { body: { name: 'counted' } })).resolves.toEqual({
          tenantId: 'default',
          name: 'counted',
          count: 1,
        });
        const started = Date.now();
        expect(await failure(send('things.count', { body: { name: 'not-yet' } }))).toMatchObject({
          status: 409,
          code: ErrorCode.CASE_NOT_IN_PHASE,
          details: { arrived: false },
        });
        expect(Date.now() - started).toBeLessThan(1000);
      });

      it('runs a command marked awaitCase again once the event for its case is handled', async () => {
        const answer = send(
          'things.count',
          { body: { name: 'late' } },
          { ...context, awaitCase: '0b1f5d8e-8a4c-4f57-9a53-2f1f3c0f4b8a' },
        );
        await new Promise((r) => setTimeout(r, 300));
        await emit(h, 'late');
        await expect(answer).resolves.toMatchObject({ name: 'late', count: 1 });
      });

      it('validates payloads, ids and context with the failing field named', async () => {
        expect(await failure(send('things.count', { body: { name: 42 } }))).toMatchObject({
          status: 400,
          code: ErrorCode.VALIDATION_FAILED,
          fields: [expect.objectContaining({ field: 'name' })],
        });
        expect(
          await failure(send('things.count', { body: { name: 'x', extra: 1 } })),
        ).toMatchObject({
          code: ErrorCode.VALIDATION_FAILED,
          fields: [expect.objectContaining({ field: 'extra' })],
        });
        expect(await failure(send('things.get', { id: 'nope' }))).toMatchObject({
          code: ErrorCode.VALIDATION_FAILED,
          fields: [{ field: 'id', message: 'must be a UUID' }],
        });
        expect(
          await failure(
            send('things.count', { body: { name: 'x' } }, { ...context, tenantId: 'UP' }),
          ),
        ).toMatchObject({
          code: ErrorCode.VALIDATION_FAILED,
          fields: [expect.objectContaining({ field: 'tenantId' })],
        });
      });

      it('answers 404 for an unknown pattern and 500 without details for a bug', async () => {
        expect(await failure(send('things.unknown', {}))).toMatchObject({
          status: 404,
          code: ErrorCode.NOT_FOUND,
        });
        const body = await failure(
          send('things.get', { id: '0b1f5d8e-8a4c-4f57-9a53-2f1f3c0f4b8a' }),
        );
        expect(body).toMatchObject({ status: 500, code: ErrorCode.INTERNAL });
        expect(JSON.stringify(body)).not.toContain('secret');
        await expect(
          send('things.get', { id: 'ABCDEF00-0000-4000-8000-000000000000' }),
        ).resolves.toEqual({
          id: 'abcdef00-0000-4000-8000-000000000000',
        });
      });
    });
  },
);
