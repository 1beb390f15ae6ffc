import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import {
  driveCase,
  pollUntil,
  readEventStream,
  seededStandard,
  startStack,
  testServers,
  type ApiClient,
  type Stack,
} from '@balanse/testing';

/**
 * Issue 10 through the real pipeline: cases of two employers driven through the API, the
 * statistics service's tables read back, in both modes (the same answers), then rebuilt from the
 * facts, refilled from the stream by a fresh database, and fed duplicates: nothing changes.
 * The disclosure rules are relaxed (k = 1, one employer) so that every figure is published and
 * can be checked; the rules themselves are proven in libs/statistics (disclosure, tables).
 */

const RULES = { STATISTICS_K: '1', STATISTICS_MIN_EMPLOYERS: '1', STATISTICS_DOMINANCE: '1' };
/** The questions asked of both modes, and of each rebuilt or refilled database. */
const QUERIES = [
  'cases?by=phase',
  'cases?by=result,region',
  'cases?by=phase&scope=tenant',
  'lead-times?by=region',
  'outcomes',
  'needs?by=coverage',
  'credentials?by=result',
  'credentials?by=region&format=csv',
  'cases?by=sector&format=jsonstat&lang=en',
];

/** The body of a response of `status`, or a failure naming what came instead. */
function expectStatus(res: { status: number; body: any }, status: number): any {
  expect({ status: res.status, body: res.status === status ? 'ok' : res.body }).toEqual({
    status,
    body: 'ok',
  });
  return res;
}

interface Cell {
  categories: Record<string, string>;
  values?: Record<string, number>;
  suppressed?: string;
}

/** A cell's values, found by its categories (every other dimension at `total`). */
function cell(reply: any, at: Record<string, string>): Record<string, number> | string {
  const dims: string[] = reply.table.dimensions.map((d: { id: string }) => d.id);
  const want = Object.fromEntries(dims.map((d) => [d, at[d] ?? 'total']));
  const found = (reply.table.cells as Cell[]).find((c) =>
    dims.every((d) => c.categories[d] === want[d]),
  );
  if (!found) throw new Error(`no cell ${JSON.stringify(want)}`);
  return found.values ?? `suppressed: ${found.suppressed}`;
}

const count = (reply: any, at: Record<string, string>) =>
  (cell(reply, at) as Record<string, number>).count;

/**
 * Every answer of QUERIES for the tenant, without the time of the figures, and with the need's
 * id (a new one in each mode) as `NEED`.
 */
async function answers(api: ApiClient, needId: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const q of QUERIES) {
    const res = await api.get(`/statistics/${q}`);
    expect({ q, status: res.status }).toEqual({ q, status: 200 });
    const text = (typeof res.body === 'string' ? res.body : JSON.stringify(res.body)).replaceAll(
      needId,
      'NEED',
    );
    out[q] =
      typeof res.body === 'string'
        ? text
        : JSON.parse(text, (key, v) => (key === 'updated' ? undefined : (v as unknown)));
  }
  return out;
}

/**
 * Waits until the tables show every case, four of them completed, and the revocation (events
 * arrive after the API answered, and the roller is up to a second behind).
 */
async function settled(api: ApiClient, cases: number): Promise<void> {
  await pollUntil(
    async (seen) => {
      const phases = await api.get('/statistics/cases?by=phase');
      const credentials = await api.get('/statistics/credentials');
      seen([phases.body, credentials.body]);
      return phases.status === 200 &&
        credentials.status === 200 &&
        count(phases.body, {}) === cases &&
        count(phases.body, { phase: 'completed' }) === 4 &&
        count(credentials.body, { event: 'revoked' }) === 1
        ? true
        : undefined;
    },
    (last) => `statistics did not catch up: ${JSON.stringify(last)}`,
    { timeoutMs: 60_000, pollMs: 250 },
  );
}

