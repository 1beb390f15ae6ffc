import { createHash } from 'node:crypto';
import { OB_CONTEXT, OB_EXTENSIONS_CONTEXT, VC_V2_CONTEXT } from './document-loader';

/** An organisation as an Open Badges Profile (the issuer, or the assessing organisation). */
export interface OrganisationInput {
  id: string;
  name: string;
  url?: string;
  /** An image (logo) URL or data URI. */
  image?: string;
}

/** One learning outcome of the standard, with whether the candidate met it. */
export interface OutcomeInput {
  /** Stable id of the outcome (also the id of its ResultDescription). */
  id: string;
  /** The outcome's code in the standard, e.g. `K3.2`. */
  code?: string;
  name: string;
  /** A resolvable URL for the outcome (served by Balanse, or the CASE item). */
  url: string;
  met: boolean;
  /** ESCO skill URIs the outcome maps to. */
  escoSkills?: string[];
}

export interface AchievementCredentialInput {
  /** The credential's id, e.g. `urn:uuid:…`. */
  id: string;
  issuer: OrganisationInput;
  /** The assessing organisation, where it differs from the issuer. */
  source?: OrganisationInput;
  validFrom: Date | string;
  /** `certified`: every outcome in scope met; `partial` (kompetansebevis): some not yet. */
  result: 'certified' | 'partial';
  achievement: {
    id: string;
    /** The standard's code (the achievement's human code). */
    code: string;
    name: string;
    description?: string;
    version: string;
    /** Norwegian qualifications framework level (NKR). */
    nkrLevel?: number;
    /** European Qualifications Framework level. */
    eqfLevel?: number;
    criteria?: string;
  };
  outcomes: OutcomeInput[];
  /** Credits the achievement earns, where the standard maps to formal education. */
  creditsEarned?: number;
  /**
   * The recipient: an identifier hashed here with the salt (it never appears in the
   * credential), or a hash made elsewhere (`identityHash`, as identify sends it).
   */
  recipient:
    | { identifier: string; salt: string; identityType?: 'identifier' | 'emailAddress' }
    | { identityHash: string; salt: string; identityType: 'identifier' | 'emailAddress' };
  /** The credential's status entry (a BitstringStatusListEntry): the schema allows one. */
  credentialStatus?: Json;
  /** Evidence references: an id and the SHA-256 (hex) of the file, never the file itself. */
  evidence?: { id: string; sha256: string; name?: string }[];
  /** For a partial result: the training plan towards the outcomes not yet met. */
  trainingPlan?: { narrative: string; url?: string };
}

type Json = Record<string, unknown>;

/** `sha256$<hex>` of identifier + salt, the IdentityHash form Open Badges 3.0 defines. */
export function identityHash(identifier: string, salt: string): string {
  return (
    'sha256$' +
    createHash('sha256')
      .update(identifier + salt, 'utf8')
      .digest('hex')
  );
}

