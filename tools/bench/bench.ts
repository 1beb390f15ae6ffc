/**
 * End-to-end throughput benchmark: drives N cases concurrently through the public HTTP API
 * (open, scope, identify, evidence, document, 19 judgements, assess, poll until completed) and
 * prints figures. Embedded by default (every service in this process, PGlite in a temp folder);
 * `--url` drives a running deployment instead. See docs/benchmarks.md.
 *
 *   npm run bench -- --help
 *
 * Progress goes to stderr; the summary goes to stdout and its last line is one JSON object.
 * Exit code 1 when any case failed (warm-up included), 2 on bad arguments or when the target
 * cannot be reached, 130 when interrupted before every case ran.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  ApiClient,
  attachStack,
  driveCase,
  seededStandard,
  startStack,
  type ApiResponse,
  type HttpSend,
  type Stack,
} from '@balanse/testing';
import { Agent, request } from 'undici';
import { TENANT_PATTERN } from '@balanse/contracts';
import { bulkBench } from './bulk';
import { statisticsBench } from './statistics';

// Like an HR integration: a bounded pool of kept-alive connections rather than one new socket
// per request, which leaves bursts of requests queued on connection set-up. undici's `request`
// rather than `fetch`: it costs the client a third of the CPU, which on a small machine the
// server under test would otherwise lose.
const dispatcher = new Agent({
  connections: 64,
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 60_000,
});
const undiciSend: HttpSend = async (url, init) => {
  const res = await request(url, { ...init, method: init.method as 'GET', dispatcher });
  return { status: res.statusCode, text: await res.body.text() };
};

const USAGE = `Usage: npm run bench -- [options]
       npm run bench -- bulk --help   (bulk intake: rows/s and server memory)
       npm run bench -- statistics --help   (statistics: ingest events/s, query p50/p99 at 1M cases)

Drives cases through the HTTP API (open, scope, identify, evidence, document, a judgement per
outcome, assess, then polls GET /cases/{id} until phase "completed") and prints figures.

Options:
  --cases N          measured cases (default 400)
  --concurrency C    cases in flight at once (default 20)
  --warmup W         cases run first and not measured (default 200): the first few hundred cases
                     run while V8 is still compiling the hot paths (JavaScript and PGlite's
                     WebAssembly) and the services prepare their statements; their
                     throughput is printed too
  --url URL          drive a running deployment (e.g. http://127.0.0.1:3300) instead of
                     starting an embedded instance (node dist/apps/embedded/main.js)
  --token TOKEN      admin token for --url (default: env BALANSE_ADMIN_TOKEN)
  --tenant NAME      tenant for the cases (default: a fresh bench-<random>, so runs don't mix)
  --data-dir DIR     embedded only: PGlite folder (default: a fresh temp folder, removed
                     afterwards)
  --cpu-profile FILE write a V8 CPU profile of the measured phase only (open it in Chrome
                     DevTools); it covers the bench client only
  --poll-ms MS       pause between GET /cases/{id} polls (default 20)
  --timeout-ms MS    per-case limit for reaching "completed" after assess (default 60000)
  --help             this text

Output: progress on stderr every second; a summary on stdout whose last line is one JSON object
(casesPerSecond, p50Ms, p99Ms, mode, cases, concurrency, errors, rssMb, ...).`;

interface Options {
  cases: number;
  concurrency: number;
  warmup: number;
  url?: string;
  token?: string;
  tenant: string;
  dataDir?: string;
  cpuProfile?: string;
  pollMs: number;
  timeoutMs: number;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options | 'help' {
  const values = new Map<string, string>();
  const known = [
    'cases',
    'concurrency',
    'warmup',
    'url',
    'token',
    'tenant',
    'data-dir',
    'cpu-profile',
    'poll-ms',
    'timeout-ms',
  ];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m || !known.includes(m[1]!)) throw new UsageError(`unknown argument ${arg}`);
    let value = m[2];
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined || value.startsWith('--'))
        throw new UsageError(`--${m[1]} needs a value`);
    }
    values.set(m[1]!, value);
  }
  const int = (name: string, fallback: number, min: number): number => {
    const raw = values.get(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min)
      throw new UsageError(`--${name} must be an integer >= ${min}, got ${raw}`);
    return Number(raw);
  };
  const url = values.get('url')?.replace(/\/+$/, '');
  if (url !== undefined && !/^https?:\/\/[^/]+/.test(url))
    throw new UsageError(`--url must look like http://host:port, got ${url}`);
  const tenant = values.get('tenant') ?? `bench-${randomBytes(4).toString('hex')}`;
  if (!TENANT_PATTERN.test(tenant))
    throw new UsageError('--tenant must be 1-63 lower-case letters, digits or dashes');
  const token = values.get('token') ?? (url ? process.env['BALANSE_ADMIN_TOKEN'] : undefined);
  if (url && !token) throw new UsageError('--url needs --token or BALANSE_ADMIN_TOKEN');
  if (!url && values.has('token')) throw new UsageError('--token only applies with --url');
  if (url && values.has('data-dir'))
    throw new UsageError('--data-dir only applies to the embedded mode');
  return {
    cases: int('cases', 400, 1),
    concurrency: int('concurrency', 20, 1),
    warmup: int('warmup', 200, 0),
    url,
    token,
    tenant,
    dataDir: values.get('data-dir'),
    cpuProfile: values.get('cpu-profile'),
    pollMs: int('poll-ms', 20, 0),
    timeoutMs: int('timeout-ms', 60_000, 1),
  };
}

// ---------------------------------------------------------------- measurement

/** Request type from method and path: ids become placeholders, e.g. `PUT /cases/:id/assess/outcomes/:id`. */
function requestType(method: string, path: string): string {
  const shape = path
    .split('?')[0]!
    .replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi, '/:id')
    .replace(/\/(cases|standards|credentials)\/(?!:id)[^/]+/, '/$1/:id');
  return `${method} ${shape}`;
}

