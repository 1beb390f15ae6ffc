import {
  allPages,
  seededStandard,
  startStack,
  type ApiClient,
  type Stack,
  readEventStream,
} from '@balanse/testing';

const BATTERY_NEED = 'a61b4494-a192-5424-a28a-9141ded2a731';
const UNKNOWN = '3b0c2f8e-5f1a-4c7e-9d7a-1e2f3a4b5c6d';

/**
 * Competence needs, the case's need, sector, region and employer's view, the gap report and
 * finding cases: through the API of the distributed stack (PostgreSQL, NATS JetStream).
 */
describe('needs, gap reports and finding cases', () => {
  let stack: Stack;
  let api: ApiClient;
  let other: ApiClient;
  let standard: { id: string; outcomeIds: string[] };
  let battery: { id: string; outcomeIds: string[] };
  const [o1, o2, o3] = [0, 1, 2].map((i) => () => standard.outcomeIds[i]);

  const needBody = (patch: Record<string, unknown> = {}) => ({
    title: 'Department leaders, Agder',
    standardId: standard.id,
    outcomeIds: [o1(), o2(), o3()],
    people: { min: 10, max: 20 },
    skilledWorkerShare: { min: 50, max: 80 },
    sector: '86.10',
    region: '42',
    neededBy: '2027-06-30',
    ...patch,
  });
  const open = (client: ApiClient, externalId: string, patch: Record<string, unknown> = {}) =>
    client.post('/cases', {
      standardId: standard.id,
      candidate: { externalId, name: `Candidate ${externalId}` },
      ...patch,
    });

  beforeAll(async () => {
    stack = await startStack({ mode: 'distributed' });
    api = stack.api.withTenant('needs-a');
    other = stack.api.withTenant('needs-b');
    standard = await seededStandard(api);
    const list = await allPages<{ id: string; code: string }>(api, '/standards');
    const id = list.find((s) => s.code === 'battericelleoperator')!.id;
    const full = (await api.get(`/standards/${id}`)).body;
    battery = {
      id,
      outcomeIds: full.clusters.flatMap((c: any) =>
        c.areas.flatMap((a: any) => a.outcomes.map((o: any) => o.id)),
      ),
    };
  }, 180_000);
  afterAll(() => stack?.stop(), 30_000);

  describe('needs', () => {
    it("seeds the battery industry's need from the slides, shared and read-only", async () => {
      for (const client of [api, other]) {
        const res = await client.get(`/needs/${BATTERY_NEED}`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          standardId: battery.id,
          standardVersion: 1,
          outcomeIds: null,
          people: { min: 7000, max: 7000 },
          skilledWorkerShare: { min: 50, max: 80 },
          sector: '27.20',
          region: null,
          neededBy: '2030-12-31',
          shared: true,
        });
      }
      expect(battery.outcomeIds).toHaveLength(7);
      const patched = await api.send('PATCH', `/needs/${BATTERY_NEED}`, { region: '18' });
      expect([patched.status, patched.body.code]).toEqual([404, 'NEED_NOT_FOUND']);
    });

    it('records a need once per Idempotency-Key, for this tenant only', async () => {
      const key = { 'idempotency-key': 'need-agder-1' };
      const first = await api.send('POST', '/needs', needBody(), key);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        standardVersion: 1,
        outcomeIds: [o1(), o2(), o3()],
        people: { min: 10, max: 20 },
        sector: '86.10',
        region: '42',
        shared: false,
      });
      const again = await api.send('POST', '/needs', needBody(), key);
      expect([again.status, again.body.id]).toEqual([201, first.body.id]);

      expect((await api.get(`/needs/${first.body.id}`)).body.title).toBe(
        'Department leaders, Agder',
      );
      const stranger = await other.get(`/needs/${first.body.id}`);
      expect([stranger.status, stranger.body.code]).toEqual([404, 'NEED_NOT_FOUND']);
      const theirs = await allPages(other, '/needs');
      expect(theirs.map((n: any) => n.id)).toEqual([BATTERY_NEED]);
      const ours = await allPages(api, '/needs');
      expect(ours.map((n: any) => n.id)).toEqual([BATTERY_NEED, first.body.id]);
    });

    it('takes "all outcomes", a bare share, and filters by standard, sector and region', async () => {
      const all = await api.post(
        '/needs',
        needBody({ outcomeIds: undefined, people: undefined, sector: 'Q', region: undefined }),
      );
      expect(all.status).toBe(201);
      expect(all.body).toMatchObject({ outcomeIds: null, people: null, region: null });
      const ids = async (q: string) => (await allPages(api, `/needs?${q}`)).map((n: any) => n.id);
      expect(await ids('sector=Q')).toEqual([all.body.id]);
      expect(await ids('sector=27.20')).toEqual([BATTERY_NEED]);
      expect(await ids('region=42')).toHaveLength(1);
      expect(await ids(`standardId=${battery.id}`)).toEqual([BATTERY_NEED]);
      const bad = await api.get('/needs?region=30');
      expect([bad.status, bad.body.fields?.[0]?.field]).toEqual([400, 'region']);
    });

    it.each([
      ['a NACE code that does not exist', { sector: '27.21' }, 400, 'VALIDATION_FAILED', 'sector'],
      [
        'a county merged away in 2024 (Viken)',
        { region: '30' },
        400,
        'VALIDATION_FAILED',
        'region',
      ],
      [
        'a range with min over max',
        { people: { min: 9, max: 3 } },
        400,
        'VALIDATION_FAILED',
        'people.max',
      ],
      [
        'a share over 100 %',
        { skilledWorkerShare: { min: 50, max: 101 } },
        400,
        'VALIDATION_FAILED',
        'skilledWorkerShare.max',
      ],
      [
        'neither people nor a share',
        { people: undefined, skilledWorkerShare: undefined },
        400,
        'VALIDATION_FAILED',
        'people',
      ],
      [
        'a day that does not exist',
        { neededBy: '2027-02-29' },
        400,
        'VALIDATION_FAILED',
        'neededBy',
      ],
      [
        'an unknown standard',
        { standardId: UNKNOWN, outcomeIds: undefined },
        422,
        'STANDARD_NOT_FOUND',
        'standardId',
      ],
      [
        'a version the standard does not have',
        { standardVersion: 2 },
        422,
        'STANDARD_VERSION_NOT_FOUND',
        'standardVersion',
      ],
      [
        'an outcome not in the standard',
        { outcomeIds: [UNKNOWN] },
        422,
        'OUTCOME_NOT_IN_STANDARD',
        'outcomeIds.0',
      ],
    ])('refuses %s', async (_, patch, status, code, field) => {
      const before = (await allPages(api, '/needs')).length;
      const res = await api.post('/needs', needBody(patch));
      expect({
        status: res.status,
        code: res.body.code,
        field: res.body.fields?.[0]?.field,
      }).toEqual({
        status,
        code,
        field,
      });
      expect(await allPages(api, '/needs')).toHaveLength(before);
    });

    it('changes a need (PATCH) and says which fields changed in need.changed', async () => {
      const need = (await api.post('/needs', needBody({ title: 'To change' }))).body;
      const changed = await api.send('PATCH', `/needs/${need.id}`, {
        people: { min: 30, max: 30 },
        region: null,
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ people: { min: 30, max: 30 }, region: null });
      expect((await api.get(`/needs/${need.id}`)).body.region).toBeNull();
      const empty = await api.send('PATCH', `/needs/${need.id}`, {});
      expect([empty.status, empty.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const strange = await other.send('PATCH', `/needs/${need.id}`, { region: '03' });
      expect(strange.status).toBe(404);

      const events = await readEventStream();
      const recorded = events.find(
        (e) => e['type'] === 'balanse.need.recorded.v1' && e['subject'] === need.id,
      );
      expect(recorded).toMatchObject({
        source: '/balanse/identify',
        tenantid: 'needs-a',
        data: { needId: need.id, sector: '86.10', region: '42', people: { min: 10, max: 20 } },
      });
      const change = events.find(
        (e) => e['type'] === 'balanse.need.changed.v1' && e['subject'] === need.id,
      );
      expect(change).toMatchObject({
        data: { people: { min: 30, max: 30 }, region: null, changed: ['people', 'region'] },
      });
      expect(JSON.stringify(events)).not.toContain('To change');
    });
  });

  describe('a case serving a need, and its gap report', () => {
    it('carries the need, its sector and region, on the case and its events', async () => {
      const need = (await api.post('/needs', needBody())).body;
      const opened = await open(api, 'need-1', { needId: need.id });
      expect(opened.status).toBe(201);
      expect(opened.body).toMatchObject({
        needId: need.id,
        sector: '86.10',
        region: '42',
        employerView: {},
      });
      const own = await open(api, 'need-2', { needId: need.id, sector: '87.10', region: '46' });
      expect(own.body).toMatchObject({ sector: '87.10', region: '46' });

      const caseId = opened.body.id;
      await api.put(`/cases/${caseId}/scope`, { outcomeIds: [o1()] });
      expect((await api.post(`/cases/${caseId}/identify/complete`)).status).toBe(200);
      const events = (await readEventStream()).filter((e) => e['subject'] === caseId);
      for (const type of ['balanse.case.opened.v1', 'balanse.case.identified.v2'])
        expect(events.find((e) => e['type'] === type)).toMatchObject({
          data: { needId: need.id, sector: '86.10', region: '42' },
        });
      expect(JSON.stringify(events)).not.toContain('Candidate need-1');
    });

    it.each([
      ['an unknown need', () => ({ needId: UNKNOWN }), 'NEED_NOT_FOUND'],
      [
        "a need for another standard (the battery industry's)",
        () => ({ needId: BATTERY_NEED }),
        'NEED_STANDARD_MISMATCH',
      ],
    ])('refuses to open a case for %s', async (_, patch, code) => {
      const res = await open(api, 'need-refused', patch());
      expect({
        status: res.status,
        code: res.body.code,
        field: res.body.fields?.[0]?.field,
      }).toEqual({
        status: 422,
        code,
        field: 'needId',
      });
    });

    it("refuses another tenant's need", async () => {
      const need = (await api.post('/needs', needBody())).body;
      const res = await open(other, 'need-theirs', { needId: need.id });
      expect([res.status, res.body.code]).toEqual([422, 'NEED_NOT_FOUND']);
    });

    it("keeps the employer's view per outcome, refusing outcomes of other standards", async () => {
      const caseId = (await open(api, 'view-1')).body.id;
      const set = await api.put(`/cases/${caseId}/employer-view`, { ratings: { [o1()]: 3 } });
      expect([set.status, set.body.employerView]).toEqual([200, { [o1()]: 3 }]);
      const stray = await api.put(`/cases/${caseId}/employer-view`, {
        ratings: { [battery.outcomeIds[0]]: 2 },
      });
      expect([stray.status, stray.body.code, stray.body.fields[0].field]).toEqual([
        422,
        'OUTCOME_NOT_IN_STANDARD',
        `ratings.${battery.outcomeIds[0]}`,
      ]);
      const big = await api.put(`/cases/${caseId}/employer-view`, { ratings: { [o1()]: 5 } });
      expect([big.status, big.body.fields[0].field]).toEqual([400, `ratings.${o1()}`]);
      const theirs = await other.put(`/cases/${caseId}/employer-view`, { ratings: {} });
      expect([theirs.status, theirs.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
      expect((await api.get(`/cases/${caseId}`)).body.employerView).toEqual({ [o1()]: 3 });
    });

    it('reports per required outcome: likely met, uncertain, missing, with the reasons', async () => {
      const need = (await api.post('/needs', needBody())).body;
      const caseId = (await open(api, 'gap-1', { needId: need.id })).body.id;
      await api.put(`/cases/${caseId}/scope`, {
        outcomeIds: [o1(), o2()],
        selfAssessment: { [o1()]: 4, [o2()]: 2 },
      });
      await api.put(`/cases/${caseId}/employer-view`, { ratings: { [o1()]: 3, [o3()]: 4 } });
      const gap = await api.get(`/cases/${caseId}/gap`);
      expect(gap.status).toBe(200);
      expect(gap.body).toEqual({
        caseId,
        needId: need.id,
        basis: 'need',
        outcomes: [
          expect.objectContaining({
            outcomeId: o1(),
            status: 'likely_met',
            inScope: true,
            selfAssessment: 4,
            employerView: 3,
            reasons: ['every_rating_strong'],
          }),
          expect.objectContaining({
            outcomeId: o2(),
            status: 'uncertain',
            reasons: ['rating_in_between'],
          }),
          expect.objectContaining({
            outcomeId: o3(),
            status: 'missing',
            inScope: false,
            reasons: ['not_in_scope', 'every_rating_strong'],
          }),
        ],
        summary: { outcomes: 3, likelyMet: 1, uncertain: 1, missing: 1, shareLikelyMet: 0.33 },
      });
      const theirs = await other.get(`/cases/${caseId}/gap`);
      expect([theirs.status, theirs.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    });

    it('measures a case without a need against its scope', async () => {
      const caseId = (await open(api, 'gap-2')).body.id;
      await api.put(`/cases/${caseId}/scope`, {
        outcomeIds: [o2()],
        selfAssessment: { [o2()]: 0 },
      });
      const gap = (await api.get(`/cases/${caseId}/gap`)).body;
      expect(gap).toMatchObject({
        basis: 'scope',
        needId: null,
        outcomes: [{ outcomeId: o2(), status: 'missing', reasons: ['every_rating_weak'] }],
        summary: { outcomes: 1, likelyMet: 0, missing: 1, shareLikelyMet: 0 },
      });
    });
  });

  describe('finding cases', () => {
    let finder: ApiClient;
    let ids: string[];
    let need: string;

    beforeAll(async () => {
      finder = stack.api.withTenant('needs-finding');
      need = (await finder.post('/needs', needBody())).body.id;
      ids = [];
      for (let i = 0; i < 5; i++) {
        const res = await open(finder, `find-${i}`, i % 2 === 0 ? { needId: need } : {});
        ids.push(res.body.id);
      }
      await finder.put(`/cases/${ids[4]}/scope`, { outcomeIds: [o1()] });
      await finder.post(`/cases/${ids[4]}/identify/complete`);
    });

    const found = async (q: string, client = finder) =>
      (await allPages(client, `/cases?${q}`, 2)).map((c: any) => c.id);

    it('lists the tenant’s cases oldest first, paged, or newest first', async () => {
      expect(await found('')).toEqual(ids);
      expect(await found('sort=-openedAt')).toEqual([...ids].reverse());
      const page = (await finder.get('/cases?limit=2')).body;
      expect(page.items[0]).toMatchObject({
        id: ids[0],
        phase: 'identify',
        result: null,
        standardId: standard.id,
        needId: need,
        sector: '86.10',
        region: '42',
        candidate: { externalId: 'find-0' },
      });
      expect(page.items[0].candidate.name).toBeUndefined();
      const wrongOrder = await finder.get(`/cases?sort=-openedAt&cursor=${page.nextCursor}`);
      expect([wrongOrder.status, wrongOrder.body.code]).toEqual([400, 'INVALID_CURSOR']);
    });

    it('filters by phase, result, standard, need, external id and opening day', async () => {
      expect(await found('phase=document')).toEqual([ids[4]]);
      expect(await found('phase=identify')).toEqual(ids.slice(0, 4));
      expect(await found('result=certified')).toEqual([]);
      expect(await found(`standardId=${standard.id}`)).toEqual(ids);
      expect(await found(`standardId=${battery.id}`)).toEqual([]);
      expect(await found(`needId=${need}`)).toEqual([ids[0], ids[2], ids[4]]);
      expect(await found('externalId=find-3')).toEqual([ids[3]]);
      const today = new Date().toISOString().slice(0, 10);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      expect(await found(`openedFrom=${today}&openedTo=${today}`)).toEqual(ids);
      expect(await found(`openedFrom=${tomorrow}`)).toEqual([]);
      expect(await found(`openedTo=${yesterday}`)).toEqual([]);
      expect(await found(`needId=${need}&phase=identify&sort=-openedAt`)).toEqual([ids[2], ids[0]]);
    });

    it("shows no other tenant's cases, and refuses bad filters naming them", async () => {
      expect(await found('externalId=find-3', other)).toEqual([]);
      for (const [q, field] of [
        ['phase=done', 'phase'],
        ['result=passed', 'result'],
        ['standardId=nope', 'standardId'],
        ['openedFrom=2026-13-01', 'openedFrom'],
        ['sort=name', 'sort'],
        ['limit=0', 'limit'],
      ]) {
        const res = await finder.get(`/cases?${q}`);
        expect({ q, status: res.status, field: res.body.fields?.[0]?.field }).toEqual({
          q,
          status: 400,
          field,
        });
      }
    });
  });
});
