import {
  CASE_UUID,
  ESCO_ASSOCIATION,
  EXT,
  itemTypeFor,
  languageKey,
  nkrEducationLevel,
  uuidV5,
} from './case-vocabulary';
import { caseUri } from './case-uris';
import type { CFAssociation, CFDocument, CFItem, CFPackage, LinkGenUri } from './cfpackage';
import type { Json } from './lenient-reader';
import type { LocalText, StandardDocument, StandardNode } from './standard-document';

export interface ExportOptions {
  /** The public base URL of this server; CASE URIs are `<baseUrl>/ims/case/v1p1/<collection>/<identifier>`. */
  baseUrl: string;
  /** The standard's version, written as the CFDocument's `version` (default: the document's own label). */
  version?: number | string;
  /** `lastChangeDateTime` when the document has no `updatedAt` (default: now). */
  now?: string;
}

/** Fields of a node's `extensions.case` that the exporter writes in its own way, not as they are. */
const SPECIAL = new Set([
  'CFItemType',
  'kept',
  'extensions',
  'language',
  'educationLevel',
  'escoAssociations',
]);

/**
 * Writes a standard document as a CASE 1.1 CFPackage that validates against both official 1.1
 * schemas: items depth first in document order, the tree as `isChildOf` associations numbered in
 * order, what the import kept written back where it came from. Identifiers that are not
 * lower-case UUIDs of versions 1-5 (which both schemas require) are replaced by name-based ones.
 */
export function exportCasePackage(document: StandardDocument, options: ExportOptions): CFPackage {
  const base = options.baseUrl.replace(/\/+$/, '');
  const kept = (document.extensions.case ?? {}) as Json;
  const changed = document.updatedAt ?? options.now ?? new Date().toISOString();
  const docKey = primaryLanguage(document.title, kept['language'] as string | undefined);
  const docId = caseIdentifier(document.id);
  const docUri = (kept['uri'] as string | undefined) ?? caseUri(base, 'CFDocuments', docId);

  const { text: docTitle, others: docOthers } = texts(
    document.title,
    document.description,
    docKey,
    'description',
  );
  const docExtensions: Json = {
    ...(kept['extensions'] as Json | undefined),
    ...(document.code !== undefined ? { [EXT.code]: document.code } : {}),
    ...(docOthers ? { [EXT.text]: docOthers } : {}),
    ...(kept['kept'] ? { [EXT.kept]: kept['kept'] } : {}),
  };
  const language =
    (kept['language'] as string | undefined) ?? (docKey === 'und' ? undefined : docKey);
  const CFDocument: CFDocument = {
    identifier: docId,
    uri: docUri,
    creator: document.owner,
    title: docTitle.main ?? '',
    lastChangeDateTime: changed,
    caseVersion: '1.1',
    ...pick(kept, ['frameworkType', 'officialSourceURL', 'subject', 'subjectURI', 'adoptionStatus', 'statusStartDate', 'statusEndDate', 'licenseURI', 'notes']),
    ...(language !== undefined ? { language } : {}),
    ...(options.version !== undefined ? { version: String(options.version) } : document.version !== undefined ? { version: document.version } : {}),
    ...(docTitle.second !== undefined ? { description: docTitle.second } : {}),
    ...(document.publisher !== undefined ? { publisher: document.publisher } : {}),
    ...(Object.keys(docExtensions).length ? { extensions: docExtensions } : {}),
  }; // prettier-ignore

  const CFItems: CFItem[] = [];
  const CFAssociations: CFAssociation[] = [];
  const docLink: LinkGenUri = { title: CFDocument.title, identifier: docId, uri: docUri };
  const stack: { node: StandardNode; parent: LinkGenUri; sequence: number }[] = [];
  const push = (nodes: readonly StandardNode[], parent: LinkGenUri) => {
    for (let i = nodes.length - 1; i >= 0; i--)
      stack.push({ node: nodes[i], parent, sequence: i + 1 });
  };
  push(document.children, docLink);
  while (stack.length) {
    const { node, parent, sequence } = stack.pop()!;
    const item = toItem(node, { base, docKey, changed });
    CFItems.push(item);
    const link: LinkGenUri = { title: linkTitle(node, item), identifier: item.identifier, uri: item.uri };
    CFAssociations.push(association(base, changed, 'isChildOf', link, parent, sequence));
    if (node.kind === 'outcome')
      for (const uri of node.escoUris)
        CFAssociations.push(association(base, changed, ESCO_ASSOCIATION, link, { title: 'ESCO', identifier: uri, uri }));
    const nodeKept = (node.extensions.case ?? {}) as Json;
    for (const a of (nodeKept['escoAssociations'] as Json[] | undefined) ?? []) CFAssociations.push(filled(a, base, 'CFAssociations', changed) as unknown as CFAssociation);
    if (node.kind !== 'outcome') push(node.children, link);
  } // prettier-ignore

  for (const o of (kept['orphanItems'] as Json[] | undefined) ?? [])
    CFItems.push(filled(o, base, 'CFItems', changed) as unknown as CFItem);
  for (const a of (kept['associations'] as Json[] | undefined) ?? [])
    CFAssociations.push(filled(a, base, 'CFAssociations', changed) as unknown as CFAssociation);

  const packageExtensions: Json = {
    ...(kept['packageExtensions'] as Json | undefined),
    ...(kept['packageKept'] ? { [EXT.kept]: kept['packageKept'] } : {}),
  };
  return {
    CFDocument,
    CFItems,
    CFAssociations,
    ...(kept['CFDefinitions'] ? { CFDefinitions: kept['CFDefinitions'] as Json } : {}),
    ...(kept['CFRubrics'] ? { CFRubrics: kept['CFRubrics'] as unknown[] } : {}),
    ...(Object.keys(packageExtensions).length ? { extensions: packageExtensions } : {}),
  };
}

