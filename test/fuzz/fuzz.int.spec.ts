/**
 * The fuzz suite: at least 10,000 generated bad requests over every operation of the OpenAPI
 * document (read at run time, so a new endpoint is fuzzed without a change here), 32 in flight,
 * against the distributed stack. Proves: no 5xx, every answer a JSON body with a documented
 * `code`, each defect its status (401, 400, 404 for another tenant's ids, 413, 415), every
 * process still ready, and nothing stored (everything the API shows, and the row count of every
 * table, the same before and after).
 *
 * `BALANSE_FUZZ_SEED` and `BALANSE_FUZZ_REQUESTS` change the seed (printed) and the count.
 */
import { SERVICES } from '@balanse/contracts';
import { writeSync } from 'node:fs';
import { Agent, request } from 'node:http';
import {
  isReady,
  rowCounts,
  seededStandard,
  smallStandard,
  startStack,
  waitForPhase,
  type ApiClient,
  type ApiResponse,
  type Stack,
} from '@balanse/testing';
import { ErrorCode } from '@balanse/contracts';
import {
  generate,
  MB,
  operations,
  Rng,
  TOKEN,
  TENANT_B,
  type Fixtures,
  type FuzzRequest,
} from './generator';

const SEED = Number(process.env['BALANSE_FUZZ_SEED'] ?? 20261129);
const REQUESTS = Number(process.env['BALANSE_FUZZ_REQUESTS'] ?? 10_000);
const IN_FLIGHT = 32;
const CODES = new Set<string>(Object.values(ErrorCode));

/** Straight to stderr: the test environment keeps other output back unless a test fails. */
const report = (text: string) => writeSync(2, `${text}\n`);

