import Ajv2019 from 'ajv/dist/2019';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import addFormats from 'ajv-formats';
import { achievementCredential, identityHash } from '@balanse/credentials';
import type { AnnouncedStandard } from '../standards/announced-standards';
import { achievementInput, CREDENTIAL_MAX_OUTCOMES, type AchievementFacts } from './achievement';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const URL_BASE = 'https://balanse.example.no';
const validate = (() => {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  // The official 1EdTech schema, as @balanse/credentials keeps it for its tests.
  const file = join(__dirname, '../../../credentials/src/test/achievementcredential.schema.json');
  return ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
})();

function standard(count: number): AnnouncedStandard {
  const cluster = { id: uuid(900), code: 'A', title: { nb: 'Ledelse', en: 'Leadership' } };
  return {
    standardId: uuid(200),
    version: '2',
    code: 'AVDLEDER',
    title: { nb: 'Avdelingsleder', en: 'Department leader' },
    clusters: new Map([[cluster.id, cluster]]),
    outcomes: Array.from({ length: count }, (_, i) => ({
      id: uuid(i + 1),
      code: `K${i + 1}`,
      statement: { nb: `Kan lede ${i + 1}`, en: `Can lead ${i + 1}` },
      category: 'skills' as const,
      clusterId: cluster.id,
      nkrLevel: 5,
      eqfLevel: 5,
      escoSkills: i === 0 ? ['http://data.europa.eu/esco/skill/abc'] : [],
      credits: i < 2 ? 7.5 : undefined,
      education: i === 3 ? ['FHS-LEDELSE LED101'] : [],
    })),
  };
}

const salt = '0123456789abcdef0123456789abcdef';
const facts = (over: Partial<AchievementFacts> = {}): AchievementFacts => ({
  id: uuid(100),
  issuedAt: new Date('2026-11-29T10:00:00Z'),
  publicUrl: URL_BASE,
  issuer: { id: 'did:web:balanse.example.no', name: 'Acme AS', url: 'https://acme.example' },
  standard: standard(19),
  kind: 'full',
  met: standard(19).outcomes.map((o) => o.id),
  assessed: standard(19).outcomes.map((o) => o.id),
  evidence: [{ id: uuid(700), sha256: 'ab'.repeat(32) }],
  recipient: {
    identityHash: identityHash('kari@example.no', salt),
    salt,
    identityType: 'emailAddress',
  },
  credentialStatus: {
    id: `${URL_BASE}/api/v1/status-lists/1/revocation#42`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: '42',
    statusListCredential: `${URL_BASE}/api/v1/status-lists/1/revocation`,
  },
  ...over,
});

describe('the credential certify issues', () => {
  it('certified: every outcome aligned to its public outcome URL, NKR/EQF levels, credits, one status entry; the official schema accepts it', () => {
    const credential = achievementCredential(achievementInput(facts())) as any;
    expect(validate(credential)).toBe(true);
    const achievement = credential.credentialSubject.achievement;
    expect(achievement).toMatchObject({
      id: `${URL_BASE}/ims/case/v1p1/CFDocuments/${uuid(200)}`,
      humanCode: 'AVDLEDER',
      version: '2',
      name: 'Avdelingsleder',
    });
    const cfItems = achievement.alignment.filter((a: any) => a.targetType === 'CFItem');
    expect(cfItems).toHaveLength(19);
    // The public outcome route: a verifier opens it without a token.
    expect(cfItems[0]).toMatchObject({
      targetUrl: `${URL_BASE}/api/v1/outcomes/${uuid(200)}/2/${uuid(1)}`,
      targetCode: 'K1',
    });
    expect(achievement.resultDescription[0].alignment[0].targetUrl).toBe(cfItems[0].targetUrl);
    expect(achievement.alignment.map((a: any) => a.targetFramework)).toEqual(
      expect.arrayContaining(['NKR', 'EQF']),
    );
    expect(JSON.stringify(achievement.resultDescription[0])).toContain('esco/skill/abc');
    expect(credential.credentialSubject.creditsEarned).toBe(15);
    expect(credential.credentialStatus.statusPurpose).toBe('revocation');
    expect(credential.credentialSubject.identifier[0]).toEqual({
      type: 'IdentityObject',
      hashed: true,
      identityHash: identityHash('kari@example.no', salt),
      identityType: 'emailAddress',
      salt,
    });
    expect(JSON.stringify(credential)).not.toContain('kari@example.no');
    expect(credential.issuer).toMatchObject({ name: 'Acme AS', url: 'https://acme.example' });
    expect(credential.evidence).toEqual([
      {
        id: `urn:uuid:${uuid(700)}`,
        type: ['Evidence'],
        digestSRI: `sha256-${Buffer.from('ab'.repeat(32), 'hex').toString('base64')}`,
      },
    ]);
  });

  it('partial (kompetansebevis): the outcomes not yet met and the education that teaches them', () => {
    const all = standard(19).outcomes.map((o) => o.id);
    const credential = achievementCredential(
      achievementInput(facts({ kind: 'partial', met: all.slice(0, 2) })),
    ) as any;
    expect(validate(credential)).toBe(true);
    expect(credential.name).toBe('Kompetansebevis: Avdelingsleder');
    const narrative: string = credential.credentialSubject.narrative;
    expect(narrative).toContain('Learning outcomes not yet met:');
    expect(narrative).toContain('K3 Kan lede 3');
    expect(narrative).not.toContain('K2 Kan lede 2');
    expect(narrative).toContain('FHS-LEDELSE LED101');
    const statuses = credential.credentialSubject.result.map((r: any) => r.status);
    expect(statuses.filter((s: string) => s === 'Completed')).toHaveLength(2);
  });

  it(`a standard of more than ${CREDENTIAL_MAX_OUTCOMES} outcomes shows the assessed ones`, () => {
    const big = standard(CREDENTIAL_MAX_OUTCOMES + 5);
    const assessed = big.outcomes.slice(0, 3).map((o) => o.id);
    const input = achievementInput(
      facts({ standard: big, kind: 'partial', met: assessed.slice(0, 1), assessed }),
    );
    expect(input.outcomes.map((o) => o.id)).toEqual(assessed.map((id) => `urn:uuid:${id}`));
  });
});
