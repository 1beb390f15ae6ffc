/**
 * Idempotent creation: `POST /cases`, `/cases/{id}/evidence` and `/standards` take an
 * `Idempotency-Key`. The same key with the same body answers the first answer and creates
 * nothing, also when ten arrive at once and after the owning service restarts; another body is
 * 422. Rows are counted in the services' databases (distributed mode).
 */
import { Client } from 'pg';
import {
  seededStandard,
  smallStandard,
  startStack,
  type ApiClient,
  type ApiResponse,
  type ServiceApp,
  type Stack,
} from '@balanse/testing';

describe('Idempotency-Key on creating POSTs (distributed)', () => {
  let stack: Stack;
  let standard: { id: string; outcomeIds: string[] };

  beforeAll(async () => {
    stack = await startStack({ mode: 'distributed' });
    standard = await seededStandard(stack.api);
  }, 120_000);
  afterAll(() => stack?.stop());

  /** One statement on a service's database. */
  async function sql(service: ServiceApp, text: string, params: unknown[] = []) {
    const client = new Client({ connectionString: stack.databases[service] });
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  }

  /** Rows of `table` for `tenant` in a service's database. */
  async function count(service: ServiceApp, table: string, tenant: string): Promise<number> {
    const rows = await sql(
      service,
      `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`,
      [tenant],
    );
    return rows[0].n;
  }

  const keyed = (api: ApiClient, path: string, body: unknown, key: string) =>
    api.send('POST', path, body, { 'idempotency-key': key });
  const openBody = (externalId: string) => ({
    standardId: standard.id,
    candidate: { externalId, name: 'Kari Nordmann' },
  });
  const summary = (r: ApiResponse) => ({ status: r.status, id: r.body?.id, code: r.body?.code });

  it('answers a retried POST /cases with the first answer and opens one case; another body is 422', async () => {
    const tenant = 'idem-retry';
    const api = stack.api.withTenant(tenant);
    const first = await keyed(api, '/cases', openBody('HR-1'), 'retry-1');
    expect(first.status).toBe(201);
    const again = await keyed(api, '/cases', openBody('HR-1'), 'retry-1');
    expect(again).toMatchObject({ status: 201, body: first.body });
    // Key order in the body does not make it another request.
    const reordered = await keyed(
      api,
      '/cases',
      { candidate: { name: 'Kari Nordmann', externalId: 'HR-1' }, standardId: standard.id },
      'retry-1',
    );
    expect(summary(reordered)).toEqual(summary(first));
    expect(await count('identify', 'competence_case', tenant)).toBe(1);

    const other = await keyed(api, '/cases', openBody('HR-2'), 'retry-1');
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      fields: [{ field: 'header.idempotency-key', message: 'was used with a different request' }],
    });
    // The same key in another tenant is another key; a new key is a new case.
    const elsewhere = await keyed(
      stack.api.withTenant('idem-other'),
      '/cases',
      openBody('HR-1'),
      'retry-1',
    );
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.id).not.toBe(first.body.id);
    expect((await keyed(api, '/cases', openBody('HR-1'), 'retry-2')).body.id).not.toBe(
      first.body.id,
    );
    expect(await count('identify', 'competence_case', tenant)).toBe(2);
  });

  it('opens one case for ten concurrent requests with the same key', async () => {
    const tenant = 'idem-concurrent';
    const api = stack.api.withTenant(tenant);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => keyed(api, '/cases', openBody('HR-C'), 'concurrent-1')),
    );
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await count('identify', 'competence_case', tenant)).toBe(1);
    const events = await sql(
      'identify',
      `SELECT type, count(*)::int AS n FROM outbox WHERE tenant_id = $1 GROUP BY type ORDER BY type`,
      [tenant],
    );
    // One case.opened, after the standard's content announced to this new tenant once.
    expect(events).toEqual([
      { type: 'balanse.case.opened.v1', n: 1 },
      { type: 'balanse.standard.announced.v1', n: 1 },
    ]);
  });

  it('answers the first answer after identify restarts; a key past 24 h is new, and pruned', async () => {
    const tenant = 'idem-restart';
    const api = stack.api.withTenant(tenant);
    const first = await keyed(api, '/cases', openBody('HR-R'), 'restart-1');
    expect(first.status).toBe(201);
    const old = await keyed(api, '/cases', openBody('HR-O'), 'old-1');
    await sql(
      'identify',
      "UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = 'old-1'",
    );
    await stack.restart('identify');
    const again = await keyed(api, '/cases', openBody('HR-R'), 'restart-1');
    expect(again).toMatchObject({ status: 201, body: first.body });
    expect(await count('identify', 'competence_case', tenant)).toBe(2);
    // The first keyed creation after a start prunes expired keys (in the background).
    for (let i = 0; i < 50 && (await count('identify', 'idempotency_key', tenant)) > 1; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await count('identify', 'idempotency_key', tenant)).toBe(1);
    // An expired key is a new request, whatever its body.
    const reused = await keyed(api, '/cases', openBody('HR-P'), 'old-1');
    expect(reused.status).toBe(201);
    expect(reused.body.id).not.toBe(old.body.id);
  }, 120_000);

  it('makes evidence and standards idempotent too', async () => {
    const tenant = 'idem-more';
    const api = stack.api.withTenant(tenant);
    const opened = await api.post('/cases', openBody('HR-E'));
    const caseId = opened.body.id;
    expect(
      (await api.put(`/cases/${caseId}/scope`, { outcomeIds: standard.outcomeIds })).status,
    ).toBe(200);
    expect((await api.post(`/cases/${caseId}/identify/complete`)).status).toBe(200);
    const evidence = {
      kind: 'attestation',
      title: 'Attestation',
      outcomeIds: standard.outcomeIds,
    };
    // The first may wait for case.identified to reach document; the repeats find its reply.
    const added = await Promise.all(
      [1, 2, 3].map(() => keyed(api, `/cases/${caseId}/evidence`, evidence, 'evidence-1')),
    );
    expect(added.map(summary)).toEqual(Array(3).fill(summary(added[0])));
    expect(added[0].status).toBe(201);
    expect(await count('document', 'evidence', tenant)).toBe(1);
    const otherCase = await keyed(
      api,
      `/cases/${(await api.post('/cases', openBody('HR-F'))).body.id}/evidence`,
      evidence,
      'evidence-1',
    );
    expect(otherCase.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const body = smallStandard('idem-standard');
    const created = await keyed(api, '/standards', body, 'standard-1');
    expect(created.status).toBe(201);
    const repeated = await keyed(api, '/standards', body, 'standard-1');
    expect(repeated).toMatchObject({ status: 201, body: created.body });
    // Without the key, the same body is a new request: the code is taken.
    expect((await api.post('/standards', body)).status).toBe(409);
    expect(await count('identify', 'standard', tenant)).toBe(1);
  }, 60_000);

  it('refuses a key that is not 1-255 visible ASCII characters', async () => {
    const api = stack.api.withTenant('idem-bad');
    for (const key of ['', 'has space', 'k'.repeat(256), 'æøå']) {
      const res = await keyed(api, '/cases', openBody('HR-B'), key);
      expect({ key, status: res.status, fields: res.body.fields }).toEqual({
        key,
        status: 400,
        fields: [
          { field: 'header.idempotency-key', message: 'must be 1-255 visible ASCII characters' },
        ],
      });
    }
    expect(await count('identify', 'competence_case', 'idem-bad')).toBe(0);
  });
});
