/**
 * What certify answers for a credential's printed certificate (`credentials.certificate`): all a
 * PDF shows except the candidate's name, which lives only in identify; the gateway asks identify
 * for it and renders the PDF. Texts in bokmål and English, as the standard has them.
 */
export interface CertificateFacts {
  credentialId: string;
  caseId: string;
  /** `partial`: a kompetansebevis, listing the outcomes still to reach. */
  result: 'certified' | 'partial';
  standard: { id: string; code: string; title: CertificateText; version: string };
  /** The outcomes met, by cluster, in the standard's order. */
  outcomesMet: CertificateClusterFacts[];
  /** For a partial result: the standard's outcomes not met, by cluster; empty for a full one. */
  outcomesToReach: CertificateClusterFacts[];
  /** For a partial result: the education that teaches the outcomes still to reach, if any. */
  trainingPlan: string[];
  /** The issuer as the signed credential names it (the tenant's issuer profile when issued). */
  issuerName: string;
  /** ISO 8601: when the credential was issued (its validFrom). */
  issuedAt: string;
  /** The public verification page, `<publicUrl>/verify/<credentialId>`. */
  verificationUrl: string;
  /** The stored credential exactly as issued (as `GET /credentials/{id}` shows it). */
  credential: Record<string, unknown>;
}

export interface CertificateText {
  nb: string;
  en: string;
}

export interface CertificateClusterFacts {
  id: string;
  code?: string;
  title: CertificateText;
  outcomes: Array<{ id: string; code: string; statement: CertificateText }>;
}
