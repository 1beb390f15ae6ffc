import type { CertificateLanguage } from './certificate-data';

/** Fixed wording of the certificate in bokmål and English. */
const LABELS = {
  certified: { nb: 'Kompetansebevis', en: 'Certificate of competence' },
  partial: { nb: 'Kompetansebevis (delvis)', en: 'Certificate of partial competence' },
  awardedTo: { nb: 'Tildelt', en: 'Awarded to' },
  standard: { nb: 'Standard', en: 'Standard' },
  version: { nb: 'versjon', en: 'version' },
  issuedBy: { nb: 'Utstedt av', en: 'Issued by' },
  date: { nb: 'Dato', en: 'Date' },
  outcomesMet: { nb: 'Oppnådd læringsutbytte', en: 'Learning outcomes achieved' },
  outcomesToReach: { nb: 'Læringsutbytte som gjenstår', en: 'Learning outcomes still to reach' },
  trainingPlan: { nb: 'Opplæringsplan', en: 'Training plan' },
  verify: { nb: 'Verifiser beviset', en: 'Verify this certificate' },
  attached: {
    nb: 'Det signerte digitale beviset (Open Badges 3.0) er vedlagt denne PDF-en',
    en: 'The signed credential (Open Badges 3.0) is attached to this PDF',
  },
  page: { nb: 'Side', en: 'Page' },
  of: { nb: 'av', en: 'of' },
  none: { nb: 'Ingen', en: 'None' },
} as const;

export type LabelKey = keyof typeof LABELS;

/** A label in every language asked for, joined with " / ". */
export function label(key: LabelKey, languages: readonly CertificateLanguage[]): string {
  return languages.map((lang) => LABELS[key][lang]).join(' / ');
}

/** The BCP 47 tag of the document (the Catalog's /Lang). */
export function languageTag(lang: CertificateLanguage): string {
  return lang === 'nb' ? 'nb-NO' : 'en';
}
