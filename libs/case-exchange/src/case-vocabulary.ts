import { createHash } from 'node:crypto';
import type { NkrLevel, OutcomeType } from './standard-document';

/** The roles a CFItem can take in a Balanse standard. */
export type Role = 'cluster' | 'area' | 'outcome';

/**
 * CFItemType names (case and spacing ignored, Norwegian and English) that say which role an item
 * has; an outcome's type also says which kind of outcome it is. A type not listed says nothing,
 * and the item's place in the tree decides (see `importCasePackage`).
 */
const ITEM_TYPES: Record<string, { role: Role; type?: OutcomeType }> = {
  cluster: { role: 'cluster' },
  klynge: { role: 'cluster' },
  kompetanseklynge: { role: 'cluster' },
  'competence area': { role: 'area' },
  'competency area': { role: 'area' },
  kompetanseområde: { role: 'area' },
  'learning outcome': { role: 'outcome' },
  læringsutbytte: { role: 'outcome' },
  læringsutbyttebeskrivelse: { role: 'outcome' },
  knowledge: { role: 'outcome', type: 'knowledge' },
  kunnskap: { role: 'outcome', type: 'knowledge' },
  skills: { role: 'outcome', type: 'skills' },
  skill: { role: 'outcome', type: 'skills' },
  ferdigheter: { role: 'outcome', type: 'skills' },
  ferdighet: { role: 'outcome', type: 'skills' },
  'general competence': { role: 'outcome', type: 'general_competence' },
  'generell kompetanse': { role: 'outcome', type: 'general_competence' },
};

export function itemTypeMeaning(itemType: string | undefined) {
  if (!itemType) return undefined;
  return ITEM_TYPES[
    itemType
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, ' ')
  ];
}

/** The CFItemType the exporter writes for a node that was not imported with one. */
export function itemTypeFor(role: Role, type?: OutcomeType): string {
  if (role === 'cluster') return 'Cluster';
  if (role === 'area') return 'Competence area';
  if (type === 'knowledge') return 'Knowledge';
  if (type === 'skills') return 'Skills';
  if (type === 'general_competence') return 'General competence';
  return 'Learning outcome';
}

/** `educationLevel` entries that name an NKR level: `NKR-4`, `nkr:4`, `NKR 4`, `NQF-NO-4`. */
const NKR = /^(?:nkr|nqf(?:[-_ ]?no)?)[-_: ]?([1-8])$/i;

export function nkrLevelOf(educationLevel: string): NkrLevel | undefined {
  const m = NKR.exec(educationLevel.trim());
  return m ? (Number(m[1]) as NkrLevel) : undefined;
}

export const nkrEducationLevel = (level: NkrLevel) => `NKR-${level}`;

/** ESCO concept URIs (skills, knowledge, occupations), linked from an outcome with `isRelatedTo`. */
export const isEscoUri = (uri: string) => uri.startsWith('http://data.europa.eu/esco/');
export const ESCO_ASSOCIATION = 'isRelatedTo';

/** Balanse's own CASE extension keys (`prefix:name`, as the 1.1 binding requires). */
export const EXT = {
  mandatory: 'balanse:mandatory',
  educationLinks: 'balanse:educationLinks',
  /** The texts in other languages than the item's `language`: `{ en: { fullStatement, notes } }`. */
  text: 'balanse:text',
  code: 'balanse:code',
  /** Properties a publisher sent that CASE 1.1 does not define, kept verbatim. */
  kept: 'balanse:kept',
} as const;

/** A lower-case UUID of versions 1-5 and the RFC 4122 variant: what both 1.1 schemas accept. */
export const CASE_UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const NAMESPACE = Buffer.from('6d1f4a8e3c2b5e7f9a0b1c2d3e4f5a6b', 'hex');

/** A name-based UUID (version 5): the same name always gives the same identifier. */
export function uuidV5(name: string): string {
  const h = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The key a language tag is kept under in `LocalText`: bokmål as `nb`, otherwise its primary subtag. */
export function languageKey(tag: string | undefined): string {
  if (!tag) return 'und';
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'no' || primary === 'nob') return 'nb';
  if (primary === 'eng') return 'en';
  return primary || 'und';
}
