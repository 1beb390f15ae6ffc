import { assessed, certified, documented, requirePhase } from './progress';

const CASE = '00000000-0000-4000-8000-000000000001';
const STANDARD = '00000000-0000-4000-8000-000000000002';

describe('where the later phases take a case', () => {
  it('documented → assess, with the evidence count in the history', () => {
    expect(
      documented({
        caseId: CASE,
        standardId: STANDARD,
        outcomeIds: ['o1'],
        standardOutcomeIds: ['o1', 'o2'],
        evidenceCount: 3,
      }),
    ).toEqual({ phase: 'assess', event: 'documented', result: null, detail: { evidenceCount: 3 } });
  });

  it('assessed with something met → certify, no result yet', () => {
    const progress = assessed({
      caseId: CASE,
      standardId: STANDARD,
      decision: 'partial',
      met: ['o1'],
      partlyMet: ['o2'],
      notMet: [],
      standardOutcomeIds: ['o1', 'o2', 'o3'],
    });
    expect(progress).toEqual({
      phase: 'certify',
      event: 'assessed',
      result: null,
      detail: { decision: 'partial', met: 1, partlyMet: 1, notMet: 0 },
    });
  });

  it('assessed with nothing met → completed, not_certified', () => {
    const progress = assessed({
      caseId: CASE,
      standardId: STANDARD,
      decision: 'not_certified',
      met: [],
      partlyMet: [],
      notMet: ['o1'],
      standardOutcomeIds: ['o1', 'o2'],
    });
    expect(progress).toMatchObject({ phase: 'completed', result: 'not_certified' });
  });

  it('certified → completed with the credential and its result', () => {
    const credentialId = '00000000-0000-4000-8000-000000000003';
    expect(
      certified({ caseId: CASE, credentialId, result: 'partial', outcomeIds: ['o1'] }),
    ).toEqual({
      phase: 'completed',
      event: 'certified',
      result: 'partial',
      detail: { credentialId, result: 'partial' },
    });
  });

  it('lets a command of the phase the case is in through', () => {
    expect(() => requirePhase('identify', 'identify')).not.toThrow();
  });

  it('refuses a command of a phase the case has left', () => {
    expect(() => requirePhase('document', 'identify')).toThrow(
      expect.objectContaining({
        status: 409,
        code: 'CASE_NOT_IN_PHASE',
        details: { phase: 'document', expected: 'identify' },
      }),
    );
  });
});