function toItem(
  node: StandardNode,
  ctx: { base: string; docKey: string; changed: string },
): CFItem {
  const kept = (node.extensions.case ?? {}) as Json;
  const identifier = caseIdentifier(node.id);
  const key =
    node.title[ctx.docKey] !== undefined ? ctx.docKey : (Object.keys(node.title)[0] ?? ctx.docKey);
  const { text, others } = texts(node.title, node.description, key, 'notes');
  const language =
    (kept['language'] as string | undefined) ?? (key !== ctx.docKey ? key : undefined);
  const itemType =
    'CFItemType' in kept
      ? (kept['CFItemType'] as string | null)
      : itemTypeFor(node.kind, node.kind === 'outcome' ? node.type : undefined);
  const levels = [
    ...(node.kind === 'outcome' && node.nkrLevel !== undefined
      ? [nkrEducationLevel(node.nkrLevel)]
      : []),
    ...((kept['educationLevel'] as string[] | undefined) ?? []),
  ];
  const extensions: Json = {
    ...(kept['extensions'] as Json | undefined),
    ...(node.kind === 'outcome' && node.mandatory ? { [EXT.mandatory]: true } : {}),
    ...(node.kind === 'outcome' && node.educationLinks.length
      ? { [EXT.educationLinks]: node.educationLinks }
      : {}),
    ...(others ? { [EXT.text]: others } : {}),
    ...(kept['kept'] ? { [EXT.kept]: kept['kept'] } : {}),
  };
  const rest = Object.fromEntries(Object.entries(kept).filter(([k]) => !SPECIAL.has(k)));
  return {
    identifier,
    uri: caseUri(ctx.base, 'CFItems', identifier),
    fullStatement: text.main ?? '',
    lastChangeDateTime: ctx.changed,
    ...rest,
    ...(node.code !== undefined ? { humanCodingScheme: node.code } : {}),
    ...(itemType !== null ? { CFItemType: itemType } : {}),
    ...(text.second !== undefined ? { notes: text.second } : {}),
    ...(language !== undefined ? { language } : {}),
    ...(levels.length ? { educationLevel: levels } : {}),
    ...(Object.keys(extensions).length ? { extensions } : {}),
  }; // prettier-ignore
}

/** The text in `key` as the main statement, the others as `balanse:text` entries. */
function texts(title: LocalText, description: LocalText | undefined, key: string, second: string) {
  const others: Record<string, Json> = Object.create(null); // languages are the publisher's keys
  for (const [lang, value] of Object.entries(title))
    if (lang !== key && value !== undefined) (others[lang] ??= {})['fullStatement'] = value;
  for (const [lang, value] of Object.entries(description ?? {}))
    if (lang !== key && value !== undefined) (others[lang] ??= {})[second] = value;
  return {
    text: { main: title[key], second: description?.[key] },
    others: Object.keys(others).length ? others : undefined,
  };
}

function primaryLanguage(title: LocalText, tag: string | undefined): string {
  if (tag !== undefined) return languageKey(tag);
  if (title.nb !== undefined) return 'nb';
  if (title.en !== undefined) return 'en';
  return Object.keys(title)[0] ?? 'und';
}

export function caseIdentifier(id: string): string {
  return CASE_UUID.test(id) ? id : uuidV5(id);
}

function association(base: string, changed: string, type: string, origin: LinkGenUri, destination: LinkGenUri, sequence?: number): CFAssociation {
  const identifier = uuidV5(`${origin.identifier}|${type}|${destination.identifier}`);
  return {
    identifier,
    associationType: type,
    uri: caseUri(base, 'CFAssociations', identifier),
    originNodeURI: origin,
    destinationNodeURI: destination,
    ...(sequence !== undefined ? { sequenceNumber: sequence } : {}),
    lastChangeDateTime: changed,
  };
} // prettier-ignore

function linkTitle(node: StandardNode, item: CFItem): string {
  if (node.code) return node.code;
  const s = item.fullStatement;
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/** A kept CASE object, with the `uri` and `lastChangeDateTime` the 1.1 binding requires if it came without. */
function filled(
  o: Json,
  base: string,
  collection: 'CFItems' | 'CFAssociations',
  changed: string,
): Json {
  return {
    ...o,
    uri: o['uri'] ?? caseUri(base, collection, String(o['identifier'])),
    lastChangeDateTime: o['lastChangeDateTime'] ?? changed,
  };
}

function pick(o: Json, keys: string[]): Json {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
