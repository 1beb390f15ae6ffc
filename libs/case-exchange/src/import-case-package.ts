import { DomainError, ErrorCode } from '@balanse/contracts';
import {
  ESCO_ASSOCIATION,
  EXT,
  isEscoUri,
  itemTypeFor,
  itemTypeMeaning,
  languageKey,
  nkrLevelOf,
  type Role,
} from './case-vocabulary';
import { caseUri } from './case-uris';
import { LenientReader, join, type ImportWarning, type Json } from './lenient-reader';
import type {
  EducationLink,
  LocalText,
  NkrLevel,
  StandardDocument,
  StandardNode,
} from './standard-document';

export interface CaseImport {
  document: StandardDocument;
  warnings: ImportWarning[];
}

export interface ImportOptions {
  /**
   * The base URL that this server's exports use. URIs that an export with it would write again
   * (`<baseUrl>/ims/case/v1p1/CFItems/<id>`) are not kept; a publisher's own URIs are.
   */
  baseUrl?: string;
}

/** Fields of CASE 1.0 that only repeat the package's own structure; CASE 1.1 dropped them. */
const CASE_1P0_LINKS = new Set(['CFPackageURI', 'CFDocumentURI', 'CFItemAssociationURI']);

const DOCUMENT_FIELDS = new Set([
  'identifier', 'uri', 'frameworkType', 'caseVersion', 'creator', 'title', 'lastChangeDateTime',
  'officialSourceURL', 'publisher', 'description', 'subject', 'subjectURI', 'language', 'version',
  'adoptionStatus', 'statusStartDate', 'statusEndDate', 'licenseURI', 'notes', 'extensions',
]); // prettier-ignore
const ITEM_FIELDS = new Set([
  'identifier', 'fullStatement', 'alternativeLabel', 'CFItemType', 'uri', 'humanCodingScheme',
  'listEnumeration', 'abbreviatedStatement', 'conceptKeywords', 'conceptKeywordsURI', 'notes',
  'subject', 'subjectURI', 'language', 'educationLevel', 'CFItemTypeURI', 'licenseURI',
  'statusStartDate', 'statusEndDate', 'lastChangeDateTime', 'extensions',
]); // prettier-ignore
const ASSOCIATION_FIELDS = new Set([
  'identifier', 'associationType', 'sequenceNumber', 'uri', 'originNodeURI', 'destinationNodeURI',
  'CFAssociationGroupingURI', 'lastChangeDateTime', 'notes', 'extensions',
]); // prettier-ignore
const ASSOCIATION_TYPES = new Set([
  'isChildOf', 'isPeerOf', 'isPartOf', 'exactMatchOf', 'precedes', 'isRelatedTo', 'replacedBy',
  'exemplar', 'hasSkillLevel', 'isTranslationOf',
]); // prettier-ignore
const PACKAGE_FIELDS = new Set([
  'CFDocument', 'CFItems', 'CFAssociations', 'CFDefinitions', 'CFRubrics', 'extensions',
]); // prettier-ignore

/** Deeper than this is taken for a malformed package, not a framework. */
const MAX_DEPTH = 100;

interface ItemRecord {
  index: number;
  id: string;
  raw: Json;
  /** The item as read: CASE 1.1 properties only, normalised. */
  item: Json;
  kept?: Json;
}

interface Child {
  id: string;
  sequence?: number;
  order: number;
}

/**
 * Reads a CASE package (CFDocument, CFItems, CFAssociations, and the definitions and rubrics,
 * which are kept) into a standard document.
 *
 * The tree is built from `isChildOf` associations. Each item's role:
 *  1. its `CFItemType`, where the type says so (`Cluster`/`Klynge` → cluster, `Competence area`/
 *     `Kompetanseområde` → area, `Learning outcome`/`Læringsutbytte` → outcome, and
 *     `Knowledge`/`Kunnskap`, `Skills`/`Ferdigheter`, `General competence`/`Generell kompetanse`
 *     → an outcome of that type), except that an item with children is never an outcome and only
 *     a top-level item is a cluster (such a conflict is read as an area, with a warning);
 *  2. otherwise its place: an item without children is an outcome, a top-level item with
 *     children a cluster, any other item with children an area (so deeper frameworks have areas
 *     within areas).
 * An outcome's `educationLevel` entries `NKR-<1-8>` give its NKR level, its `isRelatedTo`
 * associations to ESCO URIs its ESCO URIs, and Balanse's extensions (`balanse:mandatory`,
 * `balanse:educationLinks`, `balanse:text` for the other language) the rest. Everything else is
 * kept in `extensions.case` of its node (or of the document: other associations, definitions,
 * rubrics, items not in the tree) and written back by `exportCasePackage`.
 */
