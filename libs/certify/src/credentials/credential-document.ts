import type { Decision } from '@balanse/contracts';

export type CredentialKind = 'full' | 'partial';

/** The credential a decision earns: the full standard, a partial certificate, or none. */
export function credentialKind(decision: Decision): CredentialKind | null {
  return decision === 'certified' ? 'full' : decision === 'partial' ? 'partial' : null;
}

/**
 * The credential as issued: an Open Badges 3.0 / W3C VC 2.0 `OpenBadgeCredential`, unsigned
 * (the proof is a later change). The achievement is the standard; a result per outcome met.
 */
export function credentialDocument(input: {
  id: string;
  issuedAt: Date;
  standardId: string;
  kind: CredentialKind;
  met: readonly string[];
}): Record<string, unknown> {
  const { id, issuedAt, standardId, kind, met } = input;
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: `urn:uuid:${id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    validFrom: issuedAt.toISOString(),
    credentialSubject: {
      type: ['AchievementSubject'],
      achievement: {
        id: `urn:uuid:${standardId}`,
        type: ['Achievement'],
        achievementType: kind === 'full' ? 'Certificate' : 'Competency',
        criteria: {
          narrative:
            kind === 'full'
              ? 'All learning outcomes in scope were met.'
              : 'The listed learning outcomes were met.',
        },
      },
      result: met.map((outcomeId) => ({
        type: ['Result'],
        resultDescription: `urn:uuid:${outcomeId}`,
        status: 'Completed',
      })),
    },
  };
}
