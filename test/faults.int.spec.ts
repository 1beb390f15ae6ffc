/**
 * The fault test: cases in flight through the distributed stack while its servers fail under
 * it. The stack runs on a PostgreSQL and a NATS of this test's own (the shared test servers are
 * left alone), so NATS can be SIGKILLed and restarted on its store, PostgreSQL restarted, and
 * services SIGKILLed and restarted. The client is what an HR integration should be: it retries
 * 503 and 504 (honouring Retry-After, bounded) and sends an Idempotency-Key with every creating
 * POST, so a retried POST after a 504 must not open a second case.
 */
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import {
  ApiClient,
  PrivateNats,
  PrivatePostgres,
  rowCounts,
  seededStandard,
  SERVICE_APPS,
  startStack,
  waitForCase,
  waitForReady,
  type ApiResponse,
  type HttpSend,
  type Stack,
} from '@balanse/testing';
import { PHASES, type Phase } from '@balanse/contracts';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

const CASES = 40;
/** Between two steps of a case, as an integration that does other work would: cases overlap. */
const THINK_MS = 400;
/** The whole test, faults included, must end within this (the jest timeout is a little more). */
const BUDGET_MS = 170_000;
const EVENTS = ['opened', 'scope_set', 'identified', 'documented', 'assessed', 'certified'];

/** Every answer the client saw, attempts included: `METHOD /path-template → status code`. */
const seen = new Map<string, number>();
const fivehundreds: string[] = [];

const template = (path: string) =>
  path
    .replace(/^https?:\/\/[^/]+/, '')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{id}');

/** Straight to stderr: the test environment keeps other output back unless a test fails. */
const report = (text: string) => writeSync(2, text);

const CREATING = /\/(cases|evidence|standards)$/;

/**
 * The retrying client: 503/504 (and a refused connection) are retried after Retry-After (at
 * most 5 s, 0.5 s when absent) until 60 s have passed; a creating POST carries one
 * Idempotency-Key across its attempts.
 */
const retrying: HttpSend = async (url, init) => {
  const headers = { ...init.headers };
  if (init.method === 'POST' && CREATING.test(url)) headers['idempotency-key'] = randomUUID();
  const deadline = Date.now() + 60_000;
  for (;;) {
    let status: number;
    let text = '';
    let retryAfter: string | null = null;
    try {
      const res = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(30_000) });
      status = res.status;
      text = await res.text();
      retryAfter = res.headers.get('retry-after');
    } catch (err) {
      status = 0;
      text = String((err as Error).cause ?? err);
    }
    let code = '';
    try {
      code = JSON.parse(text)?.code ?? '';
    } catch {
      /* not JSON */
    }
    const key = `${init.method} ${template(url)} → ${status || 'no answer'} ${code}`.trim();
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (status >= 500 && status !== 503 && status !== 504)
      fivehundreds.push(`${init.method} ${url} → ${status} ${text.slice(0, 300)}`);
    const retriable = status === 0 || status === 503 || status === 504;
    if (!retriable || Date.now() > deadline) return { status, text };
    const wait = Math.min(5, Number(retryAfter) || 0.5) * 1000;
    await new Promise((r) => setTimeout(r, wait));
  }
};

/** A list's items, whether the list answers an array or a page (`{ items, hasMore, nextCursor }`). */
const items = (body: any): unknown[] => (Array.isArray(body) ? body : body?.items);