class Recorder {
  recording = false;
  readonly byType = new Map<string, number[]>();
  all: number[] = [];
  httpErrors = 0;
  networkErrors = 0;

  add(type: string, ms: number, status: number | undefined): void {
    if (!this.recording) return;
    this.all.push(ms);
    let list = this.byType.get(type);
    if (!list) this.byType.set(type, (list = []));
    list.push(ms);
    if (status === undefined) this.networkErrors++;
    else if (status >= 400) this.httpErrors++;
  }

  reset(): void {
    this.byType.clear();
    this.all = [];
    this.httpErrors = 0;
    this.networkErrors = 0;
  }
}

/** The testing lib's client, timing every request. */
class RecordingClient extends ApiClient {
  constructor(
    baseUrl: string,
    token: string,
    tenant: string,
    private readonly recorder: Recorder,
  ) {
    super(baseUrl, token, tenant, undiciSend);
  }

  override async send<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const started = performance.now();
    try {
      const res = await super.send<T>(method, path, body, headers);
      this.recorder.add(requestType(method, path), res.ms, res.status);
      return res;
    } catch (err) {
      this.recorder.add(requestType(method, path), performance.now() - started, undefined);
      throw err;
    }
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const sortNum = (xs: number[]) => [...xs].sort((a, b) => a - b);
const r1 = (x: number) => Math.round(x * 10) / 10;
const mb = (bytes: number) => r1(bytes / 1024 / 1024);

/** A V8 CPU profile of this process between start() and the returned stop(). */
async function startCpuProfile(): Promise<() => Promise<object>> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) =>
      session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 1000 });
  await post('Profiler.start');
  return async () => {
    const { profile } = await post('Profiler.stop');
    session.disconnect();
    return profile;
  };
}

// ---------------------------------------------------------------- running

interface Batch {
  latencies: number[];
  failures: string[];
  wallMs: number;
}

/** An error's message with its cause (fetch says only "fetch failed"; the cause says why). */
function describe(err: unknown): string {
  const e = err as Error & { cause?: Error & { code?: string } };
  const cause = e.cause
    ? ` (${e.cause.code ?? ''}${e.cause.code ? ': ' : ''}${e.cause.message})`
    : '';
  return `${e.message}${cause}`;
}

