import { createHash } from 'node:crypto';
import type { ElmAwardInput, ElmOutcome } from '../elm';
import { caseDocumentUrl, outcomeUrl } from '../credentials/achievement';
import type { Credential } from '../credentials/credential.entity';
import type { AnnouncedStandard } from '../standards/announced-standards';
import { trainingPlanOf } from './certificate-facts';

const ESCO = 'http://data.europa.eu/esco/';

/** The issuer as the signed credential names it, else the tenant's profile now. */
export interface ElmIssuer {
  did: string;
  name: string;
  url: string | null;
}

/**
 * The recipient as ELM gets it: the 64 hex digits of the credential's salted SHA-256
 * (`sha256$…`), never a name; a credential from before recipients were hashed gets a hash of its
 * case id.
 */
export function recipientHashOf(credential: Credential): string {
  const stored = /^sha256\$([0-9a-f]{64})$/.exec(credential.recipientHash ?? '');
  return stored
    ? stored[1]!
    : createHash('sha256').update(`urn:uuid:${credential.caseId}`, 'utf8').digest('hex');
}

/** The award for `elmCredential`: the stored credential with the standard's announced content. */
export function elmAward(
  credential: Credential,
  standard: AnnouncedStandard,
  issuer: ElmIssuer,
  publicUrl: string,
): ElmAwardInput {
  const met = new Set(credential.outcomeIds);
  const outcomes: ElmOutcome[] = standard.outcomes.map((o) => {
    const skills = o.escoSkills.filter((uri) => uri.startsWith(ESCO));
    return {
      id: o.id,
      url: outcomeUrl(publicUrl, standard.standardId, standard.version, o.id),
      statement: o.statement,
      ...(skills.length > 0 ? { escoSkills: skills.map((uri) => ({ uri })) } : {}),
    };
  });
  const levels = standard.outcomes.map((o) => o.nkrLevel ?? 0);
  const nkrLevel = standard.nqfLevel ?? (Math.max(0, ...levels) || undefined);
  const credits = standard.outcomes.reduce((sum, o) => sum + (o.credits ?? 0), 0);
  const programmes = [...new Set(standard.outcomes.flatMap((o) => o.education))];
  const notMet = standard.outcomes.filter((o) => !met.has(o.id));
  const plan = credential.kind === 'partial' ? trainingPlanOf(notMet) : [];
  return {
    credentialId: credential.id,
    issuedAt: credential.issuedAt,
    kind: credential.kind,
    issuerId: issuer.did,
    awardingBody: {
      id: issuer.url ?? issuer.did,
      name: { nb: issuer.name },
      ...(issuer.url ? { homepage: issuer.url } : {}),
    },
    recipientHash: recipientHashOf(credential),
    standard: {
      id: standard.standardId,
      url: caseDocumentUrl(publicUrl, standard.standardId),
      title: standard.title,
      version: standard.version,
      ...(nkrLevel ? { nkrLevel } : {}),
      outcomes,
      ...(programmes.length > 0
        ? {
            formalEducation: {
              programme: { nb: programmes.join(', ') },
              ...(credits > 0 ? { credits } : {}),
            },
          }
        : {}),
    },
    metOutcomeIds: standard.outcomes.filter((o) => met.has(o.id)).map((o) => o.id),
    ...(plan.length > 0
      ? {
          trainingPlan: {
            nb: `Opplæring som gir læringsutbyttet som gjenstår: ${plan.join(', ')}.`,
            en: `Education that teaches the learning outcomes still to reach: ${plan.join(', ')}.`,
          },
        }
      : {}),
  };
}
