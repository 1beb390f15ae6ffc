import { SERVICES } from '@balanse/contracts';
import {
  seededStandard,
  startStack,
  waitForCase,
  waitForPhase,
  type ApiClient,
  type Stack,
} from '@balanse/testing';

const N = 12;

async function ok(res: Promise<{ status: number; body: unknown }>, status = 200) {
  const r = await res;
  if (r.status !== status)
    throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body as any;
}

function fullHistory(api: ApiClient, id: string, entries: number) {
  return waitForCase(api, id, (c) => c.history.length >= entries, `${entries} history entries`, {
    pollMs: 200,
  });
}

async function forAll<T>(items: T[], fn: (item: T) => Promise<unknown>) {
  await Promise.all(items.map(fn));
}

describe('services stopped while cases are in flight (distributed)', () => {
  let stack: Stack;
  let api: ApiClient;

  beforeAll(async () => {
    stack = await startStack({ mode: 'distributed' });
    api = stack.api;
  }, 120_000);
  afterAll(() => stack?.stop());

  it('catch up after restart: every case completes, none twice', async () => {
    const standard = await seededStandard(api);
    const cases: string[] = [];
    for (let i = 0; i < N; i++) {
      const opened = await ok(
        api.post('/cases', {
          standardId: standard.id,
          candidate: { externalId: `crash-${i}`, name: `Crash ${i}` },
        }),
        201,
      );
      cases.push(opened.id);
    }
    await forAll(cases, (id) =>
      ok(api.put(`/cases/${id}/scope`, { outcomeIds: standard.outcomeIds })),
    );

    // document is down while identification completes: case.identified waits in the stream.
    await stack.kill('document');
    await forAll(cases, (id) => ok(api.post(`/cases/${id}/identify/complete`)));
    const unavailable = await api.post(`/cases/${cases[0]}/evidence`, {
      kind: 'attestation',
      title: 'x',
      outcomeIds: standard.outcomeIds,
    });
    expect(unavailable.status).toBe(503);
    expect(unavailable.body.code).toBe('SERVICE_UNAVAILABLE');
    await stack.start('document');

    await forAll(cases, (id) =>
      ok(
        api.post(`/cases/${id}/evidence`, {
          kind: 'attestation',
          title: 'Attestation',
          outcomeIds: standard.outcomeIds,
        }),
        201,
      ),
    );
    await forAll(cases, (id) => ok(api.post(`/cases/${id}/document/complete`)));
    await forAll(cases, (id) =>
      forAll(standard.outcomeIds, (o) =>
        ok(api.put(`/cases/${id}/assess/outcomes/${o}`, { judgement: 'met', rationale: 'ok' })),
      ),
    );

    // Decide every case, and crash identify and certify while they are consuming case.assessed
    // and case.certified: some effects are committed but not acked, some not even started.
    const decisions = cases.map((id) => ok(api.post(`/cases/${id}/assess/complete`)));
    await decisions[Math.floor(N / 3)];
    await Promise.all([stack.kill('certify'), stack.kill('identify')]);
    await Promise.all(decisions);
    await Promise.all([stack.start('identify'), stack.start('certify')]);

    await Promise.all(
      cases.map((id) => waitForPhase(api, id, 'completed', { timeoutMs: 60_000, pollMs: 200 })),
    );
    // After a crash, events reach identify out of order (case.certified may overtake a
    // redelivered case.assessed): wait until every report is in, then check each came once.
    const finals = await Promise.all(cases.map((id) => fullHistory(api, id, 6)));
    for (const final of finals) {
      expect(final.result).toBe('certified');
      const events = final.history.map((h: { event: string }) => h.event);
      expect(events).toEqual([
        'opened',
        'scope_set',
        'identified',
        'documented',
        'assessed',
        'certified',
      ]);
    }
    for (const id of cases) {
      const credentials = await ok(api.get(`/cases/${id}/credentials`));
      expect(credentials.items).toHaveLength(1);
    }
    for (const service of SERVICES) {
      expect((await ok(api.get(`/admin/dead-letters/${service}`))).items).toEqual([]);
    }
  }, 180_000);
});
