/**
 * Statistics benchmark (`npm run bench -- statistics`): publishes N synthetic cases' events
 * (statistics-events.ts) into the event stream of a NATS JetStream server of its own, then starts
 * the statistics service and the gateway on a fresh PostgreSQL database: the service fills itself
 * by replaying the stream from its start, through the real consumer path (envelope check,
 * contract validation, one upsert per event), and rolls the facts up. Prints ingest events per
 * second, the time until the rollups are complete, then query latency p50/p99 per table over
 * typical `by` and filters through the HTTP API, and the service's memory. See docs/benchmarks.md.
 */
import { readFileSync } from 'node:fs';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { Agent, request } from 'undici';
import { EVENT_STREAM, eventSubject, NatsEventTransport, toCloudEvent } from '@balanse/messaging';
import { PrivateNats, startStack, syntheticStatisticsStream, type Stack } from '@balanse/testing';

const USAGE = `Usage: npm run bench -- statistics [--cases N] [--tenants T] [--runs R] [--keep]
       npm run bench -- statistics --reuse DATABASE [--rebuild] [--runs R]

Publishes the events of N synthetic cases (default 1000000) of T employers (default 100) into a
NATS server of its own, lets a fresh statistics service replay them, and prints ingest events/s,
rollup time, query p50/p99 per table (R runs of each query, default 25, none answered from
the service's cache) and memory. The last
line is one JSON object. Needs nats-server on the PATH and PostgreSQL (DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/postgres). --keep leaves the statistics database (its name
is printed); --reuse asks the tables of such a database again without publishing, after
rebuilding its rollups from its facts with --rebuild (a changed rollup layout, say).`;

interface Options {
  cases: number;
  tenants: number;
  runs: number;
  /** Keep the statistics database afterwards (its name is printed). */
  keep: boolean;
  /** Skip publishing and ingest: ask the tables of this kept database (after `--rebuild`, rebuilt). */
  reuse?: string;
  rebuild: boolean;
}

/** Typical questions of a national body, per table. */
const QUERIES: Record<string, string[]> = {
  cases: [
    'by=phase',
    'by=region,result',
    'by=month,result&from=2025-06',
    'by=sector,phase&region=03',
  ],
  'lead-times': ['', 'by=region', 'by=month&from=2026-01', 'by=sector&standard={standard}'],
  outcomes: ['', 'by=region', 'by=sector&standard={standard}', 'by=month&from=2026-01'],
  needs: ['', 'by=region&standard={standard}', 'by=month&standard={standard}'],
  credentials: ['', 'by=standard,month', 'by=result,region&from=2026-01'],
};

function parseArgs(argv: string[]): Options | 'help' {
  const o: Options = { cases: 1_000_000, tenants: 100, runs: 25, keep: false, rebuild: false };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i]!.split('=', 2);
    const value = () => Number(inline ?? argv[++i]);
    if (name === '--help' || name === '-h') return 'help';
    else if (name === '--keep') o.keep = true;
    else if (name === '--rebuild') o.rebuild = true;
    else if (name === '--reuse') o.reuse = inline ?? argv[++i];
    else if (name === '--cases') o.cases = value();
    else if (name === '--tenants') o.tenants = value();
    else if (name === '--runs') o.runs = value();
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  for (const k of ['cases', 'tenants', 'runs'] as const)
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new Error(`--${k} must be an integer >= 1`);
  return o;
}

/** Every answer computed: the service keeps none (it would answer a repeated query from memory). */
const NOTHING_KEPT = { STATISTICS_ANSWERS_KEPT: '0' };

const log = (s: string) => process.stderr.write(`${s}\n`);

function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return Math.round(kb / 102.4) / 10;
}