/** Tenant a: a need for the first five outcomes, three cases for it; tenant b: two cases. */
async function drive(stack: Stack): Promise<string> {
  const a = stack.api.withTenant('stat-a');
  const b = stack.api.withTenant('stat-b');
  const std = await seededStandard(a);
  const ids = std.outcomeIds;
  const need = expectStatus(
    await a.post('/needs', {
      title: 'Avdelingsledere',
      standardId: std.id,
      outcomeIds: ids.slice(0, 5),
      people: { min: 10, max: 20 },
      sector: '86.10',
      region: '03',
      neededBy: '2027-06-30',
    }),
    201,
  ).body;
  const workplace = { needId: need.id, sector: '86.10', region: '03' };
  const certified = await driveCase(a, std, { externalId: 'a-1', workplace, judge: () => 'met' });
  await driveCase(a, std, {
    externalId: 'a-2',
    workplace,
    judge: (_, i) => (i < 10 ? 'met' : 'not_met'),
  });
  await driveCase(a, std, { externalId: 'a-3', workplace, judge: () => 'not_met' });
  const stdB = await seededStandard(b);
  await driveCase(b, stdB, {
    externalId: 'b-1',
    workplace: { sector: '87', region: '11' },
    judge: (_, i) => (i === 0 ? 'partly_met' : 'met'),
  });
  // One case of b stays in document.
  const open = expectStatus(
    await b.post('/cases', {
      standardId: stdB.id,
      sector: '87',
      region: '11',
      candidate: { externalId: 'b-2', name: 'Open Case' },
    }),
    201,
  ).body;
  expectStatus(await b.put(`/cases/${open.id}/scope`, { outcomeIds: stdB.outcomeIds }), 200);
  expectStatus(await b.post(`/cases/${open.id}/identify/complete`), 200);
  const credential = expectStatus(await a.get(`/cases/${certified.caseId}/credentials`), 200).body
    .items[0];
  expectStatus(
    await a.post(`/credentials/${credential.id}/revoke`, { reason: 'issued in error' }),
    200,
  );
  return need.id;
}

const seen: Partial<Record<Stack['mode'], Record<string, unknown>>> = {};

