import { elmCredential } from '../elm';
import { edcSchemaErrors } from '../elm/elm-schema.testing';
import type { Credential } from '../credentials/credential.entity';
import type { AnnouncedStandard } from '../standards/announced-standards';
import { certificateFacts } from './certificate-facts';
import { elmAward, recipientHashOf } from './elm-award';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const URL_BASE = 'https://balanse.example.no';
const HASH = 'a'.repeat(64);

/** Two clusters; outcomes 1-4 in the first, 5-6 in the second, in standard order. */
function standard(): AnnouncedStandard {
  const clusters = [
    { id: uuid(900), code: 'A', title: { nb: 'Ledelse', en: 'Leadership' } },
    { id: uuid(901), title: { nb: 'Økonomi', en: 'Finance' } },
  ];
  return {
    standardId: uuid(200),
    version: '2',
    code: 'AVDLEDER',
    title: { nb: 'Avdelingsleder', en: 'Department leader' },
    nqfLevel: 5,
    clusters: new Map(clusters.map((c) => [c.id, c])),
    outcomes: Array.from({ length: 6 }, (_, i) => ({
      id: uuid(i + 1),
      code: `K${i + 1}`,
      statement: { nb: `Kan lede ${i + 1}`, en: `Can lead ${i + 1}` },
      category: 'skills' as const,
      clusterId: clusters[i < 4 ? 0 : 1]!.id,
      escoSkills: i === 0 ? ['http://data.europa.eu/esco/skill/abc', 'urn:other:skill'] : [],
      credits: i < 2 ? 7.5 : undefined,
      education: i === 4 ? ['FHS-ØKONOMI ØK101'] : i === 5 ? ['FHS-ØKONOMI ØK101', 'LED202'] : [],
    })),
  };
}

function credential(kind: 'full' | 'partial', met: number[]): Credential {
  return {
    id: uuid(100),
    tenantId: 'default',
    caseId: uuid(300),
    standardId: uuid(200),
    kind,
    outcomeIds: met.map(uuid),
    standardOutcomeIds: [1, 2, 3, 4, 5, 6].map(uuid),
    standardVersion: '2',
    issuedAt: new Date('2026-03-12T10:00:00Z'),
    document: {
      id: `urn:uuid:${uuid(100)}`,
      issuer: { id: 'did:web:balanse.example.no', name: 'Solsiden sykehjem' },
    },
    statusList: 1,
    statusIndex: 7,
    recipientHash: `sha256$${HASH}`,
    revokedAt: null,
    revocationReason: null,
    suspendedAt: null,
    suspensionReason: null,
  };
}

describe('certificateFacts', () => {
  it('a partial result: the outcomes met and to reach by cluster, the training plan, no name', () => {
    const facts = certificateFacts(credential('partial', [1, 2, 5]), standard(), URL_BASE, 'Now');
    expect(facts.result).toBe('partial');
    expect(facts.outcomesMet.map((c) => [c.title.nb, c.outcomes.map((o) => o.code)])).toEqual([
      ['Ledelse', ['K1', 'K2']],
      ['Økonomi', ['K5']],
    ]);
    expect(facts.outcomesToReach.map((c) => [c.code, c.outcomes.map((o) => o.code)])).toEqual([
      ['A', ['K3', 'K4']],
      [undefined, ['K6']],
    ]);
    expect(facts.trainingPlan).toEqual(['FHS-ØKONOMI ØK101', 'LED202']);
    // The issuer as the signed credential names it, not the profile as it is now.
    expect(facts.issuerName).toBe('Solsiden sykehjem');
    expect(facts.verificationUrl).toBe(`${URL_BASE}/verify/${uuid(100)}`);
    expect(facts.issuedAt).toBe('2026-03-12T10:00:00.000Z');
    expect(facts.standard).toEqual({
      id: uuid(200),
      code: 'AVDLEDER',
      title: { nb: 'Avdelingsleder', en: 'Department leader' },
      version: '2',
    });
    expect(facts).not.toHaveProperty('candidateName'); // identify's alone
  });

  it('a full result: every outcome met, nothing to reach, no training plan', () => {
    const facts = certificateFacts(credential('full', [1, 2, 3, 4, 5, 6]), standard(), URL_BASE, 'x'); // prettier-ignore
    expect(facts.result).toBe('certified');
    expect(facts.outcomesMet.flatMap((c) => c.outcomes)).toHaveLength(6);
    expect(facts.outcomesToReach).toEqual([]);
    expect(facts.trainingPlan).toEqual([]);
  });
});

describe('elmAward', () => {
  const issuer = { did: 'did:web:balanse.example.no', name: 'Solsiden sykehjem', url: 'https://solsiden.example.no' }; // prettier-ignore

  it.each([
    ['full', [1, 2, 3, 4, 5, 6]],
    ['partial', [1, 5]],
  ] as const)('a %s award validates against the EDC schema', (kind, met) => {
    const elm = elmCredential(elmAward(credential(kind, [...met]), standard(), issuer, URL_BASE));
    expect(edcSchemaErrors(elm)).toEqual([]);
    const subject = elm['credentialSubject'] as any;
    expect(subject.id).toBe(`urn:balanse:recipient:sha256:${HASH}`);
    const claim = subject.hasClaim[0];
    expect(claim.awardedBy.awardingBody[0]).toMatchObject({
      id: 'https://solsiden.example.no',
      legalName: { nb: 'Solsiden sykehjem' },
    });
  });

  it('keeps only ESCO skill URIs, the NKR level, the credits and the programme', () => {
    const award = elmAward(credential('full', [1, 2, 3, 4, 5, 6]), standard(), issuer, URL_BASE);
    expect(award.standard.outcomes[0]!.escoSkills).toEqual([
      { uri: 'http://data.europa.eu/esco/skill/abc' },
    ]);
    expect(award.standard.nkrLevel).toBe(5);
    expect(award.standard.formalEducation).toEqual({
      programme: { nb: 'FHS-ØKONOMI ØK101, LED202' },
      credits: 15,
    });
    expect(award.trainingPlan).toBeUndefined();
  });

  it('a credential from before recipients were hashed: a hash of its case id', () => {
    const old = { ...credential('full', [1]), recipientHash: null };
    expect(recipientHashOf(old)).toMatch(/^[0-9a-f]{64}$/);
    expect(recipientHashOf(old)).not.toBe(HASH);
  });
});
