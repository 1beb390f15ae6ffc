/**
 * Bulk intake benchmark (`npm run bench -- bulk`): uploads one generated CSV file of N rows to
 * `POST /api/v1/cases/bulk` of an embedded instance it starts (or of `--url`), streamed from a
 * generator so the client holds none of it, and prints rows per second and the server's memory
 * (RSS sampled every 100 ms while the file is read, before and after). A warm-up file runs first.
 * See docs/benchmarks.md.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { attachStack, seededStandard, startStack, type Stack } from '@balanse/testing';
import { request } from 'undici';

const USAGE = `Usage: npm run bench -- bulk [--rows N] [--warmup W] [--url URL --token TOKEN]

Uploads a CSV of N generated rows (default 10000; after a warm-up file of W rows, default 1000)
to POST /api/v1/cases/bulk and prints rows/s and the server's RSS. The last line is one JSON
object (rowsPerSecond, rows, seconds, serverRssMb, serverPeakRssMb, ...).`;

interface Options {
  rows: number;
  warmup: number;
  url?: string;
  token?: string;
}

function parseArgs(argv: string[]): Options | 'help' {
  const o: Options = { rows: 10_000, warmup: 1_000 };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i]!.split('=', 2);
    const value = () => inline ?? argv[++i] ?? '';
    if (name === '--help' || name === '-h') return 'help';
    else if (name === '--rows') o.rows = Number(value());
    else if (name === '--warmup') o.warmup = Number(value());
    else if (name === '--url') o.url = value().replace(/\/+$/, '');
    else if (name === '--token') o.token = value();
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!Number.isInteger(o.rows) || o.rows < 1) throw new Error('--rows must be an integer >= 1');
  if (!Number.isInteger(o.warmup) || o.warmup < 0)
    throw new Error('--warmup must be an integer >= 0');
  o.token ??= o.url ? process.env['BALANSE_ADMIN_TOKEN'] : undefined;
  if (o.url && !o.token) throw new Error('--url needs --token or BALANSE_ADMIN_TOKEN');
  return o;
}

/** The CSV, generated as it is read: a header, then `rows` rows of distinct candidates. */
function csvFile(standardId: string, prefix: string, rows: number): Readable {
  let next = 0;
  return new Readable({
    read() {
      if (next === 0) this.push('standardId,externalId,name,email\n');
      let batch = '';
      for (const end = Math.min(next + 500, rows); next < end; next++)
        batch += `${standardId},${prefix}-${next},Person ${next},p${next}@example.org\n`;
      this.push(batch || null);
      if (next >= rows) this.push(null);
    },
  });
}

/** The embedded process's resident memory in MB (Linux /proc); PGlite runs inside it. */
function rssOf(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return Math.round(kb / 102.4) / 10;
}

async function upload(stack: Stack, tenant: string, file: Readable) {
  const res = await request(`${stack.url}/api/v1/cases/bulk`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${stack.token}`,
      'x-balanse-tenant': tenant,
      'content-type': 'text/csv',
    },
    body: file,
    headersTimeout: 600_000,
    bodyTimeout: 600_000,
  });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
}

export async function bulkBench(argv: string[]): Promise<number> {
  let o: Options | 'help';
  try {
    o = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`bench bulk: ${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (o === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const log = (line: string) => process.stderr.write(`[bench bulk] ${line}\n`);
  let stack: Stack;
  let cleanup = async () => {};
  if (o.url) stack = attachStack(o.url, o.token!);
  else {
    const dataDir = await mkdtemp(join(tmpdir(), 'balanse-bench-bulk-'));
    log(`starting embedded instance (data in ${dataDir}) ...`);
    stack = await startStack({
      mode: 'embedded',
      token: randomBytes(24).toString('base64url'),
      dataDir,
      echo: 'stderr',
    });
    cleanup = () => stack.stop().then(() => rm(dataDir, { recursive: true, force: true }));
  }
  try {
    const tenant = `bulk-${randomBytes(4).toString('hex')}`;
    const standard = (await seededStandard(stack.api)).id;
    const pid = stack.processes.embedded?.pid;
    if (o.warmup > 0) {
      const t = performance.now();
      const warm = await upload(stack, tenant, csvFile(standard, 'warm', o.warmup));
      log(
        `warm-up: ${o.warmup} rows, ${warm.status} in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
    }
    const before = pid ? rssOf(pid) : undefined;
    let peak = before ?? 0;
    const sampler = setInterval(() => {
      if (pid) peak = Math.max(peak, rssOf(pid));
    }, 100);
    const t0 = performance.now();
    const res = await upload(stack, tenant, csvFile(standard, 'row', o.rows));
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const after = pid ? rssOf(pid) : undefined;
    const result = {
      mode: o.url ? 'distributed' : 'embedded',
      rows: o.rows,
      status: res.status,
      job: res.body,
      seconds: Math.round(seconds * 100) / 100,
      rowsPerSecond: Math.round(o.rows / seconds),
      ...(before && after
        ? {
            serverRssBeforeMb: before,
            serverPeakRssMb: Math.max(peak, after),
            serverRssAfterMb: after,
          }
        : {}),
    };
    process.stdout.write(
      `bulk intake: ${o.rows} rows in ${result.seconds} s = ${result.rowsPerSecond} rows/s (answer ${res.status}: ${res.body['created']} created, ${res.body['existing']} existing, ${res.body['rejected']} rejected)\n` +
        (before
          ? `server rss: ${result.serverRssBeforeMb} MB before, peak ${result.serverPeakRssMb} MB while reading, ${result.serverRssAfterMb} MB after\n`
          : '') +
        JSON.stringify(result) +
        '\n',
    );
    return res.status === 202 && res.body['created'] === o.rows ? 0 : 1;
  } finally {
    await cleanup();
  }
}