/** Publishes every event, a window of acks in flight; answers the count. */
async function publish(natsUrl: string, o: Options): Promise<number> {
  const nc = await connect({ servers: natsUrl });
  // The stream as the services create it, but big enough for the run (~1 KB per event).
  await new NatsEventTransport(nc, {
    replicas: 1,
    ackWaitMs: 30_000,
    duplicateWindowMs: 120_000,
    limits: { maxBytes: 16 * 1024 ** 3 },
  }).start();
  const js = jetstream(nc);
  const stream = syntheticStatisticsStream(o.tenants);
  // A window of unacknowledged publishes: wait for room when it is full (a counter and one
  // waiter, not a race over every publish in flight).
  const WINDOW = 2000;
  let inFlight = 0;
  let room: (() => void) | undefined;
  let failed: unknown;
  let published = 0;
  const started = Date.now();
  const send = async (e: ReturnType<typeof stream.caseEvents>[number]) => {
    if (failed) throw failed;
    inFlight++;
    published++;
    js.publish(eventSubject(e.type), JSON.stringify(toCloudEvent(e)), { msgID: e.id }).then(
      () => {
        inFlight--;
        if (inFlight <= WINDOW / 2) room?.();
      },
      (err: unknown) => {
        failed = err;
        room?.();
      },
    );
    if (inFlight >= WINDOW) await new Promise<void>((resolve) => (room = resolve));
    room = undefined;
  };
  for (const e of stream.reference) await send(e);
  for (let i = 0; i < o.cases; i++) {
    for (const e of stream.caseEvents(i)) await send(e);
    if (i % 100_000 === 99_999) log(`  published ${i + 1} cases (${published} events)`);
  }
  while (inFlight > 0 && !failed) await new Promise<void>((resolve) => (room = resolve));
  if (failed) throw failed;
  const s = (Date.now() - started) / 1000;
  log(`published ${published} events in ${s.toFixed(1)} s (${Math.round(published / s)}/s)`);
  await nc.drain();
  return published;
}

/** Events the statistics consumers have yet to ack. */
async function pending(natsUrl: string): Promise<number> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    let n = 0;
    for await (const c of jsm.consumers.list(EVENT_STREAM))
      if (c.name.startsWith('statistics--')) n += c.num_pending + c.num_ack_pending;
    return n;
  } finally {
    await nc.close();
  }
}