describe.each(['embedded', 'distributed'] as const)('statistics tables (%s)', (mode) => {
  let stack: Stack;
  let api: ApiClient;
  let needId: string;

  beforeAll(async () => {
    stack = await startStack({ mode, env: RULES });
    api = stack.api.withTenant('stat-a');
    needId = await drive(stack);
    await settled(api, 5);
  }, 300_000);
  afterAll(() => stack?.stop());

  it('counts the cases by phase, result and region, and the tenant its own', async () => {
    const phase = expectStatus(await api.get('/statistics/cases?by=phase'), 200).body;
    expect(phase.rules).toEqual({ k: 1, minEmployers: 1, dominance: 1 });
    expect(
      Object.fromEntries(
        ['identify', 'document', 'assess', 'certify', 'completed', 'total'].map((p) => [
          p,
          count(phase, { phase: p }),
        ]),
      ),
    ).toEqual({ identify: 0, document: 1, assess: 0, certify: 0, completed: 4, total: 5 });
    const byResult = expectStatus(await api.get('/statistics/cases?by=result,region'), 200).body;
    expect(count(byResult, { result: 'certified' })).toBe(1);
    expect(count(byResult, { result: 'partial' })).toBe(2);
    expect(count(byResult, { result: 'not_certified' })).toBe(1);
    expect(count(byResult, { result: 'open' })).toBe(1);
    expect(count(byResult, { region: '03' })).toBe(3);
    expect(count(byResult, { region: '11', result: 'open' })).toBe(1);
    const own = expectStatus(await api.get('/statistics/cases?by=phase&scope=tenant'), 200).body;
    expect(own.scope).toBe('tenant');
    expect(count(own, {})).toBe(3);
  });

  it('measures lead times, outcomes, credentials and the need', async () => {
    const lead = expectStatus(await api.get('/statistics/lead-times'), 200).body;
    // All five were identified, four completed, all within the day.
    expect(cell(lead, { phase: 'identify' })).toMatchObject({ count: 5, p50Days: 0, p90Days: 0 });
    expect(cell(lead, { phase: 'endToEnd' })).toMatchObject({ count: 4, p50Days: 0 });
    const outcomes = expectStatus(await api.get('/statistics/outcomes'), 200).body;
    const first = (await seededStandard(api)).outcomeIds[0]!;
    // The first outcome: a-1 and a-2 met it, a-3 did not, b-1 partly.
    expect(cell(outcomes, { outcome: first })).toMatchObject({
      count: 4,
      metShare: 0.5,
      partlyMetShare: 0.25,
      notMetShare: 0.25,
    });
    const credentials = expectStatus(await api.get('/statistics/credentials?by=result'), 200).body;
    expect(count(credentials, { event: 'issued' })).toBe(3);
    expect(count(credentials, { event: 'issued', result: 'partial' })).toBe(2);
    expect(count(credentials, { event: 'revoked', result: 'certified' })).toBe(1);
    // a-1 and a-2 met all five outcomes the need requires; a-3 none.
    const needs = expectStatus(await api.get('/statistics/needs?by=coverage'), 200).body;
    expect(count(needs, { coverage: 'full' })).toBe(2);
    expect(count(needs, { coverage: 'partial' })).toBe(0);
    expect(JSON.stringify(needs)).not.toContain('Avdelingsledere'); // the title stays in identify
  });

  it('answers CSV and JSON-stat, and refuses what it does not know', async () => {
    const csv = await api.get('/statistics/credentials?by=region&format=csv');
    expect(csv.status).toBe(200);
    expect(String(csv.body).split('\r\n')[0]).toMatch(/^event,event_label,region,region_label,/);
    const stat = expectStatus(await api.get('/statistics/cases?format=jsonstat&lang=en'), 200);
    expect(stat.body).toMatchObject({ version: '2.0', class: 'dataset' });
    const bad = await api.get('/statistics/cases?by=colour');
    expect([bad.status, bad.body.code, bad.body.fields?.[0]?.field]).toEqual([
      400,
      'VALIDATION_FAILED',
      'by',
    ]);
    expect((await api.get('/statistics/persons')).status).toBe(400);
  });

  it('rebuilds the rollups from the facts to the same answers, with progress', async () => {
    const before = await answers(api, needId);
    seen[mode] = before;
    const started = await api.post('/statistics/rebuild');
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ state: 'running' });
    const done = await pollUntil(
      async () => {
        const p = expectStatus(await api.get('/statistics/rebuild'), 200).body;
        return p.state === 'done' ? p : undefined;
      },
      () => 'the rebuild did not finish',
      { timeoutMs: 60_000, pollMs: 200 },
    );
    expect(done).toMatchObject({ total: 5, done: 5 });
    expect(await answers(api, needId)).toEqual(before);
  });

  if (mode === 'distributed') {
    it('gives the embedded mode’s answers', () => {
      expect(seen.distributed).toEqual(seen.embedded);
    });

    it('counts redelivered and duplicated events once', async () => {
      const before = await answers(api, needId);
      // Every case event again, published without a message id (JetStream cannot drop them).
      const nc = await connect({ servers: testServers().natsUrl.replace(/^nats:\/\//, '') });
      const js = jetstream(nc);
      for (const e of await readEventStream())
        if (String(e['type']).startsWith('balanse.case.'))
          await js.publish(`balanse.events.${String(e['type']).slice(8)}`, JSON.stringify(e));
      await nc.close();
      await new Promise((r) => setTimeout(r, 3000));
      await settled(api, 5);
      expect(await answers(api, needId)).toEqual(before);
    });

    it('fills a fresh database by replaying the stream from its start', async () => {
      const before = await answers(api, needId);
      await stack.kill('statistics');
      const nc = await connect({ servers: testServers().natsUrl.replace(/^nats:\/\//, '') });
      const jsm = await jetstreamManager(nc);
      for await (const c of jsm.consumers.list('BALANSE_EVENTS'))
        if (c.name.startsWith('statistics--')) await jsm.consumers.delete('BALANSE_EVENTS', c.name);
      await nc.close();
      const url = new URL(stack.databases.statistics!);
      const admin = new Client({ connectionString: testServers().databaseUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE "${url.pathname.slice(1)}" WITH (FORCE)`);
      await admin.end();
      await stack.start('statistics');
      await settled(api, 5);
      expect(await answers(api, needId)).toEqual(before);
    });
  }
});