function must(step: string, res: ApiResponse, status: number): any {
  if (res.status !== status)
    throw new Error(`${step} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Drives one case, each step until it has taken effect: a 409 for a phase completion that a
 * timed-out attempt already made (the case is past that phase) is success, a 409 for an event
 * not yet arrived (the bus was down) is waited out.
 */
async function driveRetrying(
  api: ApiClient,
  standard: { id: string; outcomeIds: string[] },
  i: number,
): Promise<string> {
  const until = async (
    step: string,
    call: () => Promise<ApiResponse>,
    ok: number,
    phase?: Phase,
  ) => {
    await new Promise((r) => setTimeout(r, THINK_MS));
    const deadline = Date.now() + 90_000;
    for (;;) {
      const res = await call();
      if (res.status === ok) return res.body;
      if (res.status === 409 && res.body?.code === 'CASE_NOT_IN_PHASE' && Date.now() < deadline) {
        if (phase && res.body.details?.arrived !== false) {
          const found = must('get case', await api.get(`/cases/${caseId}`), 200);
          if (PHASES.indexOf(found.phase as Phase) > PHASES.indexOf(phase)) return found;
        }
        await new Promise((r) => setTimeout(r, 250));
        continue;
      }
      return must(step, res, ok);
    }
  };
  const caseId: string = (
    await until(
      'open case',
      () =>
        api.post('/cases', {
          standardId: standard.id,
          candidate: { externalId: `fault-${i}`, name: `Fault ${i}` },
        }),
      201,
    )
  ).id;
  await until(
    'scope',
    () => api.put(`/cases/${caseId}/scope`, { outcomeIds: standard.outcomeIds }),
    200,
  );
  await until(
    'identify/complete',
    () => api.post(`/cases/${caseId}/identify/complete`),
    200,
    'identify',
  );
  await until(
    'evidence',
    () =>
      api.post(`/cases/${caseId}/evidence`, {
        kind: 'attestation',
        title: 'Employer attestation',
        outcomeIds: standard.outcomeIds,
      }),
    201,
  );
  await until(
    'document/complete',
    () => api.post(`/cases/${caseId}/document/complete`),
    200,
    'document',
  );
  for (const outcomeId of standard.outcomeIds)
    await until(
      'judgement',
      () =>
        api.put(`/cases/${caseId}/assess/outcomes/${outcomeId}`, {
          judgement: 'met',
          rationale: 'Seen at work.',
        }),
      200,
    );
  await until('assess/complete', () => api.post(`/cases/${caseId}/assess/complete`), 200, 'assess');
  return caseId;
}

describe('faults: cases in flight while NATS, services and PostgreSQL fail (distributed)', () => {
  let pg: PrivatePostgres;
  let nats: PrivateNats;
  let stack: Stack;
  let api: ApiClient;
  const started = Date.now();

  beforeAll(async () => {
    [pg, nats] = await Promise.all([PrivatePostgres.create(), PrivateNats.create()]);
    await Promise.all([pg.start(), nats.start()]);
    stack = await startStack({
      mode: 'distributed',
      servers: { natsUrl: nats.url, databaseUrl: pg.url() },
    });
    api = new ApiClient(stack.url, stack.token, undefined, retrying);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await Promise.all([nats?.destroy(), pg?.destroy()]);
  }, 60_000);

  /** Waits until every process of the stack answers /ready again. */
  const allReady = () =>
    Promise.all(
      Object.values(stack.processes).map((p) => waitForReady(p.url, { timeoutMs: 60_000 })),
    );

  async function streamMessages(): Promise<number> {
    const nc = await connect({ servers: nats.url.replace('nats://', '') });
    try {
      return (await (await jetstreamManager(nc)).streams.info('BALANSE_EVENTS')).state.messages;
    } finally {
      await nc.close();
    }
  }

  it(
    `${CASES} cases complete exactly once through a NATS kill, service kills and a PostgreSQL restart, and no 500`,
    async () => {
      const standard = await seededStandard(api);
      const faults: string[] = [];
      let inFlight = 0;
      const inFlightAtFault: number[] = [];
      const at = (what: string, fault = false) => {
        if (fault) inFlightAtFault.push(inFlight);
        faults.push(
          `${((Date.now() - started) / 1000).toFixed(1)} s ${what} (${inFlight} cases in flight)`,
        );
      };
      const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

      // Cases start apart, over the whole fault window, so the faults meet them in every phase.
      const driven = Promise.all(
        Array.from({ length: CASES }, async (_, i) => {
          await pause(i * 300);
          inFlight++;
          try {
            return await driveRetrying(api, standard, i);
          } finally {
            inFlight--;
          }
        }),
      );
      const failures = (async () => {
        await pause(1_500);
        const before = await streamMessages();
        at('NATS SIGKILL', true);
        await nats.kill('SIGKILL');
        await pause(3_000);
        await nats.start();
        at('NATS started on its store');
        // The stream (on disk) survived the crash with what it held.
        expect(await streamMessages()).toBeGreaterThanOrEqual(before);
        await allReady();
        at('all ready');
        for (const service of ['identify', 'document', 'certify'] as const) {
          await pause(1_500);
          at(`${service} SIGKILL`, true);
          await stack.kill(service);
          await pause(1_000);
          await stack.start(service);
          at(`${service} started`);
        }
        await pause(1_500);
        at('PostgreSQL restart (fast)', true);
        await pg.restart({ mode: 'fast', downMs: 2_000 });
        at('PostgreSQL started');
        await allReady();
        at('all ready');
      })();
      const settled = await Promise.allSettled([driven, failures]);
      const caseIds = settled[0].status === 'fulfilled' ? settled[0].value : [];

      const histogram = [...seen.entries()].sort(([a], [b]) => a.localeCompare(b));
      report(
        `faults:\n  ${faults.join('\n  ')}\nanswers (attempts included):\n${histogram
          .map(([k, n]) => `  ${String(n).padStart(5)}  ${k}`)
          .join('\n')}\n`,
      );
      expect(fivehundreds).toEqual([]);
      for (const s of settled) if (s.status === 'rejected') throw s.reason;
      // Each fault met cases in flight (else this test proves nothing).
      expect(inFlightAtFault.every((n) => n > 0)).toBe(true);

      // Every case completed, certified, each phase reported once.
      const finals = await Promise.all(
        caseIds.map((id) =>
          waitForCase(api, id, (c) => c.history.length >= EVENTS.length, 'a full history', {
            timeoutMs: 60_000,
            pollMs: 250,
          }),
        ),
      );
      for (const final of finals) {
        expect({ phase: final.phase, result: final.result }).toEqual({
          phase: 'completed',
          result: 'certified',
        });
        expect(final.history.map((h: { event: string }) => h.event)).toEqual(EVENTS);
      }
      for (const id of caseIds) {
        expect(items((await api.get(`/cases/${id}/credentials`)).body)).toHaveLength(1);
        expect(items((await api.get(`/cases/${id}/evidence`)).body)).toHaveLength(1);
      }
      // Stored exactly once: as many cases, evidence and credentials as cases driven.
      const count = async (service: (typeof SERVICE_APPS)[number], table: string) => {
        const counts = await rowCounts(stack.databases[service]!);
        return Object.entries(counts).find(([name]) => name.endsWith(`.${table}`))?.[1];
      };
      expect({
        cases: await count('identify', 'competence_case'),
        candidates: await count('identify', 'candidate'),
        evidence: await count('document', 'evidence'),
        assessments: await count('assess', 'assessment'),
        credentials: await count('certify', 'credential'),
      }).toEqual({
        cases: CASES,
        candidates: CASES,
        evidence: CASES,
        assessments: CASES,
        credentials: CASES,
      });
      // A restart is not a poison: nothing was dead-lettered.
      for (const service of SERVICE_APPS)
        expect(
          items(
            must(`dead letters ${service}`, await api.get(`/admin/dead-letters/${service}`), 200),
          ),
        ).toEqual([]);
      expect(Date.now() - started).toBeLessThan(BUDGET_MS);
    },
    BUDGET_MS + 10_000,
  );
});
