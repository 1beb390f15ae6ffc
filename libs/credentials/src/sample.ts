import type { AchievementCredentialInput } from './achievement-credential';

/** Sample input (tests and the benchmark): a 19-outcome standard, as issue 9's benchmark uses; `metCount` outcomes met, the rest not yet. */
export function sampleAchievementInput(metCount = 19): AchievementCredentialInput {
  const outcomes = Array.from({ length: 19 }, (_, i) => ({
    id: `https://balanse.example.no/standards/ba-fagbrev/1.2/outcomes/lo-${i + 1}`,
    code: `K${i + 1}`,
    name: `Læringsutbytte ${i + 1}: utfører arbeidet etter gjeldende forskrifter`,
    url: `https://balanse.example.no/standards/ba-fagbrev/1.2/outcomes/lo-${i + 1}`,
    met: i < metCount,
  }));
  return {
    id: 'urn:uuid:4f1c1d2e-3b4a-4c5d-8e6f-7a8b9c0d1e2f',
    issuer: {
      id: 'did:web:balanse.example.no',
      name: 'Balanse',
      url: 'https://balanse.example.no',
    },
    source: { id: 'https://vurdering.example.no', name: 'Vurderingssenteret AS' },
    validFrom: '2026-11-01T10:00:00Z',
    result: metCount === 19 ? 'certified' : 'partial',
    achievement: {
      id: 'https://balanse.example.no/standards/ba-fagbrev/1.2',
      code: 'BA-FAGBREV',
      name: 'Fagbrev i betongfaget',
      version: '1.2',
      nkrLevel: 4,
      eqfLevel: 4,
    },
    outcomes,
    creditsEarned: 30,
    recipient: {
      identifier: 'kari.nordmann@example.no',
      salt: 'c2FsdC0xMjM0',
      identityType: 'emailAddress',
    },
    evidence: [
      {
        id: 'https://balanse.example.no/evidence/9b2f',
        name: 'Praksisbevis',
        sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      },
    ],
    ...(metCount < 19 ? { trainingPlan: { narrative: 'Tre måneder praksis i bedrift.' } } : {}),
  };
}
