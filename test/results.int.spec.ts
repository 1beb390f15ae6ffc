import {
  seededStandard,
  startStack,
  waitForPhase,
  type ApiClient,
  type Stack,
} from '@balanse/testing';

/** Honest results, through the API: a scope narrower than the standard is never `certified`. */
describe('results: certified means the whole standard', () => {
  let stack: Stack;
  let api: ApiClient;

  beforeAll(async () => {
    stack = await startStack({ mode: 'embedded' });
    api = stack.api;
  }, 180_000);
  afterAll(() => stack?.stop(), 30_000);

  it('2 of the 19 outcomes in scope, both met: partial, with a partial credential naming the 2', async () => {
    const standard = await seededStandard(api);
    expect(standard.outcomeIds).toHaveLength(19);
    const scope = standard.outcomeIds.slice(0, 2);
    const caseId: string = (
      await api.post('/cases', {
        standardId: standard.id,
        candidate: { externalId: 'results-2-of-19', name: 'Two Outcomes' },
      })
    ).body.id;
    expect((await api.put(`/cases/${caseId}/scope`, { outcomeIds: scope })).status).toBe(200);

    const identified = await api.post(`/cases/${caseId}/identify/complete`);
    expect(identified.status).toBe(200);
    expect(identified.body).toEqual({
      caseId,
      completed: 'identify',
      phase: 'document',
      result: null,
      summary: { outcomes: 2 },
    });

    const evidence = await api.post(`/cases/${caseId}/evidence`, {
      kind: 'attestation',
      title: 'Employer attestation',
      outcomeIds: scope,
    });
    expect(evidence.status).toBe(201);
    const documented = await api.post(`/cases/${caseId}/document/complete`);
    expect(documented.status).toBe(200);
    expect(documented.body).toEqual({
      caseId,
      completed: 'document',
      phase: 'assess',
      result: null,
      summary: { evidenceCount: 1 },
    });

    await waitForPhase(api, caseId, 'assess');
    for (const outcomeId of scope) {
      const judged = await api.put(`/cases/${caseId}/assess/outcomes/${outcomeId}`, {
        judgement: 'met',
        rationale: 'Shown in the attestation.',
      });
      expect(judged.status).toBe(200);
    }
    const assessed = await api.post(`/cases/${caseId}/assess/complete`);
    expect(assessed.status).toBe(200);
    expect(assessed.body).toEqual({
      caseId,
      completed: 'assess',
      phase: 'certify',
      result: null,
      summary: { decision: 'partial', met: 2, partlyMet: 0, notMet: 0, standardOutcomes: 19 },
    });

    const final = await waitForPhase(api, caseId, 'completed');
    expect(final.result).toBe('partial');

    const credentials = (await api.get(`/cases/${caseId}/credentials`)).body.items;
    expect(credentials).toHaveLength(1);
    const [credential] = credentials;
    expect(credential).toMatchObject({
      caseId,
      kind: 'partial',
      // The version the case pinned travels identified → documented → assessed → certified.
      standardVersion: '1',
      outcomeIds: scope,
      outcomesMet: 2,
      standardOutcomeCount: 19,
      notYetMetOutcomeIds: standard.outcomeIds.slice(2),
    });
    // The signed Open Badges 3.0 credential: every outcome of the standard, 2 of them met, and
    // for this kompetansebevis the 17 not yet met in words.
    const document = credential.credential;
    expect(document.type).toEqual(['VerifiableCredential', 'AchievementCredential']);
    expect(document.proof[0]).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
    });
    const subject = document.credentialSubject;
    expect(subject.achievement.version).toBe('1');
    const completed = subject.result
      .filter((r: { status: string }) => r.status === 'Completed')
      .map((r: { resultDescription: string }) => r.resultDescription);
    expect(completed).toEqual(scope.map((id) => `urn:uuid:${id}`));
    expect(subject.narrative).toContain('Learning outcomes not yet met:');
    expect(subject.identifier[0]).toMatchObject({ type: 'IdentityObject', hashed: true });
  });
});