export function importCasePackage(json: unknown, options: ImportOptions = {}): CaseImport {
  const r = new LenientReader();
  const pkg = r.object(json, '');
  const packageKept: Json = {};
  for (const key of Object.keys(pkg)) {
    if (PACKAGE_FIELDS.has(key)) continue;
    if (CASE_1P0_LINKS.has(key)) r.warn('CASE_1P0_FIELD', key, `CASE 1.0 field ${key}, implied by the package; not kept`);
    else {
      r.warn('UNKNOWN_FIELD', key, `not a CASE 1.1 field; kept`);
      define(packageKept, key, pkg[key]);
    }
  } // prettier-ignore
  if (pkg['CFDocument'] === undefined) r.fail('CFDocument', 'is required');
  const doc = r.object(pkg['CFDocument'], 'CFDocument');
  const docId = r.identifier(doc, 'identifier', 'CFDocument');
  const docUri = r.string(doc, 'uri', 'CFDocument');
  const docLanguage = r.string(doc, 'language', 'CFDocument');
  const docKey = languageKey(docLanguage);
  const updatedAt = r.timestamp(doc, 'lastChangeDateTime', 'CFDocument');
  const base = options.baseUrl?.replace(/\/+$/, '');

  // Items
  const items = new Map<string, ItemRecord>();
  const rawItems = r.list(pkg, 'CFItems', '');
  rawItems.forEach((raw, index) => {
    const path = `CFItems.${index}`;
    const o = r.object(raw, path);
    const { item, kept } = readItem(r, o, path);
    const id = item['identifier'] as string;
    if (items.has(id))
      r.fail(join(path, 'identifier'), `duplicates CFItems.${items.get(id)!.index}`);
    items.set(id, { index, id, raw: o, item, kept });
  });

  // Associations: the tree, ESCO links, and the rest (kept)
  const children = new Map<string, Child[]>(); // parent id (document or item) → children
  const parentOf = new Map<string, Json>(); // item id → its isChildOf association
  const esco = new Map<string, Json[]>();
  const otherAssociations: Json[] = [];
  r.list(pkg, 'CFAssociations', '').forEach((raw, index) => {
    const path = `CFAssociations.${index}`;
    const a = readAssociation(r, r.object(raw, path), path);
    const origin = (a['originNodeURI'] as Json)['identifier'] as string;
    const destination = a['destinationNodeURI'] as Json;
    const destId = destination['identifier'] as string;
    if (a['associationType'] === 'isChildOf' && items.has(origin)) {
      const toDocument = destId === docId || (docUri !== undefined && destination['uri'] === docUri);
      const parent = toDocument ? docId : items.has(destId) ? destId : undefined;
      if (parent !== undefined && parent !== origin) {
        if (!parentOf.has(origin)) {
          parentOf.set(origin, a);
          const list = children.get(parent) ?? [];
          list.push({ id: origin, sequence: a['sequenceNumber'] as number | undefined, order: index });
          children.set(parent, list);
          return;
        }
        r.warn('SECOND_PARENT', path, `item ${origin} already has a parent; this isChildOf is kept as an association`);
      }
    } else if (
      a['associationType'] === ESCO_ASSOCIATION && items.has(origin) && isEscoUri(String(destination['uri']))
    ) {
      esco.set(origin, [...(esco.get(origin) ?? []), a]);
      return;
    }
    otherAssociations.push(a);
  }); // prettier-ignore

  // The tree, from the document down
  const top = children.get(docId) ?? [];
  if (!top.length)
    throw new DomainError(
      422,
      ErrorCode.CASE_FRAMEWORK_EMPTY,
      rawItems.length
        ? 'the CASE package has no item that is a child (isChildOf) of its CFDocument'
        : 'the CASE package has no CFItems',
      { items: rawItems.length },
    );
  const ordered = (id: string) =>
    (children.get(id) ?? []).sort(
      (a, b) => (a.sequence ?? Infinity) - (b.sequence ?? Infinity) || a.order - b.order,
    );
  const placed = new Set<string>();
  const build = (child: Child, depth: number): StandardNode => {
    const rec = items.get(child.id)!;
    const path = `CFItems.${rec.index}`;
    if (depth > MAX_DEPTH) r.fail(path, `is nested deeper than ${MAX_DEPTH} levels`);
    placed.add(rec.id);
    const kids = ordered(rec.id);
    const role = roleOf(r, rec, depth, kids.length > 0, path);
    const node = toNode(r, rec, role, { docKey, base, updatedAt, esco: esco.get(rec.id), path });
    if (node.kind !== 'outcome') node.children = kids.map((k) => build(k, depth + 1));
    return node;
  };
  const tree = ordered(docId).map((c) => build(c, 1));

  // Items outside the tree are kept whole, with the associations that hang them together.
  const orphanItems: Json[] = [];
  for (const rec of items.values()) {
    if (placed.has(rec.id)) continue;
    r.warn('ORPHAN_ITEM', `CFItems.${rec.index}`, 'not reachable from the CFDocument by isChildOf; kept outside the tree');
    orphanItems.push(withKept(rec.item, rec.kept));
    const parent = parentOf.get(rec.id);
    if (parent !== undefined) otherAssociations.push(parent);
    for (const a of esco.get(rec.id) ?? []) otherAssociations.push(a);
  } // prettier-ignore

  const { document: docRead, kept: docKept } = readDocument(r, doc);
  const caseKept: Json = { ...docRead };
  if (docUri !== undefined && !(base && docUri === caseUri(base, 'CFDocuments', docId)))
    caseKept['uri'] = docUri;
  if (docKept) caseKept['kept'] = docKept;
  if (Object.keys(packageKept).length) caseKept['packageKept'] = packageKept;
  if (otherAssociations.length) caseKept['associations'] = otherAssociations;
  if (orphanItems.length) caseKept['orphanItems'] = orphanItems;
  if (pkg['CFDefinitions'] !== undefined && pkg['CFDefinitions'] !== null)
    caseKept['CFDefinitions'] = readDefinitions(r, r.object(pkg['CFDefinitions'], 'CFDefinitions'));
  const rubrics = r.list(pkg, 'CFRubrics', '');
  if (rubrics.length) caseKept['CFRubrics'] = rubrics;
  const pkgExt = r.extensions(pkg, '');
  if (pkgExt) caseKept['packageExtensions'] = pkgExt; // prettier-ignore

  const docExt = (docRead['extensions'] as Json | undefined) ?? {};
  delete caseKept['extensions'];
  const { [EXT.code]: code, [EXT.text]: docText, ...docOtherExt } = docExt;
  if (Object.keys(docOtherExt).length) caseKept['extensions'] = docOtherExt;
  const title = withTexts(
    r,
    { [docKey]: r.string(doc, 'title', 'CFDocument', true) },
    docText,
    'fullStatement',
    'CFDocument',
  );
  const descriptionText = r.string(doc, 'description', 'CFDocument');
  const description = withTexts(
    r,
    descriptionText !== undefined ? { [docKey]: descriptionText } : {},
    docText,
    'description',
    'CFDocument',
  );
  for (const k of [
    'title',
    'description',
    'creator',
    'publisher',
    'version',
    'lastChangeDateTime',
    'identifier',
  ])
    delete caseKept[k];

  const document: StandardDocument = {
    id: docId,
    ...(typeof code === 'string' ? { code } : {}),
    title,
    ...(Object.keys(description).length ? { description } : {}),
    owner: r.string(doc, 'creator', 'CFDocument', true),
    ...optional('publisher', r.string(doc, 'publisher', 'CFDocument')),
    ...optional('version', r.string(doc, 'version', 'CFDocument')),
    ...optional('updatedAt', updatedAt),
    children: tree,
    extensions: Object.keys(caseKept).length ? { case: caseKept } : {},
  }; // prettier-ignore
  return { document, warnings: r.finish() };
}

