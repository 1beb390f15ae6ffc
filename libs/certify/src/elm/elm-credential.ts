import { createHash } from 'node:crypto';
import { DomainError, ErrorCode, type FieldError } from '@balanse/contracts';
import {
  COUNTRY_NORWAY,
  CREDENTIAL_PROFILE_GENERIC,
  CREDIT_ECTS,
  EDC_JSON_SCHEMA_ID,
  EDC_SHACL_ID,
  ELM_CONTEXT,
  ELM_TYPE,
  ENCODING_BASE64,
  FILE_TYPES,
  LANGUAGES,
  SCHEMES,
  eqfLevelUri,
} from './vocabularies';

/** A text in bokmål and, where one exists, English; written out as a JSON-LD language map. */
export interface LangText {
  nb: string;
  en?: string;
}

export interface ElmOutcome {
  id: string;
  /** Where the outcome resolves (the served outcome or its CASE item); else `urn:uuid:<id>`. */
  url?: string;
  statement: LangText;
  /** ESCO skill URIs (`http://data.europa.eu/esco/skill/…`), with their labels where known. */
  escoSkills?: readonly { uri: string; label?: LangText }[];
}

export interface ElmAwardInput {
  credentialId: string;
  issuedAt: Date;
  kind: 'full' | 'partial';
  /** The issuer's DID (did:web). */
  issuerId: string;
  awardingBody: {
    /** A URI for the organisation: its URL or DID. */
    id: string;
    name: LangText;
    homepage?: string;
    /** Norwegian organisation number (Enhetsregisteret). */
    organisationNumber?: string;
  };
  /**
   * The recipient as a salted SHA-256 (64 hex digits) only: no name, e-mail or birth date ever
   * enters the credential (see `pseudonymousRecipientHash`).
   */
  recipientHash: string;
  standard: {
    id: string;
    url?: string;
    title: LangText;
    version: string;
    /** NKR level 1-8; Norway's NKR is referenced one to one to the EQF. */
    nkrLevel?: number;
    /** Every outcome of the standard, in its order. */
    outcomes: readonly ElmOutcome[];
    /** Where the standard maps to formal education: the programme and the credits it carries. */
    formalEducation?: {
      programme: LangText;
      programmeCode?: string;
      /** ECTS credits. */
      credits?: number;
    };
  };
  metOutcomeIds: readonly string[];
  /** For a partial result: the training plan towards the outcomes not yet met, where one exists. */
  trainingPlan?: LangText;
  /** A rendering of the credential (e.g. the PDF's first page) for Europass's display. */
  rendering?: { contentType: keyof typeof FILE_TYPES; base64: string };
}

export type ElmCredential = Record<string, unknown>;

/** A salted SHA-256 of an internal recipient id: the only recipient identifier a credential holds. */
export function pseudonymousRecipientHash(salt: string, recipientId: string): string {
  return createHash('sha256').update(`${salt}${recipientId}`, 'utf8').digest('hex');
}

/**
 * The award as a Europass / European Learning Model 3.2 credential (`EuropeanDigitalCredential`,
 * JSON-LD, unsigned). The recipient is a `Person` known only by a pseudonymous id; the claim is a
 * `LearningAchievement` specified by the standard: a `Qualification` (the only ELM class with EQF
 * and NQF levels) where the standard has an NKR level, else a `LearningAchievementSpecification`.
 * A partial result is specified by a specification of the outcomes met that `isPartOf` the
 * whole standard, and says in a note (bokmål and English) which outcomes are not yet met.
 */
export function elmCredential(input: ElmAwardInput): ElmCredential {
  assertValid(input);
  const { credentialId, issuedAt, kind, standard, metOutcomeIds } = input;
  const self = `urn:uuid:${credentialId}`;
  const issued = issuedAt.toISOString();
  const met = new Set(metOutcomeIds);
  const outcomesMet = standard.outcomes.filter((o) => met.has(o.id));
  const notYetMet = standard.outcomes.filter((o) => !met.has(o.id));
  const awardingBody = organisation(input.awardingBody);
  const whole = standardSpecification(standard, standard.outcomes);

  const specifiedBy =
    kind === 'full'
      ? whole
      : {
          id: `${self}#specification`,
          type: 'LearningAchievementSpecification',
          title: partialTitle(standard.title),
          learningOutcome: outcomesMet.map(learningOutcome),
          ...(standard.nkrLevel === undefined ? {} : { educationLevel: [eqf(standard.nkrLevel)] }),
          isPartOf: [whole],
        };

  const notes = [
    ...(kind === 'partial' && notYetMet.length > 0 ? [notYetMetNote(notYetMet)] : []),
    ...(kind === 'partial' && input.trainingPlan
      ? [note(input.trainingPlan, { nb: 'Opplæringsplan', en: 'Training plan' })]
      : []),
  ];
  const credits = standard.formalEducation?.credits;

  const achievement = {
    id: `${self}#achievement`,
    type: 'LearningAchievement',
    title: kind === 'full' ? standard.title : partialTitle(standard.title),
    ...(notes.length > 0 ? { additionalNote: notes } : {}),
    ...(kind === 'full' && credits !== undefined ? { creditReceived: [creditPoint(credits)] } : {}),
    awardedBy: {
      id: `${self}#awardingProcess`,
      type: 'AwardingProcess',
      awardingBody: [awardingBody],
      awardingDate: issued,
    },
    specifiedBy,
  };

  return {
    '@context': [...ELM_CONTEXT],
    id: self,
    type: [...ELM_TYPE],
    credentialProfiles: [
      concept(CREDENTIAL_PROFILE_GENERIC, SCHEMES.credentialProfile, { en: 'Generic' }),
    ],
    credentialSchema: [
      { id: EDC_SHACL_ID, type: 'ShaclValidator2017' },
      { id: EDC_JSON_SCHEMA_ID, type: 'JsonSchema' },
    ],
    issuer: input.issuerId,
    issued,
    validFrom: issued,
    credentialSubject: {
      id: `urn:balanse:recipient:sha256:${input.recipientHash}`,
      type: 'Person',
      hasClaim: [achievement],
    },
    displayParameter: displayParameter(self, achievement.title, input.rendering),
  };
}

