import {
  driveCase,
  seededStandard,
  startStack,
  waitForPhase,
  type ApiClient,
  type Stack,
} from '@balanse/testing';

describe('embedded mode: every service in one process, PGlite and the in-process bus', () => {
  let stack: Stack;
  let api: ApiClient;

  beforeAll(async () => {
    // `node dist/apps/embedded/main.js` on a fresh data folder, as `npm start` runs it.
    stack = await startStack({ mode: 'embedded' });
    api = stack.api;
  }, 180_000);
  afterAll(() => stack?.stop(), 30_000);

  it('answers health and readiness for every service', async () => {
    expect((await fetch(`${stack.url}/health`)).status).toBe(200);
    const ready = await fetch(`${stack.url}/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { checks: Record<string, string> };
    expect(Object.keys(body.checks)).toEqual(
      expect.arrayContaining([
        'identify:database',
        'document:database',
        'assess:database',
        'certify:database',
      ]),
    );
  });

  it('serves the OpenAPI document', async () => {
    const res = await fetch(`${stack.url}/api/docs-json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/cases',
        '/api/v1/cases/{id}/assess/outcomes/{outcomeId}',
        '/api/v1/standards/{id}',
      ]),
    );
  });

  it('seeds the department-leader standard: 3 clusters, 14 areas, 19 typed outcomes', async () => {
    const { id, outcomeIds } = await seededStandard(api);
    const standard = (await api.get(`/standards/${id}`)).body;
    expect(standard.clusters).toHaveLength(3);
    expect(standard.clusters.flatMap((c: any) => c.areas)).toHaveLength(14);
    expect(outcomeIds).toHaveLength(19);
    const categories = new Set(
      standard.clusters.flatMap((c: any) =>
        c.areas.flatMap((a: any) => a.outcomes.map((o: any) => o.category)),
      ),
    );
    expect(categories).toEqual(new Set(['knowledge', 'skills', 'general_competence']));
  });

  it('moves a case through all four phases with history from every phase', async () => {
    const standard = await seededStandard(api);
    const { caseId, final } = await driveCase(api, standard, { externalId: 'emb-1' });
    expect(final).toMatchObject({ phase: 'completed', result: 'certified' });
    expect(final.history.map((h: any) => h.event)).toEqual([
      'opened',
      'scope_set',
      'identified',
      'documented',
      'assessed',
      'certified',
    ]);
    for (const h of final.history) expect(Date.parse(h.at)).not.toBeNaN();
    const credentials = (await api.get(`/cases/${caseId}/credentials`)).body.items;
    expect(credentials).toHaveLength(1);
    expect(credentials[0].outcomeIds).toHaveLength(19);
  });

  it('takes ids in upper case as the same ids', async () => {
    const standard = await seededStandard(api);
    const up = (id: string) => id.toUpperCase();
    const opened = await api.post('/cases', {
      standardId: up(standard.id),
      candidate: { externalId: 'emb-upper', name: 'Upper Case' },
    });
    expect(opened.status).toBe(201);
    const caseId: string = opened.body.id;
    const scoped = await api.put(`/cases/${up(caseId)}/scope`, {
      outcomeIds: standard.outcomeIds.map(up),
      selfAssessment: { [up(standard.outcomeIds[0])]: 3 },
    });
    expect(scoped.status).toBe(200);
    expect(scoped.body.id).toBe(caseId);
    expect(scoped.body.scope).toEqual({
      outcomeIds: standard.outcomeIds,
      selfAssessment: { [standard.outcomeIds[0]]: 3 },
    });
    expect((await api.post(`/cases/${up(caseId)}/identify/complete`)).status).toBe(200);
    const evidence = await api.post(`/cases/${up(caseId)}/evidence`, {
      kind: 'attestation',
      title: 'Attestation',
      outcomeIds: standard.outcomeIds.map(up),
    });
    expect(evidence.status).toBe(201);
    // Every outcome in scope counts as covered: the ids matched.
    expect((await api.post(`/cases/${up(caseId)}/document/complete`)).status).toBe(200);
  });

  it('keeps concurrent cases apart (transactions isolated on PGlite)', async () => {
    const standard = await seededStandard(api);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        driveCase(api, standard, {
          externalId: `emb-c-${i}`,
          judge: (_o, j) => (i % 2 === 0 || j < 5 ? 'met' : 'not_met'),
        }),
      ),
    );
    for (const [i, r] of results.entries()) {
      expect(r.final.result).toBe(i % 2 === 0 ? 'certified' : 'partial');
      expect((await api.get(`/cases/${r.caseId}/credentials`)).body.items).toHaveLength(1);
    }
  });

  it('opens one case for ten concurrent POST /cases with the same Idempotency-Key (PGlite takes turns)', async () => {
    const standard = await seededStandard(api);
    const body = { standardId: standard.id, candidate: { externalId: 'emb-idem', name: 'Idem' } };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.send('POST', '/cases', body, { 'idempotency-key': 'emb-idem-1' }),
      ),
    );
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const caseId = answers[0].body.id;
    // The case's own events ran outside the key's scope: it moves on as any case does.
    await api.put(`/cases/${caseId}/scope`, { outcomeIds: standard.outcomeIds });
    expect((await api.post(`/cases/${caseId}/identify/complete`)).status).toBe(200);
    const history = (await api.get(`/cases/${caseId}/history`)).body;
    expect(history.items.map((h: { event: string }) => h.event)).toEqual([
      'opened',
      'scope_set',
      'identified',
    ]);
    const again = await api.send('POST', '/cases', body, { 'idempotency-key': 'emb-idem-1' });
    expect(again).toMatchObject({ status: 201, body: answers[0].body });
  });

  it('keeps its data across a restart and carries on where it stopped', async () => {
    const standard = await seededStandard(api);
    const opened = await api.post('/cases', {
      standardId: standard.id,
      candidate: { externalId: 'emb-restart', name: 'Restart' },
    });
    await api.put(`/cases/${opened.body.id}/scope`, { outcomeIds: standard.outcomeIds });
    await api.post(`/cases/${opened.body.id}/identify/complete`);
    await stack.restart('embedded');
    expect((await api.get(`/cases/${opened.body.id}`)).body.phase).toBe('document');
    expect(
      (
        await api.post(`/cases/${opened.body.id}/evidence`, {
          kind: 'log',
          title: 'Log',
          outcomeIds: standard.outcomeIds,
        })
      ).status,
    ).toBe(201);
    expect((await api.post(`/cases/${opened.body.id}/document/complete`)).status).toBe(200);
    await waitForPhase(api, opened.body.id, 'assess');
  }, 120_000);
});
