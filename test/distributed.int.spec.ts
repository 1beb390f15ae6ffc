import {
  driveCase,
  readEventStream,
  seededStandard,
  startStack,
  type Stack,
} from '@balanse/testing';

describe('distributed mode: separate service processes over NATS JetStream and PostgreSQL', () => {
  let stack: Stack;
  let standard: { id: string; outcomeIds: string[] };

  beforeAll(async () => {
    stack = await startStack({ mode: 'distributed' });
    standard = await seededStandard(stack.api);
  }, 120_000);
  afterAll(() => stack?.stop());

  it('moves a case through identify, document, assess and certify', async () => {
    const { caseId, final } = await driveCase(stack.api, standard, { externalId: 'dist-1' });
    expect(final).toMatchObject({ phase: 'completed', result: 'certified' });
    expect(final.history.map((h: { event: string }) => h.event)).toEqual([
      'opened',
      'scope_set',
      'identified',
      'documented',
      'assessed',
      'certified',
    ]);
    expect(final.history.map((h: { phase: string }) => h.phase)).toEqual([
      'identify',
      'identify',
      'document',
      'assess',
      'certify',
      'completed',
    ]);
    const credentials = await stack.api.get(`/cases/${caseId}/credentials`);
    expect(credentials.status).toBe(200);
    expect(credentials.body).toMatchObject({ hasMore: false, nextCursor: null });
    expect(credentials.body.items).toHaveLength(1);
    expect(credentials.body.items[0]).toMatchObject({ kind: 'full', caseId });
    expect(credentials.body.items[0].outcomeIds).toHaveLength(19);
    const one = await stack.api.get(`/credentials/${credentials.body.items[0].id}`);
    expect(one.body.credential.type).toContain('VerifiableCredential');
  });

  it('issues a partial credential when some outcomes are met, none when none are', async () => {
    const partial = await driveCase(stack.api, standard, {
      externalId: 'dist-2',
      judge: (_, i) => (i < 10 ? 'met' : i < 15 ? 'partly_met' : 'not_met'),
    });
    expect(partial.final.result).toBe('partial');
    const credentials = await stack.api.get(`/cases/${partial.caseId}/credentials`);
    expect(credentials.body.items).toHaveLength(1);
    expect(credentials.body.items[0].kind).toBe('partial');
    expect(credentials.body.items[0].outcomeIds).toHaveLength(10);

    const none = await driveCase(stack.api, standard, {
      externalId: 'dist-3',
      judge: () => 'not_met',
    });
    expect(none.final.result).toBe('not_certified');
    expect((await stack.api.get(`/cases/${none.caseId}/credentials`)).body.items).toEqual([]);
  });

  it('publishes CloudEvents 1.0 with tenant, correlation and causation, and no personal data', async () => {
    await driveCase(stack.api, standard, { externalId: 'dist-4' });
    const events = await readEventStream();
    expect(events.length).toBeGreaterThanOrEqual(5);
    for (const e of events) {
      expect(e).toMatchObject({
        specversion: '1.0',
        tenantid: 'default',
        datacontenttype: 'application/json',
      });
      expect(typeof e['correlationid']).toBe('string');
      expect(typeof e['causationid']).toBe('string');
      expect(typeof e['subject']).toBe('string');
    }
    expect(new Set(events.map((e) => e['type']))).toEqual(
      new Set([
        'balanse.standard.announced.v1',
        'balanse.case.opened.v1',
        'balanse.case.identified.v2',
        'balanse.case.documented.v2',
        'balanse.case.assessed.v2',
        'balanse.case.certified.v1',
      ]),
    );
    expect(JSON.stringify(events)).not.toContain('Candidate dist-');
    // The recipient travels only as a salted hash (for the credential).
    const opened = events.find((e) => e['type'] === 'balanse.case.opened.v1')!;
    expect((opened['data'] as { recipient: unknown }).recipient).toMatchObject({
      identityHash: expect.stringMatching(/^sha256\$[0-9a-f]{64}$/),
      salt: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });
});