function roleOf(r: LenientReader, rec: ItemRecord, depth: number, hasChildren: boolean, path: string): Role {
  const said = itemTypeMeaning(rec.item['CFItemType'] as string | undefined);
  if (said) {
    if (said.role === 'outcome' && hasChildren) {
      r.warn('ROLE_CONFLICT', join(path, 'CFItemType'), `"${rec.item['CFItemType']}" names an outcome, but the item has children; read as an area`);
      return 'area';
    }
    if (said.role === 'cluster' && depth > 1) {
      r.warn('ROLE_CONFLICT', join(path, 'CFItemType'), `"${rec.item['CFItemType']}" names a cluster, but the item is not at the top; read as an area`);
      return 'area';
    }
    return said.role;
  }
  return !hasChildren ? 'outcome' : depth === 1 ? 'cluster' : 'area';
} // prettier-ignore

function toNode(
  r: LenientReader,
  rec: ItemRecord,
  role: Role,
  ctx: { docKey: string; base?: string; updatedAt?: string; esco?: Json[]; path: string },
): StandardNode {
  const { item, path } = { item: { ...rec.item }, path: ctx.path };
  const id = item['identifier'] as string;
  const language = item['language'] as string | undefined;
  const key = languageKey(language ?? (ctx.docKey === 'und' ? undefined : ctx.docKey));
  const ext = (item['extensions'] as Json | undefined) ?? {};
  const { [EXT.mandatory]: mandatory, [EXT.educationLinks]: links, [EXT.text]: text, [EXT.kept]: _k, ...otherExt } = ext; // prettier-ignore
  const title = withTexts(
    r,
    { [key]: item['fullStatement'] as string },
    text,
    'fullStatement',
    path,
  );
  const notes = item['notes'] as string | undefined;
  const description = withTexts(
    r,
    notes !== undefined ? { [key]: notes } : {},
    text,
    'notes',
    path,
  );
  const said = itemTypeMeaning(item['CFItemType'] as string | undefined);
  const type = role === 'outcome' ? said?.type : undefined;

  // What the exporter would write again is not kept.
  const kept: Json = { ...item };
  for (const k of ['identifier', 'fullStatement', 'notes', 'humanCodingScheme', 'extensions', 'language', 'educationLevel']) delete kept[k]; // prettier-ignore
  if (ctx.base && kept['uri'] === caseUri(ctx.base, 'CFItems', id)) delete kept['uri'];
  if (!('CFItemType' in item)) kept['CFItemType'] = null;
  else if (item['CFItemType'] === itemTypeFor(role, type)) delete kept['CFItemType'];
  if (kept['lastChangeDateTime'] === ctx.updatedAt) delete kept['lastChangeDateTime'];
  if (language !== undefined && language !== key) kept['language'] = language;
  if (Object.keys(otherExt).length) kept['extensions'] = otherExt;
  if (rec.kept) kept['kept'] = rec.kept;

  const levels = (item['educationLevel'] as string[] | undefined) ?? [];
  let nkrLevel: NkrLevel | undefined;
  if (role === 'outcome') {
    const rest = levels.filter(
      (l) => nkrLevel !== undefined || (nkrLevel = nkrLevelOf(l)) === undefined,
    );
    if (rest.length) kept['educationLevel'] = rest;
  } else if (levels.length) kept['educationLevel'] = levels;

  const base = {
    id,
    ...optional('code', item['humanCodingScheme'] as string | undefined),
    title,
    ...(Object.keys(description).length ? { description } : {}),
  };
  if (role !== 'outcome') {
    if (ctx.esco?.length) kept['escoAssociations'] = ctx.esco;
    return {
      kind: role,
      ...base,
      extensions: Object.keys(kept).length ? { case: kept } : {},
      children: [],
    };
  }
  if (mandatory !== undefined && typeof mandatory !== 'boolean')
    r.fail(join(path, `extensions.${EXT.mandatory}`), 'must be a boolean');
  return {
    kind: 'outcome',
    ...base,
    ...optional('type', type),
    mandatory: mandatory === true,
    ...optional('nkrLevel', nkrLevel),
    escoUris: (ctx.esco ?? []).map((a) => (a['destinationNodeURI'] as Json)['uri'] as string),
    educationLinks: readEducationLinks(r, links, join(path, `extensions.${EXT.educationLinks}`)),
    extensions: Object.keys(kept).length ? { case: kept } : {},
  };
}

