import type {
  AnnouncedOutcomeV1,
  CertificateClusterFacts,
  CertificateFacts,
} from '@balanse/contracts';
import type { Credential } from '../credentials/credential.entity';
import type { AnnouncedStandard } from '../standards/announced-standards';

/** The public verification page of a credential (served by the gateway). */
export const verificationUrl = (publicUrl: string, credentialId: string) =>
  `${publicUrl}/verify/${credentialId}`;

/** The issuer's name as the signed credential has it; else (an unsigned one) `fallback`. */
export function issuerNameOf(document: Record<string, unknown>, fallback: string): string {
  const issuer = document['issuer'];
  if (issuer && typeof issuer === 'object') {
    const name = (issuer as Record<string, unknown>)['name'];
    if (typeof name === 'string' && name.trim()) return name;
  }
  return fallback;
}

/** Outcomes grouped by their cluster: clusters in the order their first outcome comes. */
export function byCluster(
  standard: AnnouncedStandard,
  outcomes: readonly AnnouncedOutcomeV1[],
): CertificateClusterFacts[] {
  const groups = new Map<string, CertificateClusterFacts>();
  for (const o of outcomes) {
    let group = groups.get(o.clusterId);
    if (!group) {
      const cluster = standard.clusters.get(o.clusterId);
      group = {
        id: o.clusterId,
        ...(cluster?.code ? { code: cluster.code } : {}),
        title: cluster?.title ?? { nb: '', en: '' },
        outcomes: [],
      };
      groups.set(o.clusterId, group);
    }
    group.outcomes.push({ id: o.id, code: o.code, statement: o.statement });
  }
  return [...groups.values()];
}

/** The education that teaches the outcomes not met: one step each, first mention first. */
export function trainingPlanOf(notMet: readonly AnnouncedOutcomeV1[]): string[] {
  return [...new Set(notMet.flatMap((o) => o.education).map((e) => e.trim()))].filter(Boolean);
}

/**
 * What the PDF certificate of a credential shows, from what certify holds: the stored credential
 * and the standard's announced content. No personal data: the candidate's name is identify's.
 */
export function certificateFacts(
  credential: Credential,
  standard: AnnouncedStandard,
  publicUrl: string,
  profileName: string,
): CertificateFacts {
  const met = new Set(credential.outcomeIds);
  const metOutcomes = standard.outcomes.filter((o) => met.has(o.id));
  const notMet = standard.outcomes.filter((o) => !met.has(o.id));
  const partial = credential.kind === 'partial';
  return {
    credentialId: credential.id,
    caseId: credential.caseId,
    result: partial ? 'partial' : 'certified',
    standard: {
      id: standard.standardId,
      code: standard.code,
      title: standard.title,
      version: standard.version,
    },
    outcomesMet: byCluster(standard, metOutcomes),
    outcomesToReach: partial ? byCluster(standard, notMet) : [],
    trainingPlan: partial ? trainingPlanOf(notMet) : [],
    issuerName: issuerNameOf(credential.document, profileName),
    issuedAt: credential.issuedAt.toISOString(),
    verificationUrl: verificationUrl(publicUrl, credential.id),
    credential: credential.document,
  };
}
