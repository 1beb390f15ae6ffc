/** What a PDF certificate shows; the lead maps a stored credential onto it. */

/** Label languages: Norwegian bokmål and English. The first is the document's language. */
export type CertificateLanguage = 'nb' | 'en';

export interface CertificateOutcome {
  /** The outcome's code in the standard, when it has one (e.g. "K1.2"). */
  code?: string;
  title: string;
}

/** Outcomes of one cluster (kompetanseområde) of the standard. */
export interface CertificateCluster {
  title: string;
  outcomes: CertificateOutcome[];
}

export interface CertificateData {
  candidateName: string;
  standard: { title: string; version: string };
  /** `partial` is a kompetansebevis: it lists the outcomes still to reach. */
  result: 'certified' | 'partial';
  outcomesMet: CertificateCluster[];
  /** For a partial result: what is still to reach. */
  outcomesToReach?: CertificateCluster[];
  /** For a partial result, where one exists: the training plan, one step per entry. */
  trainingPlan?: string[];
  issuerName: string;
  /** The credential's date (validFrom). */
  issuedAt: Date;
  /** The public verification page printed and encoded in the QR code (http or https). */
  verificationUrl: string;
  /** One or both; labels are shown in this order, e.g. "Utstedt av / Issued by". */
  languages: CertificateLanguage[];
  /** The signed credential exactly as issued: embedded byte for byte. */
  credentialJson: string | Uint8Array;
  /** Name of the embedded file; `credential.json` by default. */
  credentialFileName?: string;
  /** When the PDF is made (its Info and XMP dates); now by default. */
  renderedAt?: Date;
}
