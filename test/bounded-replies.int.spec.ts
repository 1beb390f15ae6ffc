/**
 * No valid data makes a reply outgrow the bus (NATS max payload, 1 MB): every list is paged
 * (keyset, `limit` ≤ 100, and a page stops before 512 KB of items), and every item is bounded
 * by validation. The reproductions of issue 7 run here on the distributed mode, each followed by
 * the ready probes of every service; the largest valid items are stored with characters that
 * JSON escapes to 6 bytes each, and every page read is measured.
 */
import {
  allPages,
  SERVICE_APPS,
  both,
  publishedStandard,
  startStack,
  type ApiClient,
  type ApiResponse,
  type Stack,
} from '@balanse/testing';

const KB = 1024;
/** What a page's items may weigh (PAGE_BYTE_BUDGET) and what any reply must stay under. */
const PAGE_BUDGET = 512 * KB;
const BUS_MAX = 1024 * KB;
/** A character JSON escapes to six bytes (`\u0001`): the costliest a valid text can be. */
const WIDE = '\u0001';

function expectStatus(res: ApiResponse, status: number): ApiResponse {
  if (res.status !== status)
    throw new Error(
      `expected ${status}, got ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`,
    );
  return res;
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** A standard of `n` outcomes over areas of at most 200, with statements of `statement` chars. */
function standardBody(code: string, n: number, statement: (i: number) => string) {
  const areas = [];
  for (let i = 0; i < n; i += 200)
    areas.push({
      title: both(`Area ${i / 200 + 1}`),
      outcomes: Array.from({ length: Math.min(200, n - i) }, (_, j) => ({
        statement: { nb: statement(i + j), en: statement(i + j) },
        category: 'skills',
      })),
    });
  return {
    code,
    title: both('Bounded replies'),
    owner: { name: 'Test employer' },
    clusters: [{ title: both('Cluster'), areas }],
  };
}

/** Every page of a list with `limit`, each measured; the items in order. */
async function readPages(api: ApiClient, path: string, limit: number) {
  const items: any[] = [];
  const sizes: number[] = [];
  for (let cursor: string | null = null; ;) {
    const res = expectStatus(
      await api.get(`${path}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`),
      200,
    );
    sizes.push(bytes(res.body));
    items.push(...res.body.items);
    if (!res.body.hasMore) {
      expect(res.body.nextCursor).toBeNull();
      return { items, sizes };
    }
    cursor = res.body.nextCursor;
  }
}

describe('bounded replies: paged lists and bounded items (distributed)', () => {
  let stack: Stack;
  let api: ApiClient;
  /** A standard of 1000 outcomes (the most a standard may hold), and its outcome ids. */
  let big: { id: string; outcomeIds: string[] };

  async function servicesAlive() {
    for (const name of ['gateway', ...SERVICE_APPS] as const) {
      expect({ name, running: stack.process(name).running }).toEqual({ name, running: true });
      const ready = await fetch(`${stack.process(name).url}/ready`);
      expect({ name, ready: ready.status }).toEqual({ name, ready: 200 });
    }
  }

  /** A case on `standardId` with `outcomeIds` in scope, in phase document. */
  async function caseInDocument(outcomeIds: string[], externalId: string): Promise<string> {
    const opened = expectStatus(
      await api.post('/cases', { standardId: big.id, candidate: { externalId, name: 'N' } }),
      201,
    );
    const id: string = opened.body.id;
    expectStatus(await api.put(`/cases/${id}/scope`, { outcomeIds }), 200);
    expectStatus(await api.post(`/cases/${id}/identify/complete`), 200);
    return id;
  }

  beforeAll(async () => {
    stack = await startStack({ mode: 'distributed' });
    api = stack.api.withTenant('bounded');
    const created = await publishedStandard(
      api,
      standardBody('big', 1000, (i) => `Outcome ${i}`),
    );
    big = {
      id: created.id,
      outcomeIds: created.clusters.flatMap((c: any) =>
        c.areas.flatMap((a: any) => a.outcomes.map((o: any) => o.id)),
      ),
    };
    expect(big.outcomeIds).toHaveLength(1000);
  }, 180_000);
  afterAll(() => stack?.stop());

  it('stores a standard of 16,000 outcomes and answers it whole: over the bus in chunks, each within the max payload', async () => {
    const body = standardBody('huge', 16_000, () => 's');
    body.clusters = [0, 1].map((c) => ({
      title: both(`Cluster ${c}`),
      areas: Array.from({ length: 100 }, (_, a) => ({
        title: both(`Area ${a}`),
        outcomes: Array.from({ length: 80 }, () => ({ statement: both('s'), category: 'skills' })),
      })),
    })) as never;
    expect(bytes(body)).toBeLessThan(BUS_MAX);
    const created = expectStatus(await api.post('/standards', body), 201);
    // With its ids the standard is several times the bus's max payload.
    expect(bytes(created.body)).toBeGreaterThan(3 * BUS_MAX);
    const read = expectStatus(await api.get(`/standards/${created.body.id}`), 200);
    expect(read.body.outcomeCount).toBe(16_000);
    expect(read.body).toEqual(created.body);
    // The list shows it without its clusters, small.
    const listed = (await allPages(api, '/standards')).find((s: any) => s.code === 'huge');
    expect(listed).toMatchObject({ outcomeCount: 16_000 });
    expect(bytes(listed)).toBeLessThan(2 * KB);
    // A case's scope names at most 1,000 of them.
    const opened = expectStatus(await api.post('/cases', { standardId: big.id, candidate: { externalId: 'scope-bound', name: 'N' } }), 201); // prettier-ignore
    const ids = read.body.clusters.flatMap((c: any) => c.areas.flatMap((a: any) => a.outcomes.map((o: any) => o.id))); // prettier-ignore
    const scope = await api.put(`/cases/${opened.body.id}/scope`, { outcomeIds: ids.slice(0, 1001) }); // prettier-ignore
    expect([scope.status, scope.body.fields?.[0]?.field]).toEqual([400, 'outcomeIds']);
    // So does a need: "every outcome" of it is refused, a list of the ones required is not.
    expectStatus(await api.post(`/standards/${read.body.id}/versions/1/publish`), 200);
    const need = { title: 'All of them', standardId: read.body.id, people: { min: 1, max: 2 }, sector: '86.10', region: '42', neededBy: '2027-06-30' }; // prettier-ignore
    const all = await api.post('/needs', need);
    expect([all.status, all.body.fields?.[0]?.field]).toEqual([400, 'outcomeIds']);
    expectStatus(await api.post('/needs', { ...need, outcomeIds: ids.slice(0, 1000) }), 201);
    await servicesAlive();
  }, 60_000);

  it('reproduction: 25 evidence items of ~57 KB, then the list, paged; document stays up', async () => {
    const caseId = await caseInDocument(big.outcomeIds, 'bounded-evidence');
    const item = (i: number) => ({
      kind: 'attestation',
      title: `${i} `.padEnd(300, 't'),
      description: 'd'.repeat(5000),
      issuer: 'i'.repeat(300),
      outcomeIds: big.outcomeIds.slice(0, 20),
      tasks: Array.from({ length: 100 }, () => 'x'.repeat(500)),
    });
    for (let i = 0; i < 25; i += 5)
      await Promise.all(
        [0, 1, 2, 3, 4].map(async (j) =>
          expectStatus(await api.post(`/cases/${caseId}/evidence`, item(i + j)), 201),
        ),
      );
    const { items, sizes } = await readPages(api, `/cases/${caseId}/evidence`, 100);
    expect(items).toHaveLength(25);
    expect(new Set(items.map((e) => e.id)).size).toBe(25);
    expect(items.map((e) => Number(e.title.split(' ')[0])).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => i),
    );
    expect(sizes.length).toBeGreaterThan(1);
    for (const size of sizes) expect(size).toBeLessThan(PAGE_BUDGET + 4 * KB);
    await servicesAlive();
  }, 120_000);

  it('stores the largest valid evidence and pages it, each page under the budget', async () => {
    const caseId = await caseInDocument(big.outcomeIds, 'bounded-largest-evidence');
    const largest = {
      kind: 'attestation',
      title: WIDE.repeat(300),
      description: WIDE.repeat(5000),
      issuer: WIDE.repeat(300),
      outcomeIds: big.outcomeIds,
      tasks: Array.from({ length: 100 }, () => WIDE.repeat(500)),
      period: { from: '2019-08-01', to: '2024-06-30' },
      positionPercent: 100,
    };
    for (let i = 0; i < 3; i++)
      expectStatus(await api.post(`/cases/${caseId}/evidence`, largest), 201);
    const { items, sizes } = await readPages(api, `/cases/${caseId}/evidence`, 100);
    expect(items).toHaveLength(3);
    expect(bytes(items[0])).toBeLessThan(PAGE_BUDGET);
    for (const size of sizes) expect(size).toBeLessThan(PAGE_BUDGET + 4 * KB);
    // The case with 1000 outcomes in scope and a self-assessment of each stays small too.
    const view = expectStatus(await api.get(`/cases/${caseId}`), 200);
    expect(bytes(view.body)).toBeLessThan(200 * KB);
    await servicesAlive();
  }, 120_000);

  it('reproduction: 250 judgements with the longest rationales, then the list, paged; assess stays up', async () => {
    const scope = big.outcomeIds.slice(0, 250);
    const caseId = await caseInDocument(scope, 'bounded-judgements');
    expectStatus(
      await api.post(`/cases/${caseId}/evidence`, {
        kind: 'attestation',
        title: 'All of them',
        outcomeIds: scope,
      }),
      201,
    );
    expectStatus(await api.post(`/cases/${caseId}/document/complete`), 200);
    for (let i = 0; i < scope.length; i += 25)
      await Promise.all(
        scope.slice(i, i + 25).map(async (outcomeId) =>
          expectStatus(
            await api.put(`/cases/${caseId}/assess/outcomes/${outcomeId}`, {
              judgement: 'met',
              rationale: WIDE.repeat(5000),
            }),
            200,
          ),
        ),
      );
    const { items, sizes } = await readPages(api, `/cases/${caseId}/assess/outcomes`, 100);
    expect(items.map((j) => j.outcomeId).sort()).toEqual([...scope].sort());
    for (const size of sizes) expect(size).toBeLessThan(PAGE_BUDGET + 4 * KB);
    const tooLong = await api.put(`/cases/${caseId}/assess/outcomes/${scope[0]}`, {
      judgement: 'met',
      rationale: 'r'.repeat(5001),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.fields.map((f: any) => f.field)).toEqual(['rationale']);
    await servicesAlive();
  }, 180_000);

  it('keeps the latest 20 history entries in the case view; the whole history is paged', async () => {
    const opened = expectStatus(
      await api.post('/cases', {
        standardId: big.id,
        candidate: { externalId: 'bounded-history', name: 'N' },
      }),
      201,
    );
    const id: string = opened.body.id;
    for (let i = 0; i < 25; i++)
      expectStatus(
        await api.put(`/cases/${id}/scope`, { outcomeIds: big.outcomeIds.slice(0, i + 1) }),
        200,
      );
    const view = expectStatus(await api.get(`/cases/${id}`), 200).body;
    expect(view.history).toHaveLength(20);
    expect(view.history.map((h: any) => h.detail.outcomes)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 6),
    );
    const { items, sizes } = await readPages(api, `/cases/${id}/history`, 10);
    expect(items.map((h) => h.event)).toEqual(['opened', ...Array(25).fill('scope_set')]);
    expect(items.slice(6)).toEqual(view.history);
    expect(sizes).toHaveLength(3);
  }, 60_000);

  it('pages by keyset: limit, cursor, every item once, in order; bad limit or cursor → 400', async () => {
    const caseId = await caseInDocument(big.outcomeIds.slice(0, 2), 'bounded-paging');
    const added: string[] = [];
    for (let i = 0; i < 5; i++)
      added.push(
        expectStatus(
          await api.post(`/cases/${caseId}/evidence`, {
            kind: 'log',
            title: `Log ${i}`,
            outcomeIds: [big.outcomeIds[i % 2]],
          }),
          201,
        ).body.id,
      );
    const first = expectStatus(await api.get(`/cases/${caseId}/evidence?limit=2`), 200).body;
    expect(first.items.map((e: any) => e.id)).toEqual(added.slice(0, 2));
    expect(first.hasMore).toBe(true);
    const { items, sizes } = await readPages(api, `/cases/${caseId}/evidence`, 2);
    expect(items.map((e) => e.id)).toEqual(added);
    expect(sizes).toHaveLength(3);
    expect(expectStatus(await api.get(`/cases/${caseId}/evidence`), 200).body).toMatchObject({
      hasMore: false,
      nextCursor: null,
    });

    // The whole history, paged; the case view keeps the latest entries.
    const history = await readPages(api, `/cases/${caseId}/history`, 1);
    expect(history.items.map((h) => h.event)).toEqual(['opened', 'scope_set', 'identified']);

    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=2.5', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=not%20a%20cursor', 'cursor'],
      ['sort=title', 'sort'],
    ]) {
      const res = await api.get(`/cases/${caseId}/evidence?${query}`);
      expect({
        query,
        status: res.status,
        fields: [...new Set(res.body.fields?.map((f: any) => f.field))],
      }).toEqual({ query, status: 400, fields: [field] });
    }
    // A cursor of another list, or one whose key was forged, is refused, not run.
    const forged = [
      first.nextCursor.replace(/.$/, ''),
      Buffer.from(JSON.stringify(['history', '1', big.outcomeIds[0]])).toString('base64url'),
      Buffer.from(JSON.stringify(['evidence', "1'; --", big.outcomeIds[0]])).toString('base64url'),
      Buffer.from(JSON.stringify(['evidence', '1', 'not-a-uuid'])).toString('base64url'),
    ];
    for (const cursor of forged) {
      const res = await api.get(`/cases/${caseId}/evidence?cursor=${cursor}`);
      expect({ cursor, status: res.status, code: res.body.code }).toEqual({
        cursor,
        status: 400,
        code: 'INVALID_CURSOR',
      });
    }
    const standards = expectStatus(await api.get('/standards?limit=1'), 200).body;
    expect(standards.items).toHaveLength(1);
    expect(standards.hasMore).toBe(true);
    const all = await readPages(api, '/standards', 1);
    expect(all.items.map((s) => s.code)).toEqual([...all.items.map((s) => s.code)].sort());
    expect(all.items.map((s) => s.code)).toEqual(
      expect.arrayContaining(['avdelingsleder-helse-omsorg', 'big']),
    );
    await servicesAlive();
  }, 120_000);
});