function standardSpecification(
  standard: ElmAwardInput['standard'],
  outcomes: readonly ElmOutcome[],
): Record<string, unknown> {
  const { nkrLevel, formalEducation } = standard;
  const credits = formalEducation?.credits;
  const common = {
    id: standard.url ?? `urn:uuid:${standard.id}`,
    type: nkrLevel === undefined ? 'LearningAchievementSpecification' : 'Qualification',
    identifier: {
      type: 'Identifier',
      notation: standard.id,
      schemeName: 'Balanse standard',
      schemeVersion: standard.version,
    },
    title: standard.title,
    ...(formalEducation ? { additionalNote: [programmeNote(formalEducation.programme)] } : {}),
    ...(standard.url ? { homepage: [{ type: 'WebResource', contentURL: standard.url }] } : {}),
    ...(credits === undefined ? {} : { creditPoint: [creditPoint(credits)] }),
    learningOutcome: outcomes.map(learningOutcome),
  };
  if (nkrLevel === undefined) return common;
  const code = formalEducation?.programmeCode;
  return {
    ...common,
    eqfLevel: eqf(nkrLevel),
    nqfLevel: [
      {
        type: 'Concept',
        notation: `NKR ${nkrLevel}`,
        prefLabel: { nb: `NKR nivå ${nkrLevel}`, en: `Norwegian qualifications framework, level ${nkrLevel}` }, // prettier-ignore
      },
    ],
    ...(code && formalEducation
      ? { qualificationCode: [{ type: 'Concept', notation: code, prefLabel: formalEducation.programme }] } // prettier-ignore
      : {}),
  };
}

function learningOutcome(outcome: ElmOutcome): Record<string, unknown> {
  const skills = outcome.escoSkills ?? [];
  return {
    id: outcome.url ?? `urn:uuid:${outcome.id}`,
    type: 'LearningOutcome',
    identifier: {
      type: 'Identifier',
      notation: outcome.id,
      schemeName: 'Balanse learning outcome',
    },
    title: outcome.statement,
    ...(skills.length > 0
      ? {
          relatedESCOSkill: skills.map((s) => concept(s.uri, SCHEMES.escoSkills, s.label, 'Skill')),
        }
      : {}),
  };
}

function organisation(body: ElmAwardInput['awardingBody']): Record<string, unknown> {
  const norway = concept(COUNTRY_NORWAY, SCHEMES.country, { nb: 'Norge', en: 'Norway' }, 'NOR');
  return {
    id: body.id,
    type: 'Organisation',
    legalName: body.name,
    location: [{ type: 'Location', address: [{ type: 'Address', countryCode: norway }] }],
    ...(body.organisationNumber
      ? {
          registration: {
            type: 'LegalIdentifier',
            notation: body.organisationNumber,
            schemeName: 'Enhetsregisteret',
            spatial: norway,
          },
        }
      : {}),
    ...(body.homepage ? { homepage: [{ type: 'WebResource', contentURL: body.homepage }] } : {}),
  };
}

/**
 * Europass shows a credential through `displayParameter`: a title and, per language, page images.
 * Without a rendering the per-language display lists no pages (the schema allows it); the caller
 * can pass the PDF's first page as an image.
 */
