import type { Decision } from '@balanse/contracts';

export type CredentialKind = 'full' | 'partial';

/**
 * The credential a decision earns. Only `certified` (every outcome of the standard met) earns
 * the full one; `partial` earns a partial certificate (kompetansebevis); nothing met, none.
 */
export function credentialKind(decision: Decision): CredentialKind | null {
  return decision === 'certified' ? 'full' : decision === 'partial' ? 'partial' : null;
}

/** How much of its standard a credential covers; null where the standard's outcomes are unknown. */
export interface StandardCoverage {
  outcomesMet: number;
  standardOutcomeCount: number | null;
  /** The standard's outcomes not met (partly met, not met, or outside the scope). */
  notYetMetOutcomeIds: string[] | null;
}

/** `standardOutcomeIds` is empty for a case that started before the standard's outcomes were carried. */
export function standardCoverage(
  met: readonly string[],
  standardOutcomeIds: readonly string[],
): StandardCoverage {
  if (standardOutcomeIds.length === 0)
    return { outcomesMet: met.length, standardOutcomeCount: null, notYetMetOutcomeIds: null };
  const isMet = new Set(met);
  return {
    outcomesMet: met.length,
    standardOutcomeCount: standardOutcomeIds.length,
    notYetMetOutcomeIds: standardOutcomeIds.filter((id) => !isMet.has(id)),
  };
}

/**
 * The credential as issued: an Open Badges 3.0 / W3C VC 2.0 `OpenBadgeCredential`, unsigned
 * (the proof is a later change). The achievement is the standard; the outcomes met are its
 * results, each described in `achievement.resultDescription`, and the criteria say in words how
 * much of the standard that is and, for a partial one, what is not yet met.
 */
export function credentialDocument(input: {
  id: string;
  issuedAt: Date;
  standardId: string;
  kind: CredentialKind;
  met: readonly string[];
  standardOutcomeIds: readonly string[];
}): Record<string, unknown> {
  const { id, issuedAt, standardId, kind, met, standardOutcomeIds } = input;
  const urn = (uuid: string) => `urn:uuid:${uuid}`;
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: urn(id),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    validFrom: issuedAt.toISOString(),
    credentialSubject: {
      type: ['AchievementSubject'],
      achievement: {
        id: urn(standardId),
        type: ['Achievement'],
        achievementType: kind === 'full' ? 'Certificate' : 'Competency',
        criteria: { narrative: criteria(kind, met, standardCoverage(met, standardOutcomeIds)) },
        resultDescription: met.map((outcomeId) => ({
          id: urn(outcomeId),
          type: ['ResultDescription'],
          name: `Learning outcome ${urn(outcomeId)}`,
          resultType: 'Status',
        })),
      },
      result: met.map((outcomeId) => ({
        type: ['Result'],
        resultDescription: urn(outcomeId),
        status: 'Completed',
      })),
    },
  };
}

function criteria(
  kind: CredentialKind,
  met: readonly string[],
  coverage: StandardCoverage,
): string {
  const list = (ids: readonly string[]) => ids.map((id) => `urn:uuid:${id}`).join(', ');
  const { outcomesMet, standardOutcomeCount, notYetMetOutcomeIds } = coverage;
  if (kind === 'full')
    return `All ${outcomesMet} learning outcomes of the standard were assessed and met: ${list(met)}.`;
  const metPart =
    standardOutcomeCount === null
      ? `${outcomesMet} learning outcome(s) were assessed and met`
      : `${outcomesMet} of the standard's ${standardOutcomeCount} learning outcomes were assessed and met`;
  const notYet =
    notYetMetOutcomeIds && notYetMetOutcomeIds.length > 0
      ? ` Not yet met: ${list(notYetMetOutcomeIds)}.`
      : '';
  return `${metPart}: ${list(met)}.${notYet}`;
}
