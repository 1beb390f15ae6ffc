// The EU controlled vocabularies (data.europa.eu/snb, publications.europa.eu authority tables) and
// ESCO URIs an EDC credential refers to. Every URI here is one the official EDC examples use.

/** JSON-LD contexts: VC 2.0 first (EBSI requires it), then the ELM EDC application profile. */
export const ELM_CONTEXT = [
  'https://www.w3.org/ns/credentials/v2',
  'http://data.europa.eu/snb/model/context/edc-ap',
] as const;

export const ELM_TYPE = [
  'VerifiableCredential',
  'VerifiableAttestation',
  'EuropeanDigitalCredential',
] as const;

/** EBSI's JSON Schema for EDC credentials (ELM 3.2, VCDM 2.0) in the Trusted Schemas Registry. */
export const EDC_JSON_SCHEMA_ID =
  'https://api-pilot.ebsi.eu/trusted-schemas-registry/v3/schemas/0x4d40d34533797f62a8a03d7c4a4cd7827d289fadf1bfa582ec0ecfedbe55a6e0';
/** The SHACL shapes of the generic EDC profile. */
export const EDC_SHACL_ID = 'http://data.europa.eu/snb/model/ap/edc-generic-full';

export interface ConceptScheme {
  id: string;
  type: 'ConceptScheme';
}
const scheme = (id: string): ConceptScheme => ({ id, type: 'ConceptScheme' });

export const SCHEMES = {
  credentialProfile: scheme('http://data.europa.eu/snb/credential/25831c2'),
  eqf: scheme('http://data.europa.eu/snb/eqf/25831c2'),
  educationCredit: scheme('http://data.europa.eu/snb/education-credit/25831c2'),
  escoSkills: scheme('http://data.europa.eu/esco/concept-scheme/skills'),
  language: scheme('http://publications.europa.eu/resource/authority/language'),
  country: scheme('http://publications.europa.eu/resource/authority/country'),
  fileType: scheme('http://publications.europa.eu/resource/authority/file-type'),
  encoding: scheme('http://data.europa.eu/snb/encoding/25831c2'),
} as const;

export const CREDENTIAL_PROFILE_GENERIC = 'http://data.europa.eu/snb/credential/e34929035b';
export const CREDIT_ECTS = 'http://data.europa.eu/snb/education-credit/6fcec5c5af';
export const ENCODING_BASE64 = 'http://data.europa.eu/snb/encoding/6146cde7dd';
export const COUNTRY_NORWAY = 'http://publications.europa.eu/resource/authority/country/NOR';
export const eqfLevelUri = (level: number) => `http://data.europa.eu/snb/eqf/${level}`;

/** The languages a credential is written in: bokmål first (the primary), then English. */
export const LANGUAGES = {
  nb: {
    uri: 'http://publications.europa.eu/resource/authority/language/NOB',
    label: { nb: 'Norsk bokmål', en: 'Norwegian Bokmål' },
  },
  en: {
    uri: 'http://publications.europa.eu/resource/authority/language/ENG',
    label: { nb: 'Engelsk', en: 'English' },
  },
} as const;

export const FILE_TYPES = {
  'image/png': 'http://publications.europa.eu/resource/authority/file-type/PNG',
  'image/jpeg': 'http://publications.europa.eu/resource/authority/file-type/JPEG',
} as const;
