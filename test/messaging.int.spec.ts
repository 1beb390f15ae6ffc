import { Controller, Inject, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { IsBoolean, IsString } from 'class-validator';
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
  MessagingModule,
  MessagingTables1764300000000,
  NatsCommandTransport,
  NatsEventTransport,
  OutboxRelay,
  RpcErrorsFilter,
  ServiceError,
  newEvent,
  toCloudEvent,
  UnitOfWork,
  messagingEntities,
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
type Failing = { on: boolean; failOnceAfterWrite: Set<string> };

@Controller()
class ThingHandlers {
  constructor(
    @Inject(FAILING) private readonly failing: Failing,
    private readonly ds: DataSource,
  ) {}

  @EventPattern(ThingHappened.type)
  async happened(@Payload() data: ThingHappenedV1, @Ctx() { event, tx }: EventContext) {
    if (data.fail && this.failing.on) throw new Error(`cannot handle ${data.name}`);
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
    migrations: [MessagingTables1764300000000, EffectTable1764300000998],
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
  const failing: Failing = { on: true, failOnceAfterWrite: new Set<string>() };
  const deliveries: string[] = [];
  let onDelivery: ((d: Delivery) => Promise<void>) | undefined;
  // The server subscribes through this wrapper, which records deliveries and keeps the consumer's
  // delivery function so that a test can deliver an event by hand.
  const recording: EventTransport = {
    publish: (envelope) => transport.publish(envelope),
    subscribe: (spec, handle) => {
      onDelivery = handle;
      return transport.subscribe(spec, async (d) => {
        deliveries.push((d.envelope as { data: { name: string } }).data.name);
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
    retry: { maxAttempts: MAX_ATTEMPTS, backoffMs: () => BACKOFF_MS },
    consumerConcurrency: 4,
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
      expect(await h.deadLetters.list('default')).toEqual([]);
      const letters = await eventually(
        () => h.deadLetters.list('default'),
        (l) => l.length === 1,
      );
      expect(letters[0]).toMatchObject({
        consumer: CONSUMER,
        type: ThingHappened.type,
        attempts: MAX_ATTEMPTS,
        error: 'cannot handle poison',
      });
      expect(h.deliveries.filter((d) => d === 'poison')).toHaveLength(MAX_ATTEMPTS);
      expect(await effects(h, 'poison')).toBe(0);

      // still failing: the replay fails, the letter stays with one more attempt
      await expect(h.server.consumer.replay('default', letters[0].id)).rejects.toThrow(
        'cannot handle poison',
      );
      expect((await h.deadLetters.list('default'))[0].attempts).toBe(MAX_ATTEMPTS + 1);
      // other tenants do not see it
      expect(await h.deadLetters.list('other')).toEqual([]);

      h.failing.on = false;
      await expect(h.server.consumer.replay('default', letters[0].id)).resolves.toBe('replayed');
      expect(await effects(h, 'poison')).toBe(1);
      expect(await h.deadLetters.list('default')).toEqual([]);
      await expect(h.server.consumer.replay('default', letters[0].id)).resolves.toBe('not_found');
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
