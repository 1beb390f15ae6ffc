import { credentialDocument, credentialKind, standardCoverage } from './credential-document';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** A standard of 19 outcomes, like the seeded one. */
const STANDARD = Array.from({ length: 19 }, (_, i) => uuid(i + 1));
const CREDENTIAL = uuid(100);
const STANDARD_ID = uuid(200);
const ISSUED_AT = new Date('2026-01-15T10:00:00Z');

const documentFor = (kind: 'full' | 'partial', met: string[], standardOutcomeIds = STANDARD) =>
  credentialDocument({
    id: CREDENTIAL,
    issuedAt: ISSUED_AT,
    standardId: STANDARD_ID,
    kind,
    met,
    standardOutcomeIds,
  }) as any;

describe('the credential a decision earns', () => {
  it('is the full one for certified', () => {
    expect(credentialKind('certified')).toBe('full');
  });

  it('is a partial one for partial', () => {
    expect(credentialKind('partial')).toBe('partial');
  });

  it('is none for not_certified', () => {
    expect(credentialKind('not_certified')).toBeNull();
  });
});

describe('how much of the standard a credential covers', () => {
  it('all of it when every outcome was met', () => {
    expect(standardCoverage(STANDARD, STANDARD)).toEqual({
      outcomesMet: 19,
      standardOutcomeCount: 19,
      notYetMetOutcomeIds: [],
    });
  });

  it('2 of 19, listing the 17 not yet met in the standard order', () => {
    const coverage = standardCoverage([STANDARD[4], STANDARD[0]], STANDARD);
    expect(coverage).toMatchObject({ outcomesMet: 2, standardOutcomeCount: 19 });
    expect(coverage.notYetMetOutcomeIds).toEqual(
      STANDARD.filter((id) => id !== STANDARD[0] && id !== STANDARD[4]),
    );
  });

  it('unknown when the standard is (a case from before its outcomes were carried)', () => {
    expect(standardCoverage([STANDARD[0]], [])).toEqual({
      outcomesMet: 1,
      standardOutcomeCount: null,
      notYetMetOutcomeIds: null,
    });
  });
});

describe('the credential document', () => {
  it('is an Open Badges 3.0 credential for the standard', () => {
    const doc = documentFor('full', STANDARD);
    expect(doc).toMatchObject({
      id: `urn:uuid:${CREDENTIAL}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      validFrom: '2026-01-15T10:00:00.000Z',
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: { id: `urn:uuid:${STANDARD_ID}`, achievementType: 'Certificate' },
      },
    });
  });

  it('full: a result per outcome and criteria saying all of the standard was met', () => {
    const doc = documentFor('full', STANDARD);
    expect(doc.credentialSubject.result).toHaveLength(19);
    expect(doc.credentialSubject.achievement.criteria.narrative).toMatch(
      /^All 19 learning outcomes of the standard were assessed and met: urn:uuid:/,
    );
  });

  it('partial: names the 2 outcomes met as results, each described', () => {
    const doc = documentFor('partial', [STANDARD[0], STANDARD[1]]);
    expect(doc.credentialSubject.achievement.achievementType).toBe('Competency');
    expect(doc.credentialSubject.result).toEqual([
      { type: ['Result'], resultDescription: `urn:uuid:${STANDARD[0]}`, status: 'Completed' },
      { type: ['Result'], resultDescription: `urn:uuid:${STANDARD[1]}`, status: 'Completed' },
    ]);
    expect(
      doc.credentialSubject.achievement.resultDescription.map((d: { id: string }) => d.id),
    ).toEqual([`urn:uuid:${STANDARD[0]}`, `urn:uuid:${STANDARD[1]}`]);
  });

  it('partial: criteria say 2 of the standard’s 19 were met and list what is not yet met', () => {
    const narrative: string = documentFor('partial', [STANDARD[0], STANDARD[1]]).credentialSubject
      .achievement.criteria.narrative;
    expect(narrative).toMatch(
      /^2 of the standard's 19 learning outcomes were assessed and met: urn:uuid:\S+, urn:uuid:\S+\. Not yet met: /,
    );
    for (const id of STANDARD.slice(2)) expect(narrative).toContain(`urn:uuid:${id}`);
  });

  it('partial, standard unknown: criteria name what was met without a count of the standard', () => {
    const narrative: string = documentFor('partial', [STANDARD[0]], []).credentialSubject
      .achievement.criteria.narrative;
    expect(narrative).toBe(`1 learning outcome(s) were assessed and met: urn:uuid:${STANDARD[0]}.`);
  });
});