function readItem(r: LenientReader, o: Json, path: string): { item: Json; kept?: Json } {
  const item: Json = {};
  const kept: Json = {};
  for (const key of Object.keys(o)) {
    if (ITEM_FIELDS.has(key)) continue;
    if (CASE_1P0_LINKS.has(key)) r.warn('CASE_1P0_FIELD', join(path, key), `CASE 1.0 field ${key}, implied by the package; not kept`);
    else {
      r.warn('UNKNOWN_FIELD', join(path, key), 'not a CASE 1.1 field; kept');
      define(kept, key, o[key]);
    }
  } // prettier-ignore
  item['identifier'] = r.identifier(o, 'identifier', path);
  item['fullStatement'] = r.string(o, 'fullStatement', path, true);
  for (const k of ['alternativeLabel', 'CFItemType', 'uri', 'humanCodingScheme', 'listEnumeration', 'abbreviatedStatement', 'notes', 'language']) {
    const v = r.string(o, k, path);
    if (v !== undefined) item[k] = v;
  } // prettier-ignore
  for (const k of ['conceptKeywords', 'subject', 'educationLevel']) {
    const v = r.strings(o, k, path);
    if (v !== undefined) item[k] = v;
  }
  for (const k of ['conceptKeywordsURI', 'CFItemTypeURI', 'licenseURI']) {
    const v = r.link(o, k, path);
    if (v !== undefined) item[k] = v;
  }
  const subjectURI = r.list(o, 'subjectURI', path);
  if (subjectURI.length) item['subjectURI'] = subjectURI.map((_, i) => r.link(subjectURI as unknown as Json, String(i), join(path, 'subjectURI'), true)); // prettier-ignore
  for (const k of ['statusStartDate', 'statusEndDate']) {
    const v = r.date(o, k, path);
    if (v !== undefined) item[k] = v;
  }
  const changed = r.timestamp(o, 'lastChangeDateTime', path);
  if (changed !== undefined) item['lastChangeDateTime'] = changed;
  const ext = r.extensions(o, path);
  if (ext) {
    item['extensions'] = ext;
    const carried = ext[EXT.kept];
    if (carried && typeof carried === 'object' && !Array.isArray(carried))
      Object.assign(kept, carried);
  }
  return { item, ...(Object.keys(kept).length ? { kept } : {}) };
}

