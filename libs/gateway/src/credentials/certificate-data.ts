import {
  validationError,
  type CertificateClusterFacts,
  type CertificateFacts,
  type CertificateText,
} from '@balanse/contracts';
import type {
  CertificateCluster,
  CertificateData,
  CertificateLanguage,
} from '@balanse/certificate-pdf';

/** `?lang=`: the certificate's label languages, the first the document's. */
export const CERTIFICATE_LANGS = ['nb,en', 'nb', 'en', 'en,nb'] as const;

/** The languages `?lang=` asks for: `nb,en` (the default), `nb`, `en` or `en,nb`; else 400 `lang`. */
export function certificateLanguages(query: Record<string, unknown>): CertificateLanguage[] {
  const lang = query['lang'];
  if (lang === undefined) return ['nb', 'en'];
  if (typeof lang !== 'string' || !(CERTIFICATE_LANGS as readonly string[]).includes(lang))
    throw validationError([
      { field: 'lang', message: `lang must be one of ${CERTIFICATE_LANGS.join(' | ')}` },
    ]);
  return lang.split(',') as CertificateLanguage[];
}

/** The suggested file name: `kompetansebevis-<id>.pdf`. */
export const certificateFileName = (credentialId: string) => `kompetansebevis-${credentialId}.pdf`;

/**
 * What the PDF shows: certify's facts (no personal data) and the candidate's name from identify,
 * texts in the first language asked for (bokmål where the standard has no English).
 */
export function certificateData(
  facts: CertificateFacts,
  candidateName: string,
  languages: CertificateLanguage[],
): CertificateData {
  const text = (t: CertificateText) => (languages[0] === 'en' && t.en?.trim() ? t.en : t.nb);
  const clusters = (list: CertificateClusterFacts[]): CertificateCluster[] =>
    list.map((c) => ({
      title: text(c.title),
      outcomes: c.outcomes.map((o) => ({ code: o.code, title: text(o.statement) })),
    }));
  return {
    candidateName,
    standard: { title: text(facts.standard.title), version: facts.standard.version },
    result: facts.result,
    outcomesMet: clusters(facts.outcomesMet),
    ...(facts.result === 'partial'
      ? { outcomesToReach: clusters(facts.outcomesToReach), trainingPlan: facts.trainingPlan }
      : {}),
    issuerName: facts.issuerName,
    issuedAt: new Date(facts.issuedAt),
    verificationUrl: facts.verificationUrl,
    languages,
    // The credential as GET /credentials/{id} shows it, byte for byte (JSON, no added spaces).
    credentialJson: JSON.stringify(facts.credential),
    credentialFileName: `credential-${facts.credentialId}.json`,
  };
}