/** Waits until the roller has taken in every changed fact. */
async function untilRolled(stack: Stack): Promise<void> {
  const db = new Client({ connectionString: stack.databases.statistics });
  await db.connect();
  try {
    let dirty: number;
    while (
      (dirty = (await db.query(`SELECT count(*)::int AS n FROM case_fact WHERE dirty`)).rows[0].n) >
      0
    ) {
      log(`  rolling up: ${dirty} cases left`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  } finally {
    await db.end();
  }
}

/** Rebuilds the rollups through the API, printing its progress; how long it took. */
async function rebuild(stack: Stack): Promise<number> {
  const started = Date.now();
  const headers = { authorization: `Bearer ${stack.token}` };
  const res = await request(`${stack.url}/api/v1/statistics/rebuild`, { method: 'POST', headers });
  if (res.statusCode !== 202)
    throw new Error(`rebuild: ${res.statusCode} ${await res.body.text()}`);
  await res.body.text();
  for (;;) {
    await new Promise((r) => setTimeout(r, 2000));
    const p = await request(`${stack.url}/api/v1/statistics/rebuild`, { headers });
    const progress = (await p.body.json()) as { state: string; done: number; total: number };
    log(`  rebuild ${progress.state}: ${progress.done} of ${progress.total} cases`);
    if (progress.state === 'done') return round((Date.now() - started) / 1000);
    if (progress.state === 'failed') throw new Error('the rebuild failed');
  }
}

const dispatcher = new Agent({ connections: 4 });

async function query(stack: Stack, table: string, q: string): Promise<number> {
  const started = process.hrtime.bigint();
  const res = await request(`${stack.url}/api/v1/statistics/${table}?${q}`, {
    headers: { authorization: `Bearer ${stack.token}` },
    dispatcher,
  });
  const body = await res.body.text();
  if (res.statusCode !== 200)
    throw new Error(`${table}?${q}: ${res.statusCode} ${body.slice(0, 300)}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

export async function statisticsBench(argv: string[]): Promise<number> {
  let o: Options | 'help';
  try {
    o = parseArgs(argv);
  } catch (err) {
    log(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (o === 'help') {
    console.log(USAGE);
    return 0;
  }
  const nats = await PrivateNats.create();
  let stack: Stack | undefined;
  try {
    await nats.start();
    let ingest: Record<string, number> = {};
    if (o.reuse) {
      stack = await startStack({
        mode: 'distributed',
        services: ['statistics'],
        servers: { natsUrl: nats.url },
        databaseNames: { statistics: o.reuse },
        keepDatabases: true,
        env: NOTHING_KEPT,
        echo: 'stderr',
      });
      if (o.rebuild) ingest = { rebuildSeconds: await rebuild(stack) };
    } else {
      log(`publishing ${o.cases} cases of ${o.tenants} employers into ${nats.url}`);
      const events = await publish(nats.url, o);
      log('starting statistics and the gateway on a fresh database; it replays the stream');
      const started = Date.now();
      stack = await startStack({
        mode: 'distributed',
        services: ['statistics'],
        servers: { natsUrl: nats.url },
        keepDatabases: o.keep,
        env: NOTHING_KEPT,
        echo: 'stderr',
      });
      let left = events;
      while ((left = await pending(nats.url)) > 0 || Date.now() - started < 5000) {
        const rate = Math.round((events - left) / ((Date.now() - started) / 1000));
        log(`  ${events - left} of ${events} events taken in (${rate}/s)`);
        await new Promise((r) => setTimeout(r, 5000));
      }
      const ingestS = (Date.now() - started) / 1000;
      await untilRolled(stack);
      const rolledS = (Date.now() - started) / 1000;
      log(
        `ingested ${events} events in ${ingestS.toFixed(1)} s; rolled up after ${rolledS.toFixed(1)} s`,
      );
      if (o.keep)
        log(`kept the database ${new URL(stack.databases.statistics!).pathname.slice(1)}`);
      ingest = {
        events,
        ingestEventsPerSecond: Math.round(events / ingestS),
        ingestSeconds: round(ingestS),
        rolledUpSeconds: round(rolledS),
      };
    }
    const db = new Client({ connectionString: stack.databases.statistics });
    await db.connect();
    const sizes = (
      await db.query(
        `SELECT (SELECT count(*) FROM case_fact)::int AS "caseFacts",
           (SELECT count(*) FROM stat_cases) + (SELECT count(*) FROM stat_lead_times) +
           (SELECT count(*) FROM stat_outcomes) + (SELECT count(*) FROM stat_credentials) +
           (SELECT count(*) FROM stat_supply) AS "rollupRows",
           (SELECT count(*) FROM dead_letter)::int AS "deadLetters",
           (SELECT standard_id::text FROM standard_label WHERE code = 'BENCH-1' LIMIT 1) AS standard`,
      )
    ).rows[0];
    await db.end();
    // Every synthetic event is valid: a dead letter means the generator or a consumer is wrong.
    if (sizes.deadLetters > 0) throw new Error(`${sizes.deadLetters} events were dead-lettered`);
    const standards = [sizes.standard as string];

    const latency: Record<string, { p50: number; p99: number; max: number; queries: number }> = {};
    const perQuery: Record<string, { p50: number; p99: number }> = {};
    for (const [table, qs] of Object.entries(QUERIES)) {
      const times: number[] = [];
      for (const raw of qs) {
        const q = raw.replace('{standard}', standards[0]!);
        await query(stack, table, q); // warm
        const own: number[] = [];
        for (let i = 0; i < o.runs; i++) own.push(await query(stack, table, q));
        own.sort((a, b) => a - b);
        const name = `${table}?${raw}`;
        perQuery[name] = { p50: round(percentile(own, 0.5)), p99: round(percentile(own, 0.99)) };
        log(`  ${name.padEnd(46)} p50 ${perQuery[name]!.p50} ms  p99 ${perQuery[name]!.p99} ms`);
        times.push(...own);
      }
      times.sort((a, b) => a - b);
      latency[table] = {
        p50: round(percentile(times, 0.5)),
        p99: round(percentile(times, 0.99)),
        max: round(times[times.length - 1]!),
        queries: times.length,
      };
      log(
        `${table.padEnd(12)} p50 ${latency[table]!.p50} ms  p99 ${latency[table]!.p99} ms  (${times.length} queries)`,
      );
    }
    const summary = {
      cases: o.reuse ? undefined : o.cases,
      tenants: o.reuse ? undefined : o.tenants,
      caseFacts: sizes.caseFacts,
      rollupRows: Number(sizes.rollupRows),
      ...ingest,
      latencyMs: latency,
      queryLatencyMs: perQuery,
      statisticsRssMb: rssMb(stack.processes.statistics?.pid),
      gatewayRssMb: rssMb(stack.processes.gateway?.pid),
    };
    console.log(JSON.stringify(summary));
    return 0;
  } finally {
    await stack?.stop();
    await nats.destroy();
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