function readDocument(r: LenientReader, o: Json): { document: Json; kept?: Json } {
  const document: Json = {};
  const kept: Json = {};
  for (const key of Object.keys(o)) {
    if (DOCUMENT_FIELDS.has(key)) continue;
    if (CASE_1P0_LINKS.has(key)) r.warn('CASE_1P0_FIELD', join('CFDocument', key), `CASE 1.0 field ${key}, implied by the package; not kept`);
    else {
      r.warn('UNKNOWN_FIELD', join('CFDocument', key), 'not a CASE 1.1 field; kept');
      define(kept, key, o[key]);
    }
  } // prettier-ignore
  const p = 'CFDocument';
  for (const k of ['frameworkType', 'officialSourceURL', 'adoptionStatus', 'notes']) {
    const v = r.string(o, k, p);
    if (v !== undefined) document[k] = v;
  }
  const language = r.string(o, 'language', p);
  if (language !== undefined && languageKey(language) !== language) document['language'] = language;
  const subject = r.strings(o, 'subject', p);
  if (subject) document['subject'] = subject;
  const subjectURI = r.list(o, 'subjectURI', p);
  if (subjectURI.length) document['subjectURI'] = subjectURI.map((_, i) => r.link(subjectURI as unknown as Json, String(i), join(p, 'subjectURI'), true)); // prettier-ignore
  const license = r.link(o, 'licenseURI', p);
  if (license) document['licenseURI'] = license;
  for (const k of ['statusStartDate', 'statusEndDate']) {
    const v = r.date(o, k, p);
    if (v !== undefined) document[k] = v;
  }
  const ext = r.extensions(o, p);
  if (ext) {
    const { [EXT.kept]: carried, ...rest } = ext;
    document['extensions'] = rest;
    if (carried && typeof carried === 'object' && !Array.isArray(carried))
      Object.assign(kept, carried);
  }
  if (o['caseVersion'] !== undefined) r.string(o, 'caseVersion', p);
  return { document, ...(Object.keys(kept).length ? { kept } : {}) };
}

