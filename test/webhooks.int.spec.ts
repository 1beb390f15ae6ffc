// Webhooks to HR systems, on the distributed stack: signed deliveries of a case's events to a
// receiver on loopback (allowed here by BALANSE_WEBHOOKS_ALLOW_PRIVATE), retries with backoff and
// their log, no redirects, a delivery that survives identify being killed, and tenant isolation.
// Signing secrets are stored encrypted (BALANSE_SECRETS_KEY): sealed, sealed at start when stored
// in plaintext before, re-sealed after a key rotation, and a failed delivery when unreadable.
// The refusal of a private URL without the allowance is in test/bad-input/webhooks.rows.ts.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { secretsKeyId } from '@balanse/runtime';
import {
  AppProcess,
  driveCase,
  freePort,
  pollUntil,
  seededStandard,
  startStack,
  TEST_SECRETS_KEY,
  testServers,
  type ApiClient,
  type Stack,
} from '@balanse/testing';

/** How a receiver checks a delivery (the README's sample, as code). */
function verify(secret: string, header: string, body: string, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2)));
  const t = Number(parts['t']);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts['v1'] ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1: every request kept; `answer` decides the status per path. */
class Receiver {
  readonly received: Received[] = [];
  /** Status for a path's next request (default 200). */
  answer: (path: string, nth: number) => number = () => 200;
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString() });
        const status = this.answer(path, this.received.filter((r) => r.path === path).length);
        if (status >= 300 && status < 400) res.setHeader('location', `${this.url}/elsewhere`);
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status < 300 ? 'ok' : `nope ${status}`);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  on(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  stop(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** A sealed secret: `v1.<key id>.<iv>.<ciphertext+tag>`, base64url. */
const SEALED = /^v1\.([\w-]{8})\.[\w-]{16}\.[\w-]{22,}$/;
const TEST_KEY_ID = secretsKeyId(Buffer.from(TEST_SECRETS_KEY, 'base64'));

const WEBHOOK_ENV = {
  BALANSE_WEBHOOKS_ALLOW_PRIVATE: 'true',
  BALANSE_WEBHOOKS_ALLOW_HTTP: 'true',
  BALANSE_WEBHOOKS_RETRY_BASE_MS: '200',
  // 200 ms doubling: 6 attempts span 6 s, room for the restart test to act in between.
  BALANSE_WEBHOOKS_MAX_ATTEMPTS: '6',
  BALANSE_WEBHOOKS_POLL_MS: '50',
  BALANSE_WEBHOOKS_TIMEOUT_MS: '2000',
};

const ALL = [
  'case.opened',
  'case.identified',
  'case.documented',
  'case.assessed',
  'case.certified',
];

describe('webhooks: signed deliveries to HR systems, retried and logged', () => {
  let stack: Stack;
  let api: ApiClient;
  let apiB: ApiClient;
  let standard: { id: string; outcomeIds: string[] };
  const receiver = new Receiver();
  let db: Client;
  /** identify restarted with a rotated key (the last test), instead of the stack's. */
  let rotated: AppProcess | undefined;

  beforeAll(async () => {
    await receiver.start();
    stack = await startStack({ mode: 'distributed', env: WEBHOOK_ENV });
    api = stack.api;
    apiB = api.withTenant('tenant-b');
    standard = await seededStandard(api);
    db = new Client({ connectionString: stack.databases.identify });
    await db.connect();
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await rotated?.stop();
    await stack?.stop();
    await receiver.stop();
  });

  const storedSecret = async (id: string) =>
    (
      await db.query<{ secret: string | null; secret_sealed: string | null }>(
        'SELECT secret, secret_sealed FROM webhook WHERE id = $1',
        [id],
      )
    ).rows[0]!;

  /** A case opened, and the delivery to `path` that its `case.opened` became. */
  async function deliveryTo(path: string, externalId: string): Promise<Received> {
    const caseId = await openCase(api, externalId);
    return pollUntil(
      async () => receiver.on(path).find((r) => JSON.parse(r.body).data.caseId === caseId),
      () => `a delivery of case ${caseId} to ${path}`,
    );
  }

  async function subscribe(client: ApiClient, path: string, events: string[], secret?: string) {
    const res = await client.post('/webhooks', {
      url: `${receiver.url}${path}`,
      events,
      ...(secret ? { secret } : {}),
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; secret: string; url: string; events: string[] };
  }

  async function openCase(client: ApiClient, externalId: string): Promise<string> {
    const res = await client.post('/cases', {
      standardId: standard.id,
      candidate: { externalId, name: 'Kari Nordmann', email: 'kari@example.org' },
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  /** The webhook's log once `done` holds for it. */
  function deliveriesWhen(client: ApiClient, id: string, done: (items: any[]) => boolean) {
    return pollUntil(
      async (seen) => {
        const page = await client.get(`/webhooks/${id}/deliveries?limit=100`);
        seen(page.body);
        return page.status === 200 && done(page.body.items)
          ? (page.body.items as any[])
          : undefined;
      },
      (last) => `deliveries of ${id}: ${JSON.stringify(last)}`,
      { timeoutMs: 30_000, pollMs: 100 },
    );
  }

  it("delivers a case's events signed with the secret, with the case and external id and no personal data", async () => {
    const hook = await subscribe(api, '/all', ALL);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const listed = await api.get('/webhooks');
    expect(listed.status).toBe(200);
    const item = listed.body.items.find((w: { id: string }) => w.id === hook.id);
    expect(item).toMatchObject({ url: `${receiver.url}/all`, events: ALL });
    expect(item).not.toHaveProperty('secret'); // shown once, by the POST

    const { caseId } = await driveCase(api, standard, { externalId: 'wh-1' });
    const got = await pollUntil(
      async () => (receiver.on('/all').length >= 5 ? receiver.on('/all') : undefined),
      () => `5 deliveries, got ${receiver.on('/all').length}`,
    );
    expect(got.map((r) => JSON.parse(r.body).type)).toEqual(ALL);
    for (const r of got) {
      expect(verify(hook.secret, String(r.headers['balanse-signature']), r.body)).toBe(true);
      expect(
        verify('not-the-secret-of-this-hook', String(r.headers['balanse-signature']), r.body),
      ).toBe(false);
      const body = JSON.parse(r.body);
      expect(Object.keys(body)).toEqual(['id', 'type', 'time', 'tenant', 'data']);
      expect(body).toMatchObject({ tenant: 'default', data: { caseId, externalId: 'wh-1' } });
      expect(Object.keys(body.data)).toEqual(['caseId', 'externalId']);
      expect(r.headers['balanse-event-id']).toBe(body.id);
      expect(r.headers['balanse-event-type']).toBe(body.type);
      expect(r.body).not.toMatch(/Kari|Nordmann|example\.org/);
    }
    // A signature made for another body, or replayed long after, does not verify.
    const header = String(got[0]!.headers['balanse-signature']);
    expect(verify(hook.secret, header, got[1]!.body)).toBe(false);
    expect(verify(hook.secret, header, got[0]!.body, -1)).toBe(false);

    const log = await deliveriesWhen(
      api,
      hook.id,
      (items) => items.filter((d) => d.status === 'delivered').length === 5,
    );
    for (const d of log)
      expect(d).toMatchObject({
        attempts: 1,
        lastStatusCode: 200,
        lastError: null,
        responseExcerpt: 'ok',
        nextAttemptAt: null,
      });
    expect(log.map((d) => d.eventType)).toEqual(ALL);
  });

  it('retries a receiver that fails twice, then logs the delivery with its attempts', async () => {
    receiver.answer = (path, nth) => (path === '/flaky' && nth <= 2 ? 500 : 200);
    const hook = await subscribe(
      api,
      '/flaky',
      ['case.opened'],
      'a-secret-chosen-by-the-hr-system-0001',
    );
    const caseId = await openCase(api, 'wh-flaky');
    const [d] = await deliveriesWhen(api, hook.id, (items) => items[0]?.status === 'delivered');
    expect(d).toMatchObject({
      eventType: 'case.opened',
      attempts: 3,
      lastStatusCode: 200,
      lastError: null,
    });
    const got = receiver.on('/flaky');
    expect(got).toHaveLength(3);
    // The same event each time, the same bytes, each attempt signed anew.
    expect(new Set(got.map((r) => r.body)).size).toBe(1);
    expect(JSON.parse(got[0]!.body).data.caseId).toBe(caseId);
    for (const r of got)
      expect(
        verify(
          'a-secret-chosen-by-the-hr-system-0001',
          String(r.headers['balanse-signature']),
          r.body,
        ),
      ).toBe(true);
  });

  it('does not follow a redirect, and gives up after the bounded attempts', async () => {
    receiver.answer = (path) => (path === '/moved' ? 302 : 200);
    const hook = await subscribe(api, '/moved', ['case.opened']);
    await openCase(api, 'wh-moved');
    const [d] = await deliveriesWhen(api, hook.id, (items) => items[0]?.status === 'failed');
    expect(d).toMatchObject({
      attempts: 6,
      lastStatusCode: 302,
      nextAttemptAt: null,
      deliveredAt: null,
    });
    expect(d.lastError).toMatch(/redirects are not followed/);
    expect(receiver.on('/moved')).toHaveLength(6);
    expect(receiver.on('/elsewhere')).toHaveLength(0);
  });

  it('keeps a pending delivery through a crash of identify and delivers it after the restart', async () => {
    let up = false;
    receiver.answer = (path) => (path === '/later' && !up ? 503 : 200);
    const hook = await subscribe(api, '/later', ['case.opened']);
    await openCase(api, 'wh-later');
    await deliveriesWhen(api, hook.id, (items) => items[0]?.attempts >= 1);
    await stack.kill('identify');
    up = true;
    await stack.start('identify');
    const [d] = await deliveriesWhen(api, hook.id, (items) => items[0]?.status === 'delivered');
    expect(d.lastStatusCode).toBe(200);
    const got = receiver.on('/later');
    expect(got.at(-1)!.headers['balanse-delivery-id']).toBe(d.id);
    expect(new Set(got.map((r) => r.body)).size).toBe(1); // one event, tried until it got through
  }, 60_000);

  it("keeps tenants apart: B neither sees nor deletes A's webhooks, and A's events never reach B's", async () => {
    receiver.answer = () => 200;
    const hookA = await subscribe(api, '/tenant-a', ['case.opened']);
    const hookB = await subscribe(apiB, '/tenant-b', ['case.opened']);

    const listB = await apiB.get('/webhooks?limit=100');
    expect(listB.body.items.map((w: { id: string }) => w.id)).toEqual([hookB.id]);
    expect((await apiB.get(`/webhooks/${hookA.id}/deliveries`)).status).toBe(404);
    const deleteByB = await apiB.send('DELETE', `/webhooks/${hookA.id}`);
    expect(deleteByB.status).toBe(404);
    expect(deleteByB.body.code).toBe('WEBHOOK_NOT_FOUND');

    const caseA = await openCase(api, 'wh-tenant');
    const caseB = await openCase(apiB, 'wh-tenant');
    await pollUntil(
      async () =>
        receiver.on('/tenant-a').length && receiver.on('/tenant-b').length ? true : undefined,
      () => 'a delivery to each tenant',
    );
    await new Promise((r) => setTimeout(r, 500)); // room for a stray delivery to show
    expect(receiver.on('/tenant-a').map((r) => JSON.parse(r.body).data.caseId)).toEqual([caseA]);
    expect(receiver.on('/tenant-b').map((r) => JSON.parse(r.body))).toEqual([
      expect.objectContaining({
        tenant: 'tenant-b',
        data: { caseId: caseB, externalId: 'wh-tenant' },
      }),
    ]);
    // A's hook still there for A; deleted by A, it is gone and sends nothing more.
    expect((await api.get(`/webhooks/${hookA.id}/deliveries`)).status).toBe(200);
    const deleted = await api.send('DELETE', `/webhooks/${hookA.id}`);
    expect(deleted.status).toBe(204);
    expect((await api.get(`/webhooks/${hookA.id}/deliveries`)).status).toBe(404);
    expect(
      (await api.get('/webhooks?limit=100')).body.items.map((w: { id: string }) => w.id),
    ).not.toContain(hookA.id);
    await openCase(api, 'wh-after-delete');
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.on('/tenant-a')).toHaveLength(1);
  });

  it('pages the webhooks and a cursor of another list is refused', async () => {
    const page = await api.get('/webhooks?limit=1');
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.hasMore).toBe(true);
    const next = await api.get(`/webhooks?limit=1&cursor=${page.body.nextCursor}`);
    expect(next.status).toBe(200);
    expect(next.body.items[0].id).not.toBe(page.body.items[0].id);
    const wrong = await api.get(
      `/webhooks/${page.body.items[0].id}/deliveries?cursor=${page.body.nextCursor}`,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('INVALID_CURSOR');
  });

  it('stores the secret encrypted: no plaintext in the database, deliveries still verify', async () => {
    receiver.answer = () => 200;
    const chosen = 'a-secret-chosen-by-the-hr-system-0002';
    const hooks = [
      await subscribe(api, '/sealed-chosen', ['case.opened'], chosen),
      await subscribe(api, '/sealed-generated', ['case.opened']),
    ];
    for (const hook of hooks) {
      const stored = await storedSecret(hook.id);
      expect(stored.secret).toBeNull();
      expect(stored.secret_sealed).toMatch(SEALED);
      expect(SEALED.exec(stored.secret_sealed!)![1]).toBe(TEST_KEY_ID);
      const raw = Buffer.from(hook.secret);
      for (const form of [
        hook.secret,
        raw.toString('base64'),
        raw.toString('base64url'),
        raw.toString('hex'),
      ])
        expect(stored.secret_sealed).not.toContain(form);
    }
    // Nowhere in the table either, in any column.
    const dump = (await db.query('SELECT w::text AS row FROM webhook w')).rows.map((r) => r.row);
    expect(dump.join('\n')).not.toContain(chosen);
    const caseId = await openCase(api, 'wh-sealed');
    for (const [i, path] of ['/sealed-chosen', '/sealed-generated'].entries()) {
      const got = await pollUntil(
        async () => receiver.on(path).find((r) => JSON.parse(r.body).data.caseId === caseId),
        () => `a delivery to ${path}`,
      );
      expect(verify(hooks[i]!.secret, String(got.headers['balanse-signature']), got.body)).toBe(
        true,
      );
    }
  });

  it('fails the deliveries of a secret that does not decrypt, logged by webhook id, and sends nothing', async () => {
    receiver.answer = () => 200;
    const donor = await subscribe(api, '/unreadable-donor', ['case.identified']);
    const hook = await subscribe(api, '/unreadable', ['case.opened']);
    // Another row's sealed secret: the webhook id is bound in, so it does not open here.
    await db.query(
      'UPDATE webhook SET secret_sealed = (SELECT secret_sealed FROM webhook WHERE id = $2) WHERE id = $1',
      [hook.id, donor.id],
    );
    await openCase(api, 'wh-unreadable');
    const [d] = await deliveriesWhen(api, hook.id, (items) => items[0]?.status === 'failed');
    expect(d).toMatchObject({ attempts: 6, lastStatusCode: null, deliveredAt: null });
    expect(d.lastError).toMatch(/^WEBHOOK_SECRET_UNREADABLE: /);
    expect(receiver.on('/unreadable')).toHaveLength(0);
    const log = stack.process('identify').log();
    expect(log).toMatch(new RegExp(`webhook ${hook.id}: signing secret cannot be decrypted`));
    expect(stack.process('identify').running).toBe(true);
    expect(log).not.toContain(donor.secret);
    await api.send('DELETE', `/webhooks/${hook.id}`);
  }, 60_000);

  it('encrypts at start a secret stored in plaintext before, and signs with it', async () => {
    receiver.answer = () => 200;
    const id = randomUUID();
    const plaintext = 'whsec_stored-in-plaintext-before-sealing-0003';
    await db.query(
      `INSERT INTO webhook (id, tenant_id, url, events, secret) VALUES ($1, 'default', $2, '["case.opened"]', $3)`,
      [id, `${receiver.url}/was-plaintext`, plaintext],
    );
    await stack.restart('identify');
    const stored = await storedSecret(id);
    expect(stored.secret).toBeNull();
    expect(stored.secret_sealed).toMatch(SEALED);
    expect(stored.secret_sealed).not.toContain(plaintext);
    const got = await deliveryTo('/was-plaintext', 'wh-was-plaintext');
    expect(verify(plaintext, String(got.headers['balanse-signature']), got.body)).toBe(true);
  }, 90_000);

  // Last: identify then runs with a key the stack's does not have.
  it('keeps old subscriptions working across a key rotation, re-sealing them under the new key', async () => {
    receiver.answer = () => 200;
    const before = await subscribe(api, '/before-rotation', ['case.opened']);
    const newKey = randomBytes(32).toString('base64');
    await stack.process('identify').stop();
    rotated = new AppProcess('identify', await freePort(), {
      ...WEBHOOK_ENV,
      NATS_URL: testServers().natsUrl,
      DATABASE_URL: stack.databases.identify!,
      BALANSE_ACK_WAIT_MS: '3000',
      BALANSE_SECRETS_KEY: newKey,
      BALANSE_SECRETS_KEY_PREVIOUS: TEST_SECRETS_KEY,
    });
    await rotated.start();
    const newKeyId = secretsKeyId(Buffer.from(newKey, 'base64'));
    // Every row re-sealed at the start under the new key.
    const ids = (await db.query<{ id: string }>('SELECT id FROM webhook')).rows.map((r) => r.id);
    for (const id of ids)
      expect(SEALED.exec((await storedSecret(id)).secret_sealed!)![1]).toBe(newKeyId);
    const after = await subscribe(api, '/after-rotation', ['case.opened']);
    expect(SEALED.exec((await storedSecret(after.id)).secret_sealed!)![1]).toBe(newKeyId);
    const caseId = await openCase(api, 'wh-rotation');
    for (const [hook, path] of [
      [before, '/before-rotation'],
      [after, '/after-rotation'],
    ] as const) {
      const got = await pollUntil(
        async () => receiver.on(path).find((r) => JSON.parse(r.body).data.caseId === caseId),
        () => `a delivery to ${path}`,
      );
      expect(verify(hook.secret, String(got.headers['balanse-signature']), got.body)).toBe(true);
    }
  }, 90_000);
});

describe('webhooks in the embedded mode (PGlite, in-process bus)', () => {
  let stack: Stack;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    stack = await startStack({
      mode: 'embedded',
      env: {
        BALANSE_WEBHOOKS_ALLOW_PRIVATE: 'true',
        BALANSE_WEBHOOKS_ALLOW_HTTP: 'true',
        BALANSE_WEBHOOKS_RETRY_BASE_MS: '100',
        BALANSE_WEBHOOKS_POLL_MS: '50',
      },
    });
  }, 240_000);
  afterAll(async () => {
    await stack?.stop();
    await receiver.stop();
  });

  it('delivers signed, retrying a receiver that fails once', async () => {
    receiver.answer = (_, nth) => (nth === 1 ? 500 : 200);
    const created = await stack.api.post('/webhooks', {
      url: `${receiver.url}/embedded`,
      events: ['case.opened'],
    });
    expect(created.status).toBe(201);
    const standard = await seededStandard(stack.api);
    const opened = await stack.api.post('/cases', {
      standardId: standard.id,
      candidate: { externalId: 'wh-embedded', name: 'Ola Nordmann' },
    });
    expect(opened.status).toBe(201);
    const got = await pollUntil(
      async () => (receiver.on('/embedded').length >= 2 ? receiver.on('/embedded') : undefined),
      () => `2 attempts, got ${receiver.on('/embedded').length}`,
    );
    const last = got.at(-1)!;
    expect(verify(created.body.secret, String(last.headers['balanse-signature']), last.body)).toBe(
      true,
    );
    expect(JSON.parse(last.body).data).toEqual({
      caseId: opened.body.id,
      externalId: 'wh-embedded',
    });
    const log = await pollUntil(
      async () => {
        const page = await stack.api.get(`/webhooks/${created.body.id}/deliveries`);
        return page.body.items[0]?.status === 'delivered' ? page.body.items : undefined;
      },
      () => 'the delivery logged as delivered',
    );
    expect(log[0]).toMatchObject({ attempts: 2, lastStatusCode: 200 });
  });
});
