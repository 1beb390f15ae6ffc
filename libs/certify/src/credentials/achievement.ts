import type { AchievementCredentialInput, OutcomeInput } from '@balanse/credentials';
import type { EvidenceRefV1, RecipientHashV1 } from '@balanse/contracts';
import type { AnnouncedStandard } from '../standards/announced-standards';
import type { CredentialKind } from './credential-document';

/**
 * A standard larger than this is shown on a credential by the case's scope (the outcomes
 * assessed) instead of every outcome it has: a credential stays readable and quick to sign.
 */
export const CREDENTIAL_MAX_OUTCOMES = 1000;

/**
 * Where anyone (no token) reads an outcome of an announced standard version: what a credential
 * aligns each outcome to.
 */
export const outcomeUrl = (publicUrl: string, standardId: string, version: string, id: string) =>
  `${publicUrl}/api/v1/outcomes/${standardId}/${version}/${id}`;
/** Where the CASE binding serves a standard (CFDocument), with a token. */
export const caseDocumentUrl = (publicUrl: string, id: string) =>
  `${publicUrl}/ims/case/v1p1/CFDocuments/${id}`;

export interface AchievementFacts {
  id: string;
  issuedAt: Date;
  publicUrl: string;
  issuer: AchievementCredentialInput['issuer'];
  standard: AnnouncedStandard;
  kind: CredentialKind;
  met: readonly string[];
  /** The outcomes assessed (met, partly met, not met). */
  assessed: readonly string[];
  recipient: RecipientHashV1;
  /** The evidence the assessment rested on, by id and digest. */
  evidence: readonly EvidenceRefV1[];
  credentialStatus: Record<string, unknown>;
}

/** The credential's content from what certify knows: the standard, the decision, the recipient. */
export function achievementInput(f: AchievementFacts): AchievementCredentialInput {
  const isMet = new Set(f.met);
  const shown =
    f.standard.outcomes.length <= CREDENTIAL_MAX_OUTCOMES
      ? f.standard.outcomes
      : f.standard.outcomes.filter((o) => f.assessed.includes(o.id));
  const outcomes: OutcomeInput[] = shown.map((o) => ({
    id: `urn:uuid:${o.id}`,
    code: o.code,
    name: o.statement.nb,
    url: outcomeUrl(f.publicUrl, f.standard.standardId, f.standard.version, o.id),
    met: isMet.has(o.id),
    ...(o.escoSkills.length > 0 ? { escoSkills: o.escoSkills } : {}),
  }));
  const metOutcomes = shown.filter((o) => isMet.has(o.id));
  const credits = metOutcomes.reduce((sum, o) => sum + (o.credits ?? 0), 0);
  const levels = (pick: 'nkrLevel' | 'eqfLevel') =>
    Math.max(0, ...f.standard.outcomes.map((o) => o[pick] ?? 0)) || undefined;
  const nkrLevel = f.standard.nqfLevel ?? levels('nkrLevel');
  const eqfLevel = levels('eqfLevel') ?? nkrLevel;
  const notMet = shown.filter((o) => !isMet.has(o.id));
  const courses = [...new Set(notMet.flatMap((o) => o.education))];
  const { standard } = f;
  return {
    id: `urn:uuid:${f.id}`,
    issuer: f.issuer,
    validFrom: f.issuedAt,
    result: f.kind === 'full' ? 'certified' : 'partial',
    achievement: {
      id: caseDocumentUrl(f.publicUrl, standard.standardId),
      code: standard.code,
      name: standard.title.nb,
      description: `${standard.title.nb} / ${standard.title.en}`,
      version: standard.version,
      ...(nkrLevel ? { nkrLevel } : {}),
      ...(eqfLevel ? { eqfLevel } : {}),
      criteria: `The learning outcomes of ${standard.code} version ${standard.version}, each assessed by an independent assessor.`,
    },
    outcomes,
    ...(credits > 0 ? { creditsEarned: credits } : {}),
    recipient: f.recipient,
    evidence: f.evidence.map((e) => ({ id: `urn:uuid:${e.id}`, sha256: e.sha256 })),
    credentialStatus: f.credentialStatus,
    ...(f.kind === 'partial' && courses.length > 0
      ? {
          trainingPlan: {
            narrative: `Education that teaches the outcomes not yet met: ${courses.join(', ')}.`,
          },
        }
      : {}),
  };
}