function must(step: string, res: ApiResponse, status: number): any {
  if (res.status !== status)
    throw new Error(`${step} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

/** node:http, not fetch: the path goes on the wire as written (`..` included), headers too. */
function send(origin: string, r: FuzzRequest): Promise<Answer> {
  const url = new URL(origin);
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: r.method,
        path: r.path,
        headers: { ...r.headers, ...(r.body ? { 'content-length': r.body.length } : {}) },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (err) => resolve({ status: 0, contentType: '', text: String(err) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', (err) => resolve({ status: 0, contentType: '', text: String(err) }));
    req.end(r.body);
  });
}

/**
 * The codes the OpenAPI document lists for `r`'s operation at `status`; undefined when the path
 * sent does not match the operation's template (e.g. `..` in it: another route, or none).
 */
function documentedCodes(doc: any, r: FuzzRequest, status: number): string[] | undefined {
  const template = new RegExp(`^${r.operation.replace(/\{\w+\}/g, '[^/]+')}$`);
  if (!template.test(r.path.split('?')[0]!)) return undefined;
  const json =
    doc.paths[r.operation][r.method.toLowerCase()].responses[String(status)]?.content?.[
      'application/json'
    ];
  return Object.values<{ value: { code: string } }>(json?.examples ?? {}).map((e) => e.value.code);
}

/** What is wrong with an answer to `r`, or undefined. */
function problem(doc: any, r: FuzzRequest, a: Answer): string | undefined {
  if (a.status === 0) return `no answer: ${a.text}`;
  if (a.status >= 500) return `${a.status}`;
  const expected = r.expect && (r.body?.length ?? 0) > MB ? [...r.expect, 413] : r.expect;
  if (expected && !expected.includes(a.status)) return `${a.status}, expected ${expected}`;
  const okStatus = r.method === 'GET' ? a.status < 500 : a.status >= 400;
  if (!okStatus) return `${a.status} for a request that must be refused`;
  if (a.status < 400) return undefined;
  let body: any;
  try {
    body = JSON.parse(a.text);
  } catch {
    return `${a.status} without a JSON body`;
  }
  if (!/^application\/json/.test(a.contentType)) return `content-type ${a.contentType}`;
  if (body?.status !== a.status || !CODES.has(body?.code))
    return `${a.status} without a stable code`;
  const documented = documentedCodes(doc, r, a.status);
  if (documented && !documented.includes(body.code))
    return `${a.status} ${body.code}, not in the OpenAPI document for this operation (${documented})`;
  return undefined;
}

const describeRequest = (index: number, r: FuzzRequest) => {
  const body = r.body
    ? `${r.body.subarray(0, 300).toString('utf8')}${r.body.length > 300 ? `… (${r.body.length} bytes)` : ''}`
    : '';
  return `#${index} [${r.kind}] ${r.method} ${r.path.slice(0, 200)} ${JSON.stringify(r.headers).slice(0, 300)} ${body}`;
};

describe('fuzz: generated bad requests on every endpoint (distributed)', () => {
  let stack: Stack;
  let api: ApiClient;
  let apiB: ApiClient;
  let doc: any;
  const fx: Fixtures = { ids: {}, outcomeId: '' };
  let before: unknown;

  async function toPhase(standard: { id: string; outcomeIds: string[] }, phase: string) {
    const [o0, o1] = standard.outcomeIds;
    const id = must(
      'open case',
      await api.post('/cases', {
        standardId: standard.id,
        candidate: { externalId: `fuzz-${phase}`, name: 'Fuzz Candidate' },
      }),
      201,
    ).id;
    const steps: Array<[string, () => Promise<ApiResponse>, number]> = [
      ['scope', () => api.put(`/cases/${id}/scope`, { outcomeIds: [o0, o1] }), 200],
      ['identify', () => api.post(`/cases/${id}/identify/complete`), 200],
      [
        'evidence',
        () =>
          api.post(`/cases/${id}/evidence`, {
            kind: 'attestation',
            title: 'Attestation',
            outcomeIds: [o0, o1],
          }),
        201,
      ],
      ['document', () => api.post(`/cases/${id}/document/complete`), 200],
      [
        'judgement',
        () => api.put(`/cases/${id}/assess/outcomes/${o0}`, { judgement: 'met', rationale: 'ok' }),
        200,
      ],
      [
        'judgement',
        () =>
          api.put(`/cases/${id}/assess/outcomes/${o1}`, { judgement: 'not_met', rationale: 'no' }),
        200,
      ],
      ['assess', () => api.post(`/cases/${id}/assess/complete`), 200],
    ];
    const stopAt = { identify: 1, document: 3, assess: 5, completed: 7 }[phase]!;
    for (const [step, call, status] of steps.slice(0, stopAt)) {
      if (step === 'evidence') await waitForPhase(api, id, 'document');
      if (step === 'judgement') await waitForPhase(api, id, 'assess');
      must(step, await call(), status);
    }
    if (phase === 'completed') await waitForPhase(api, id, 'completed');
    return id;
  }

  /** Everything the requests could have touched: what the API shows A and B, and row counts. */
  async function snapshot() {
    const get = async (client: ApiClient, path: string) => {
      const res = await client.get(path);
      return { status: res.status, body: res.body };
    };
    const shown: Record<string, unknown> = {};
    for (const [who, client] of [
      ['A', api],
      ['B', apiB],
    ] as const) {
      shown[`${who} /standards`] = await get(client, '/standards');
      for (const id of fx.ids['standards']!)
        shown[`${who} /standards/${id}`] = await get(client, `/standards/${id}`);
      for (const id of fx.ids['cases']!)
        for (const suffix of ['', '/evidence', '/assess/outcomes', '/credentials'])
          shown[`${who} /cases/${id}${suffix}`] = await get(client, `/cases/${id}${suffix}`);
      for (const id of fx.ids['credentials']!)
        shown[`${who} /credentials/${id}`] = await get(client, `/credentials/${id}`);
      for (const s of SERVICES)
        shown[`${who} dead letters ${s}`] = await get(client, `/admin/dead-letters/${s}`);
    }
    const rows: Record<string, unknown> = {};
    for (const [service, url] of Object.entries(stack.databases))
      rows[service] = await rowCounts(url!);
    return { shown, rows };
  }

  beforeAll(async () => {
    stack = await startStack({ mode: 'distributed', token: TOKEN });
    api = stack.api;
    apiB = api.withTenant(TENANT_B);
    doc = await (await fetch(`${stack.url}/api/docs-json`)).json();

    const standard = await seededStandard(api);
    fx.outcomeId = standard.outcomeIds[0]!;
    const own = must(
      'create standard',
      await api.post('/standards', smallStandard('fuzz-own')),
      201,
    );
    const cases = [];
    for (const phase of ['identify', 'document', 'assess', 'completed'])
      cases.push(await toPhase(standard, phase));
    const completed = cases[3]!;
    const credentials = must('credentials', await api.get(`/cases/${completed}/credentials`), 200);
    const credentialIds = (Array.isArray(credentials) ? credentials : credentials.items).map(
      (c: { id: string }) => c.id,
    );
    fx.ids = {
      standards: [own.id],
      versions: ['1'],
      cases,
      credentials: credentialIds,
      outcomes: standard.outcomeIds.slice(0, 2),
    };
    // Events settle within a second: take the snapshot once two in a row agree.
    let previous = JSON.stringify(await snapshot());
    for (;;) {
      await new Promise((r) => setTimeout(r, 300));
      before = await snapshot();
      if (JSON.stringify(before) === previous) break;
      previous = JSON.stringify(before);
    }
  }, 180_000);

  afterAll(async () => {
    agent.destroy();
    await stack?.stop();
  }, 60_000);

  it(`${REQUESTS} requests: no 5xx, a stable code for each 4xx, each defect its status`, async () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThanOrEqual(17);
    const rng = new Rng(SEED);
    const requests = Array.from({ length: REQUESTS }, (_, i) =>
      generate(doc, ops[i % ops.length]!, fx, rng),
    );

    const histogram = new Map<string, number>();
    const failures: string[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < requests.length) {
          const index = next++;
          const r = requests[index]!;
          const a = await send(stack.url, r);
          const key = `${String(a.status).padStart(3)} ${r.kind}`;
          histogram.set(key, (histogram.get(key) ?? 0) + 1);
          const wrong = problem(doc, r, a);
          if (wrong)
            failures.push(`${wrong}: ${describeRequest(index, r)}\n    → ${a.text.slice(0, 300)}`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    const byStatus = new Map<string, number>();
    for (const [key, n] of histogram) {
      const status = key.slice(0, 3).trim();
      byStatus.set(status, (byStatus.get(status) ?? 0) + n);
    }
    report(
      [
        `fuzz: ${REQUESTS} requests over ${ops.length} operations in ${seconds.toFixed(1)} s ` +
          `(${Math.round(REQUESTS / seconds)} requests/s, ${IN_FLIGHT} in flight), seed ${SEED}`,
        `  by status: ${[...byStatus.entries()]
          .sort()
          .map(([s, n]) => `${s === '0' ? 'no answer' : s} × ${n}`)
          .join(', ')}`,
        '  by status and defect:',
        ...[...histogram.entries()].sort().map(([k, n]) => `    ${String(n).padStart(5)}  ${k}`),
        ...(failures.length
          ? [`  ${failures.length} wrong answers (first 40):`, ...failures.slice(0, 40)]
          : []),
      ].join('\n'),
    );
    expect(failures.filter((f) => /^(5\d\d|no answer)/.test(f))).toEqual([]);
    expect(failures).toEqual([]);
  }, 300_000);

  it('every process is still up and ready', async () => {
    for (const p of Object.values(stack.processes)) {
      expect({ name: p.name, running: p.running }).toEqual({ name: p.name, running: true });
      expect({ name: p.name, ready: await isReady(p.url) }).toEqual({ name: p.name, ready: true });
    }
  });

  it('nothing was stored: what the API shows A and B, and every row count, as before', async () => {
    const after = await snapshot();
    expect(after.shown).toEqual((before as typeof after).shown);
    expect(after.rows).toEqual((before as typeof after).rows);
  });
});