/** Runs `count` cases with `concurrency` in flight; `onDone` after each one. */
async function runCases(
  api: ApiClient,
  standard: { id: string; outcomeIds: string[] },
  opts: {
    count: number;
    concurrency: number;
    prefix: string;
    pollMs: number;
    timeoutMs: number;
    stop: () => boolean;
    onDone: (ok: boolean) => void;
  },
): Promise<Batch> {
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < opts.count && !opts.stop()) {
      const i = next++;
      const t0 = performance.now();
      try {
        await driveCase(api, standard, {
          externalId: `${opts.prefix}-${i}`,
          pollMs: opts.pollMs,
          timeoutMs: opts.timeoutMs,
        });
        latencies.push(performance.now() - t0);
        opts.onDone(true);
      } catch (err) {
        failures.push(`case ${opts.prefix}-${i}: ${describe(err)}`);
        opts.onDone(false);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, opts.count) }, worker));
  return { latencies, failures, wallMs: performance.now() - started };
}

async function main(): Promise<number> {
  if (process.argv[2] === 'bulk') return bulkBench(process.argv.slice(3));
  if (process.argv[2] === 'statistics') return statisticsBench(process.argv.slice(3));
  let options: Options | 'help';
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`bench: ${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const o = options;
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const mode = o.url ? 'distributed' : 'embedded';

  // Target: a running deployment, or an embedded instance started here (startup not measured):
  // its own process, as users run it, so the bench client does not share the server's event loop.
  let stack: Stack;
  let startupMs: number | undefined;
  if (o.url) {
    stack = attachStack(o.url, o.token!);
    log(`driving ${stack.url} (tenant ${o.tenant})`);
  } else {
    const tempDir = o.dataDir ? undefined : await mkdtemp(join(tmpdir(), 'balanse-bench-'));
    const dataDir = o.dataDir ?? tempDir!;
    log(`starting embedded instance (data in ${dataDir}) ...`);
    const t0 = performance.now();
    const removeTempDir = async () => {
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    };
    const started = await startStack({
      mode: 'embedded',
      token: randomBytes(24).toString('base64url'),
      dataDir,
      echo: 'stderr', // its warnings show, its banner does not
    }).catch(async (err: unknown) => {
      await removeTempDir();
      throw err;
    });
    stack = { ...started, stop: () => started.stop().then(removeTempDir) };
    startupMs = performance.now() - t0;
    log(
      `embedded instance (pid ${stack.process('embedded').pid}) up at ${stack.url} in ${(startupMs / 1000).toFixed(1)} s (tenant ${o.tenant})`,
    );
  }
  const baseUrl = stack.url;
  const server = stack.processes.embedded;

  let stopRequested = false;
  process.once('SIGINT', () => {
    stopRequested = true;
    log('interrupted: finishing the cases in flight (Ctrl-C again to abort)');
    process.once('SIGINT', () => process.exit(130));
  });

  const recorder = new Recorder();
  const api = new RecordingClient(baseUrl, stack.token, o.tenant, recorder);
  try {
    let standard: { id: string; outcomeIds: string[] };
    try {
      standard = await seededStandard(api);
    } catch (err) {
      log(`cannot read the seeded standard from ${baseUrl}: ${describe(err)}`);
      return 2;
    }
    log(`standard ${standard.id} with ${standard.outcomeIds.length} outcomes`);
    const runId = randomBytes(3).toString('hex');
    const common = { pollMs: o.pollMs, timeoutMs: o.timeoutMs, stop: () => stopRequested };

    let warmupErrors = 0;
    let warmupCasesPerSecond: number | undefined;
    if (o.warmup > 0) {
      log(`warm-up: ${o.warmup} cases (not measured)`);
      const w = await runCases(api, standard, {
        ...common,
        count: o.warmup,
        concurrency: o.concurrency,
        prefix: `warmup-${runId}`,
        onDone: () => {},
      });
      warmupErrors = w.failures.length;
      warmupCasesPerSecond = r1((o.warmup - warmupErrors) / (w.wallMs / 1000));
      log(`warm-up: ${warmupCasesPerSecond} cases/s`);
      if (warmupErrors) log(`warm-up: ${warmupErrors} failed, first: ${w.failures[0]}`);
    }

    log(`measuring ${o.cases} cases, ${o.concurrency} in flight`);
    recorder.reset();
    recorder.recording = true;
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const stopProfile = o.cpuProfile ? await startCpuProfile() : undefined;
    const cpuBefore = process.cpuUsage();
    const loadBefore = loadavg()[0]!;
    let done = 0;
    let failedSoFar = 0;
    let lastDone = 0;
    const started = performance.now();
    let lastTick = started;
    const ticker = setInterval(() => {
      const now = performance.now();
      const rate = ((done - lastDone) * 1000) / (now - lastTick);
      const avg = (done * 1000) / (now - started);
      const failed = failedSoFar;
      log(
        `${done}/${o.cases} cases  ${rate.toFixed(1)} cases/s now, ${avg.toFixed(1)} avg  ${recorder.all.length} requests${failed ? `  ${failed} failed` : ''}  rss ${mb(process.memoryUsage.rss())} MB`,
      );
      lastDone = done;
      lastTick = now;
    }, 1000);
    let batch: Batch;
    try {
      batch = await runCases(api, standard, {
        ...common,
        count: o.cases,
        concurrency: o.concurrency,
        prefix: `bench-${runId}`,
        onDone: (ok) => {
          done++;
          if (!ok) failedSoFar++;
        },
      });
    } finally {
      clearInterval(ticker);
      loopDelay.disable();
      if (stopProfile) {
        await writeFile(o.cpuProfile!, JSON.stringify(await stopProfile()));
        log(`CPU profile of the measured phase written to ${o.cpuProfile}`);
      }
      recorder.recording = false;
    }
    const cpu = process.cpuUsage(cpuBefore);
    const mem = process.memoryUsage();
    const peakRss = process.resourceUsage().maxRSS * 1024;

    // ------------------------------------------------------------ report
    const wallS = batch.wallMs / 1000;
    const completed = batch.latencies.length;
    const lat = sortNum(batch.latencies);
    const req = sortNum(recorder.all);
    const errors = batch.failures.length;
    const notRun = o.cases - completed - errors; // after Ctrl-C
    const cpuPercent = ((cpu.user + cpu.system) / 1000 / batch.wallMs) * 100;
    const cores = availableParallelism();
    const result = {
      mode,
      url: o.url ?? baseUrl,
      tenant: o.tenant,
      cases: o.cases,
      completed,
      concurrency: o.concurrency,
      warmup: o.warmup,
      warmupCasesPerSecond,
      wallMs: Math.round(batch.wallMs),
      casesPerSecond: r1(completed / wallS),
      p50Ms: Math.round(percentile(lat, 50)),
      p90Ms: Math.round(percentile(lat, 90)),
      p99Ms: Math.round(percentile(lat, 99)),
      maxMs: Math.round(lat[lat.length - 1] ?? NaN),
      requests: req.length,
      requestsPerSecond: r1(req.length / wallS),
      httpP50Ms: r1(percentile(req, 50)),
      httpP99Ms: r1(percentile(req, 99)),
      errors,
      ...(notRun > 0 ? { notRun } : {}),
      warmupErrors,
      httpErrors: recorder.httpErrors + recorder.networkErrors,
      rssMb: mb(mem.rss),
      peakRssMb: mb(peakRss),
      heapUsedMb: mb(mem.heapUsed),
      heapTotalMb: mb(mem.heapTotal),
      ...(server?.pid ? serverMemory(server.pid) : {}),
      benchCpuPercent: Math.round(cpuPercent),
      eventLoopDelayP99Ms: r1(loopDelay.percentile(99) / 1e6),
      startupMs: startupMs === undefined ? undefined : Math.round(startupMs),
      cores,
      // Other work on the machine skews every figure: the 1-minute load average before and after.
      loadAvg: [r1(loadBefore), r1(loadavg()[0]!)],
      cpu: cpus()[0]?.model.trim(),
      node: process.version,
      date: new Date().toISOString(),
    };

    const types = [...recorder.byType.entries()].map(([type, xs]) => {
      const s = sortNum(xs);
      return {
        type,
        count: s.length,
        p50: percentile(s, 50),
        p99: percentile(s, 99),
        max: s[s.length - 1]!,
        total: s.reduce((a, b) => a + b, 0),
      };
    });
    types.sort((a, b) => b.total - a.total);
    const pad = (s: string | number, n: number) => String(s).padStart(n);
    const lines = [
      '',
      `Balanse bench: ${mode}${o.url ? ` (${o.url})` : ' (every service in one process, PGlite)'}, tenant ${o.tenant}`,
      `  machine          ${cores} cores (${result.cpu}), node ${process.version}, load average ${result.loadAvg[0]} -> ${result.loadAvg[1]} (1 min, before -> after)`,
      ...(startupMs !== undefined
        ? [
            `  startup          ${(startupMs / 1000).toFixed(1)} s (embedded instance, not measured)`,
          ]
        : []),
      `  cases            ${completed} completed of ${o.cases} (warm-up ${o.warmup} not counted${warmupCasesPerSecond !== undefined ? `: ${warmupCasesPerSecond} cases/s` : ''}), concurrency ${o.concurrency}`,
      `  wall time        ${wallS.toFixed(2)} s`,
      `  throughput       ${result.casesPerSecond} cases/s, ${result.requestsPerSecond} requests/s (${req.length} requests)`,
      `  case latency     p50 ${result.p50Ms} ms, p90 ${result.p90Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms (open to completed)`,
      `  HTTP latency     p50 ${result.httpP50Ms} ms, p99 ${result.httpP99Ms} ms (all requests)`,
      `  errors           ${errors} failed cases, ${result.httpErrors} failed requests${warmupErrors ? `, ${warmupErrors} failed warm-up cases` : ''}${notRun > 0 ? ` (${notRun} cases not run: interrupted)` : ''}`,
      `  memory           bench rss ${result.rssMb} MB (peak ${result.peakRssMb} MB)` +
        (result.serverRssMb !== undefined
          ? `; embedded server rss ${result.serverRssMb} MB (peak ${result.serverPeakRssMb} MB)`
          : ''),
      `  bench CPU        ${result.benchCpuPercent}% of one core (client only), event-loop delay p99 ${result.eventLoopDelayP99Ms} ms`,
      '',
      `  ${'request type'.padEnd(44)}${pad('count', 7)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('max ms', 9)}${pad('share', 7)}`,
      ...types.map(
        (t) =>
          `  ${t.type.padEnd(44)}${pad(t.count, 7)}${pad(t.p50.toFixed(1), 9)}${pad(t.p99.toFixed(1), 9)}${pad(t.max.toFixed(0), 9)}${pad(Math.round((t.total / recorder.all.reduce((a, b) => a + b, 0)) * 100) + '%', 7)}`,
      ),
      '',
    ];
    if (batch.failures.length) {
      lines.push(
        `  first failures:`,
        ...batch.failures.slice(0, 5).map((f) => `    ${f.slice(0, 300)}`),
        '',
      );
    }
    process.stdout.write(lines.join('\n') + '\n' + JSON.stringify(result) + '\n');
    return errors + warmupErrors > 0 ? 1 : notRun > 0 ? 130 : 0;
  } finally {
    await stack.stop().catch((err: Error) => log(`cleanup failed: ${err.message}`));
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`[bench] failed: ${err.stack ?? err}\n`);
    process.exit(2);
  },
);

/** The embedded server's resident and peak memory, from /proc (Linux). */
function serverMemory(pid: number): { serverRssMb?: number; serverPeakRssMb?: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) =>
      Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return {
      serverRssMb: Math.round(kb('VmRSS') / 102.4) / 10,
      serverPeakRssMb: Math.round(kb('VmHWM') / 102.4) / 10,
    };
  } catch {
    return {};
  }
}