function readAssociation(r: LenientReader, o: Json, path: string): Json {
  const a: Json = {};
  const kept: Json = {};
  for (const key of Object.keys(o)) {
    if (ASSOCIATION_FIELDS.has(key)) continue;
    if (CASE_1P0_LINKS.has(key)) r.warn('CASE_1P0_FIELD', join(path, key), `CASE 1.0 field ${key}, implied by the package; not kept`);
    else {
      r.warn('UNKNOWN_FIELD', join(path, key), 'not a CASE 1.1 field; kept');
      define(kept, key, o[key]);
    }
  } // prettier-ignore
  a['identifier'] = r.identifier(o, 'identifier', path);
  let type = r.string(o, 'associationType', path, true).trim();
  if (!ASSOCIATION_TYPES.has(type) && !type.startsWith('ext:')) {
    r.warn('ASSOCIATION_TYPE_EXTENDED', join(path, 'associationType'), `"${type}" is not a CASE 1.1 association type; read as ext:${type}`);
    type = `ext:${type.replace(/[^a-zA-Z0-9.\-_]/g, '_')}`;
  } // prettier-ignore
  a['associationType'] = type;
  const uri = r.string(o, 'uri', path);
  if (uri !== undefined) a['uri'] = uri;
  const seq = r.integer(o, 'sequenceNumber', path);
  if (seq !== undefined) a['sequenceNumber'] = seq;
  a['originNodeURI'] = r.link(o, 'originNodeURI', path, true);
  a['destinationNodeURI'] = r.link(o, 'destinationNodeURI', path, true);
  const grouping = r.link(o, 'CFAssociationGroupingURI', path);
  if (grouping) a['CFAssociationGroupingURI'] = grouping;
  const changed = r.timestamp(o, 'lastChangeDateTime', path);
  if (changed !== undefined) a['lastChangeDateTime'] = changed;
  const notes = r.string(o, 'notes', path);
  if (notes !== undefined) a['notes'] = notes;
  const ext = r.extensions(o, path);
  if (ext || Object.keys(kept).length)
    a['extensions'] = { ...ext, ...(Object.keys(kept).length ? { [EXT.kept]: kept } : {}) };
  return a;
}

/** Definitions are kept; what the 1.1 binding requires of them and publishers leave out is filled in, with a warning. */
function readDefinitions(r: LenientReader, o: Json): Json {
  const out: Json = {};
  for (const key of Object.keys(o)) {
    const path = join('CFDefinitions', key);
    if (key === 'extensions') {
      out[key] = o[key];
      continue;
    }
    out[key] = r.list(o, key, 'CFDefinitions').map((raw, i) => {
      const p = join(path, i);
      const d: Json = { ...r.object(raw, p) };
      for (const k of Object.keys(d)) {
        if (d[k] === null) {
          r.warn('NULL_VALUE', join(p, k), 'null read as absent');
          delete d[k];
        } else if (typeof d[k] === 'number' && k !== 'sequenceNumber') {
          r.warn('STRING_AS_NUMBER', join(p, k), 'a number read as a string');
          d[k] = String(d[k]);
        }
      }
      d['identifier'] = r.identifier(d, 'identifier', p);
      const changed = r.timestamp(d, 'lastChangeDateTime', p);
      if (changed !== undefined) d['lastChangeDateTime'] = changed;
      if (key === 'CFItemTypes' && d['description'] === undefined) {
        r.warn(
          'ITEM_TYPE_DESCRIPTION_MISSING',
          join(p, 'description'),
          'missing; the title is used',
        );
        d['description'] = d['title'];
      }
      return d;
    });
  }
  return out;
}

function withKept(item: Json, kept?: Json): Json {
  if (!kept) return item;
  return { ...item, extensions: { ...(item['extensions'] as Json), [EXT.kept]: kept } };
}

function withTexts(r: LenientReader, text: LocalText, others: unknown, field: string, path: string): LocalText {
  if (others === undefined) return text;
  const p = join(path, `extensions.${EXT.text}`);
  const o = r.object(others, p);
  const out: LocalText = { ...text };
  for (const [lang, value] of Object.entries(o)) {
    const v = r.object(value, join(p, lang))[field];
    if (v === undefined) continue;
    if (typeof v !== 'string') r.fail(join(p, `${lang}.${field}`), 'must be a string');
    define(out, lang, v);
  }
  return out;
} // prettier-ignore

function readEducationLinks(r: LenientReader, value: unknown, path: string): EducationLink[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) r.fail(path, 'must be an array');
  return value.map((raw, i) => {
    const o = r.object(raw, join(path, i));
    const link: EducationLink = {};
    for (const k of ['programmeCode', 'courseCode', 'curriculumAim'] as const) {
      const v = r.string(o, k, join(path, i));
      if (v !== undefined) link[k] = v;
    }
    const credits = o['credits'];
    if (credits !== undefined) {
      if (typeof credits !== 'number' || !(credits >= 0)) r.fail(join(path, `${i}.credits`), 'must be a number ≥ 0');
      link.credits = credits;
    } // prettier-ignore
    return link;
  });
}

/** Sets a key as an own property, even `__proto__`, which a plain assignment would take for the prototype. */
function define(o: object, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