function isoSeconds(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime()))
    throw new RangeError(`validFrom is not a date: ${String(value)}`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function profile(org: OrganisationInput): Json {
  return {
    id: org.id,
    type: ['Profile'],
    name: org.name,
    ...(org.url ? { url: org.url } : {}),
    ...(org.image ? { image: { id: org.image, type: 'Image' } } : {}),
  };
}

function escoAlignment(uri: string): Json {
  return {
    type: ['Alignment'],
    targetName: 'ESCO skill',
    targetUrl: uri,
    targetFramework: 'ESCO',
    targetType: 'ext:ESCOSkill',
  };
}

function levelAlignment(framework: 'NKR' | 'EQF', level: number): Json {
  const targetUrl =
    framework === 'EQF'
      ? `https://europass.europa.eu/en/description-eight-eqf-levels#level-${level}`
      : `https://www.nokut.no/norsk-utdanning/nasjonalt-kvalifikasjonsrammeverk-for-livslang-laring/#niva-${level}`;
  return {
    type: ['Alignment'],
    targetName: `${framework} level ${level}`,
    targetUrl,
    targetCode: String(level),
    targetFramework: framework,
    targetType: 'ext:QualificationLevel',
  };
}

function base64FromHex(hex: string): string {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new RangeError(`evidence sha256 is not 64 hex digits`);
  return Buffer.from(hex, 'hex').toString('base64');
}

/**
 * An Open Badges 3.0 AchievementCredential (VC 2.0 data model), unsigned, in the canonical form
 * of the 1EdTech schema (arrays where it wants arrays). Sign it with `signCredential`.
 */
export function achievementCredential(input: AchievementCredentialInput): Json {
  const a = input.achievement;
  const met = input.outcomes.filter((o) => o.met);
  const notMet = input.outcomes.filter((o) => !o.met);
  const partial = input.result === 'partial';

  const alignment: Json[] = met.map((o) => ({
    type: ['Alignment'],
    targetName: o.name,
    targetUrl: o.url,
    ...(o.code ? { targetCode: o.code } : {}),
    targetFramework: `${a.name} ${a.version}`,
    targetType: 'CFItem',
  }));
  if (a.nkrLevel !== undefined) alignment.push(levelAlignment('NKR', a.nkrLevel));
  if (a.eqfLevel !== undefined) alignment.push(levelAlignment('EQF', a.eqfLevel));

  const achievement: Json = {
    id: a.id,
    type: ['Achievement'],
    achievementType: 'Certificate',
    name: a.name,
    description: a.description ?? a.name,
    criteria: { narrative: a.criteria ?? `The learning outcomes of ${a.name} ${a.version}.` },
    humanCode: a.code,
    version: a.version,
    alignment,
    resultDescription: input.outcomes.map((o) => ({
      id: o.id,
      type: ['ResultDescription'],
      name: o.code ? `${o.code} ${o.name}` : o.name,
      resultType: 'Status',
      alignment: [
        { type: ['Alignment'], targetName: o.name, targetUrl: o.url, targetType: 'CFItem' },
        ...(o.escoSkills ?? []).map(escoAlignment),
      ],
    })),
  };

  const subject: Json = {
    type: ['AchievementSubject'],
    identifier: [
      {
        type: 'IdentityObject',
        hashed: true,
        identityHash:
          'identityHash' in input.recipient
            ? input.recipient.identityHash
            : identityHash(input.recipient.identifier, input.recipient.salt),
        identityType: input.recipient.identityType ?? 'identifier',
        salt: input.recipient.salt,
      },
    ],
    achievement,
    result: input.outcomes.map((o) => ({
      type: ['Result'],
      resultDescription: o.id,
      status: o.met ? 'Completed' : 'InProgress',
    })),
    ...(input.creditsEarned !== undefined ? { creditsEarned: input.creditsEarned } : {}),
    ...(input.source ? { source: profile(input.source) } : {}),
  };
  if (partial) {
    const lines = [
      'Learning outcomes not yet met:',
      ...notMet.map((o) => `- ${o.code ? `${o.code} ` : ''}${o.name} (${o.url})`),
    ];
    if (input.trainingPlan) {
      lines.push('', 'Training plan:', input.trainingPlan.narrative);
      if (input.trainingPlan.url) lines.push(input.trainingPlan.url);
    }
    subject.narrative = lines.join('\n');
  }

  const credential: Json = {
    '@context': [VC_V2_CONTEXT, OB_CONTEXT, OB_EXTENSIONS_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'AchievementCredential'],
    name: partial ? `Kompetansebevis: ${a.name}` : a.name,
    issuer: profile(input.issuer),
    validFrom: isoSeconds(input.validFrom),
    credentialSubject: subject,
    ...(input.credentialStatus ? { credentialStatus: input.credentialStatus } : {}),
  };
  if (input.evidence?.length) {
    credential.evidence = input.evidence.map((e) => ({
      id: e.id,
      type: ['Evidence'],
      ...(e.name ? { name: e.name } : {}),
      digestSRI: `sha256-${base64FromHex(e.sha256)}`,
    }));
  }
  return credential;
}