function displayParameter(
  self: string,
  title: LangText,
  rendering: ElmAwardInput['rendering'],
): Record<string, unknown> {
  const languages = (Object.keys(LANGUAGES) as (keyof typeof LANGUAGES)[]).filter(
    (lang) => title[lang] !== undefined,
  );
  const language = (lang: keyof typeof LANGUAGES) =>
    concept(LANGUAGES[lang].uri, SCHEMES.language, LANGUAGES[lang].label);
  return {
    id: `${self}#display`,
    type: 'DisplayParameter',
    title,
    language: languages.map(language),
    primaryLanguage: language('nb'),
    individualDisplay: languages.map((lang) => ({
      type: 'IndividualDisplay',
      language: language(lang),
      displayDetail: rendering
        ? [
            {
              type: 'DisplayDetail',
              page: 1,
              image: {
                type: 'MediaObject',
                content: rendering.base64,
                contentType: concept(FILE_TYPES[rendering.contentType], SCHEMES.fileType),
                contentEncoding: concept(ENCODING_BASE64, SCHEMES.encoding, { en: 'base64' }),
              },
            },
          ]
        : [],
    })),
  };
}

function concept(
  id: string,
  inScheme: { id: string; type: 'ConceptScheme' },
  prefLabel?: LangText | { en: string },
  notation?: string,
): Record<string, unknown> {
  return {
    id,
    type: 'Concept',
    inScheme,
    ...(prefLabel ? { prefLabel } : {}),
    ...(notation ? { notation } : {}),
  };
}

const eqf = (level: number) =>
  concept(eqfLevelUri(level), SCHEMES.eqf, { nb: `Nivå ${level}`, en: `Level ${level}` });

const creditPoint = (credits: number) => ({
  type: 'CreditPoint',
  framework: concept(CREDIT_ECTS, SCHEMES.educationCredit, {
    en: 'European Credit Transfer System',
  }),
  point: String(credits),
});

function note(text: LangText, subject: LangText): Record<string, unknown> {
  return { type: 'Note', noteLiteral: text, subject: { type: 'Concept', prefLabel: subject } };
}

function notYetMetNote(outcomes: readonly ElmOutcome[]): Record<string, unknown> {
  const list = (lang: keyof LangText) =>
    outcomes.map((o) => `- ${o.statement[lang] ?? o.statement.nb}`).join('\n');
  const hasEnglish = outcomes.some((o) => o.statement.en !== undefined);
  return note(
    {
      nb: `Læringsutbytte som ikke er nådd ennå:\n${list('nb')}`,
      ...(hasEnglish ? { en: `Learning outcomes not yet met:\n${list('en')}` } : {}),
    },
    { nb: 'Læringsutbytte som ikke er nådd ennå', en: 'Learning outcomes not yet met' },
  );
}

function programmeNote(programme: LangText): Record<string, unknown> {
  return note(
    {
      nb: `Knyttet til utdanningen ${programme.nb}`,
      ...(programme.en ? { en: `Linked to the programme ${programme.en}` } : {}),
    },
    { nb: 'Formell utdanning', en: 'Formal education' },
  );
}

const partialTitle = (title: LangText): LangText => ({
  nb: `Kompetansebevis: ${title.nb}`,
  ...(title.en ? { en: `Partial certificate: ${title.en}` } : {}),
});

function assertValid(input: ElmAwardInput): void {
  const fields: FieldError[] = [];
  const { standard } = input;
  if (!/^[0-9a-f]{64}$/.test(input.recipientHash))
    fields.push({ field: 'recipientHash', message: 'must be a SHA-256 in lower-case hex' });
  if (
    standard.nkrLevel !== undefined &&
    !(Number.isInteger(standard.nkrLevel) && standard.nkrLevel >= 1 && standard.nkrLevel <= 8)
  )
    // prettier-ignore
    fields.push({ field: 'standard.nkrLevel', message: 'must be an integer from 1 to 8' });
  const credits = standard.formalEducation?.credits;
  if (credits !== undefined && !(Number.isFinite(credits) && credits > 0))
    fields.push({ field: 'standard.formalEducation.credits', message: 'must be positive' });
  const known = new Set(standard.outcomes.map((o) => o.id));
  input.metOutcomeIds.forEach((id, i) => {
    if (!known.has(id))
      fields.push({ field: `metOutcomeIds.${i}`, message: `outcome ${id} is not in the standard` });
  });
  if (input.metOutcomeIds.length === 0)
    fields.push({ field: 'metOutcomeIds', message: 'an award has at least one outcome met' });
  if (input.kind === 'full' && input.metOutcomeIds.length < known.size)
    fields.push({ field: 'metOutcomeIds', message: 'a full award meets every outcome' });
  standard.outcomes.forEach((o, i) =>
    (o.escoSkills ?? []).forEach((s, j) => {
      if (!s.uri.startsWith('http://data.europa.eu/esco/'))
        fields.push({
          field: `standard.outcomes.${i}.escoSkills.${j}.uri`,
          message: 'must be an ESCO URI (http://data.europa.eu/esco/…)',
        });
    }),
  );
  if (fields.length > 0)
    throw new DomainError(422, ErrorCode.VALIDATION_FAILED, 'the award cannot be written as an ELM credential', undefined, fields); // prettier-ignore
}
