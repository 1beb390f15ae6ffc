import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { ErrorCode, type ServiceName } from '@balanse/contracts';
import { EVENT_STREAM, NatsCommandTransport } from '@balanse/messaging';
import {
  ApiClient,
  AppProcess,
  databaseUrlFor,
  dropDatabases,
  freePort,
  seededStandard,
  startStack,
  testServers,
  TEST_TOKEN,
  uniqueName,
  type Stack,
} from '@balanse/testing';

/** Valid JSON just under 1 MiB: too large for one bus message once wrapped in a command. */
const NEARLY_1MB_BODY = JSON.stringify({ title: 'x'.repeat(1_048_000) });

async function send(url: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${url}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${TEST_TOKEN}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* metrics are text */
  }
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body, res };
}

describe('the transport over NATS keeps to the max payload', () => {
  it('answers an answer too large REPLY_TOO_LARGE, a command too large 413 unsent, and keeps serving', async () => {
    const nc = await connect({ servers: testServers().natsUrl.replace(/^nats:\/\//, '') });
    const transport = new NatsCommandTransport(nc);
    expect(transport.maxPayloadBytes).toBe(nc.info!.max_payload);
    const service = uniqueName('probe').replace(/_/g, '-') as ServiceName;
    let handled = 0;
    await transport.serve(service, async (_subject, message) => {
      handled++;
      return { ok: true, data: 'x'.repeat(Number(message.data['size'])) };
    });
    const ask = (data: Record<string, unknown>) =>
      transport.request(
        `balanse.cmd.${service}.answer`,
        { context: { tenantId: 't', actor: 'a', correlationId: 'c' }, data },
        5000,
      );
    try {
      expect(await ask({ size: 2_000_000 })).toMatchObject({
        ok: false,
        error: { status: 413, code: ErrorCode.REPLY_TOO_LARGE },
      });
      expect(await ask({ size: 10 })).toEqual({ ok: true, data: 'x'.repeat(10) });
      expect(await ask({ size: 1, pad: 'p'.repeat(1_100_000) })).toMatchObject({
        ok: false,
        error: { status: 413, code: ErrorCode.PAYLOAD_TOO_LARGE },
      });
      expect(handled).toBe(2);
    } finally {
      await transport.close();
      await nc.close();
    }
  });
});

describe('embedded mode: limits and metrics', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ mode: 'embedded' });
  }, 200_000);
  afterAll(() => stack?.stop());

  it('answers a valid JSON body just under 1 MB 413 PAYLOAD_TOO_LARGE', async () => {
    const answer = await send(stack.url, '/api/v1/standards', {
      method: 'POST',
      body: NEARLY_1MB_BODY,
    });
    expect(answer.status).toBe(413);
    expect(answer.body.code).toBe(ErrorCode.PAYLOAD_TOO_LARGE);
  });

  it("serves the services' metrics at /metrics without a token", async () => {
    await stack.api.get('/standards');
    const res = await fetch(`${stack.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('balanse_replies_too_large_total');
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});

/**
 * identify and the gateway on a NATS server of the test's own (so it can be killed) and a
 * database of their own (so its connections can be killed without touching anyone else's).
 */
describe('distributed mode: limits, stream and inbox bounds, dependencies down (503 + Retry-After, never 500)', () => {
  let nats: ChildProcess | undefined;
  let natsPort: number;
  let store: string;
  let database: string;
  let identify: AppProcess;
  let identifyEnv: Record<string, string>;
  let gateway: AppProcess;
  let api: ApiClient;

  const startNats = async () => {
    nats = spawn(
      '/usr/sbin/nats-server',
      ['-a', '127.0.0.1', '-p', `${natsPort}`, '-js', '-sd', store],
      {
        stdio: 'ignore',
      },
    );
    await waitForPort(natsPort);
  };
  const killNats = async () => {
    const exited = new Promise((resolve) => nats!.once('exit', resolve));
    nats!.kill('SIGKILL');
    await exited;
  };

  beforeAll(async () => {
    natsPort = await freePort();
    store = await mkdtemp(join(tmpdir(), 'balanse-transport-nats-'));
    await startNats();
    database = uniqueName('transport_identify');
    const natsUrl = `nats://127.0.0.1:${natsPort}`;
    identifyEnv = { NATS_URL: natsUrl, DATABASE_URL: databaseUrlFor(database) };
    identify = new AppProcess('identify', await freePort(), identifyEnv);
    gateway = new AppProcess('gateway', await freePort(), {
      NATS_URL: natsUrl,
      BALANSE_ADMIN_TOKEN: TEST_TOKEN,
    });
    await identify.start();
    await gateway.start();
    api = new ApiClient(gateway.url, TEST_TOKEN);
  }, 120_000);
  afterAll(async () => {
    await gateway?.stop();
    await identify?.stop();
    if (nats && nats.exitCode === null) await killNats();
    await dropDatabases([database]);
    await rm(store, { recursive: true, force: true });
  });

  it('answers a valid JSON body just under 1 MB 413 PAYLOAD_TOO_LARGE', async () => {
    const answer = await send(gateway.url, '/api/v1/standards', {
      method: 'POST',
      body: NEARLY_1MB_BODY,
    });
    expect(answer.status).toBe(413);
    expect(answer.body.code).toBe(ErrorCode.PAYLOAD_TOO_LARGE);
  });

  it('serves /metrics on the gateway and on a service, without a token', async () => {
    for (const url of [gateway.url, identify.url]) {
      const res = await fetch(`${url}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain('balanse_handler_failures_total');
      expect(text).toContain('nodejs_eventloop_lag_seconds');
    }
  });

  it('creates the stream with its limits, never rewrites it, and prunes inbox rows past the retention', async () => {
    const nc = await connect({ servers: `127.0.0.1:${natsPort}` });
    const jsm = await jetstreamManager(nc);
    const limits = async () => {
      const { config } = await jsm.streams.info(EVENT_STREAM);
      return { age: config.max_age, bytes: config.max_bytes, discard: config.discard };
    };
    const created = { age: nanos(30 * 24 * 3600_000), bytes: 4 * 1024 ** 3, discard: 'new' };
    expect(await limits()).toEqual(created);

    const db = new Client({ connectionString: databaseUrlFor(database) });
    await db.connect();
    const row = (id: string, daysAgo: number) =>
      db.query(
        `INSERT INTO inbox (consumer, event_id, tenant_id, handled_at) VALUES ('probe', $1, 't', now() - $2 * interval '1 day')`,
        [id, daysAgo],
      );
    const [old, recent] = [randomUUID(), randomUUID()];
    await row(old, 3);
    await row(recent, 1);
    // Another configuration at the next start: the stream is left as it is, with a warning.
    await identify.stop();
    const reconfigured = new AppProcess('identify', identify.port, {
      ...identifyEnv,
      NATS_STREAM_MAX_AGE_HOURS: '24',
      BALANSE_INBOX_RETENTION_HOURS: '48',
    });
    try {
      await reconfigured.start();
      expect(await limits()).toEqual(created);
      expect(reconfigured.log()).toMatch(/stream BALANSE_EVENTS has max_age .* left as it is/);
      const kept = await db.query('SELECT event_id FROM inbox WHERE consumer = $1', ['probe']);
      expect(kept.rows.map((r: { event_id: string }) => r.event_id)).toEqual([recent]);
    } finally {
      await reconfigured.stop();
      await identify.start();
      await db.end();
      await nc.close();
    }
  });

  it("answers 503 with Retry-After or success while the service's database connections are killed", async () => {
    const standard = await seededStandard(api);
    const admin = new Client({ connectionString: databaseUrlFor('postgres') });
    await admin.connect();
    let killing = true;
    let killed = 0;
    const killer = (async () => {
      while (killing) {
        const { rowCount } = await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [database],
        );
        killed += rowCount ?? 0;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const answers: Array<{ status: number; retryAfter: string | null }> = [];
    const until = Date.now() + 6000;
    await Promise.all(
      [0, 1, 2, 3].map(async (worker) => {
        for (let i = 0; Date.now() < until; i++) {
          const answer =
            i % 2 === 0
              ? await send(gateway.url, '/api/v1/standards')
              : await send(gateway.url, '/api/v1/cases', {
                  method: 'POST',
                  body: JSON.stringify({
                    standardId: standard.id,
                    candidate: { externalId: `kill-${worker}-${i}`, name: 'Test Person' },
                  }),
                });
          answers.push({ status: answer.status, retryAfter: answer.retryAfter });
        }
      }),
    );
    killing = false;
    await killer;
    await admin.end();
    const statuses = answers.map((a) => a.status);
    expect(killed).toBeGreaterThan(0);
    expect(statuses).toContain(503);
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    for (const a of answers.filter((a) => a.status === 503)) expect(a.retryAfter).toMatch(/^\d+$/);
    expect(statuses.some((s) => s === 200 || s === 201)).toBe(true);
    // Once the database is left alone, everything succeeds again.
    expect((await api.get('/standards')).status).toBe(200);
    expect(identify.running).toBe(true);
  }, 60_000);

  it('answers 503 with Retry-After while NATS is down, and recovers when it is back', async () => {
    expect((await api.get('/standards')).status).toBe(200);
    await killNats();
    const down = await send(gateway.url, '/api/v1/standards');
    expect(down.status).toBe(503);
    expect(down.body.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    expect(down.retryAfter).toMatch(/^\d+$/);
    await startNats();
    const deadline = Date.now() + 20_000;
    let status = 0;
    while (Date.now() < deadline) {
      const answer = await send(gateway.url, '/api/v1/standards');
      status = answer.status;
      if (status === 200) break;
      expect(status).toBe(503); // never a 500 while it reconnects
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    expect(gateway.running && identify.running).toBe(true);
  }, 60_000);
});

async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = netConnect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
