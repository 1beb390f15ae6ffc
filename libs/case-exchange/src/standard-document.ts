/**
 * The plain, typed competence standard that CASE packages are read into and written from. It is
 * the exchange's own shape, not the standards service's entities: the service maps it onto its
 * model with a thin adapter, so the CASE code does not change when the model does.
 *
 * The tree is clusters → competence areas → learning outcomes (Balansemodellen). Frameworks from
 * elsewhere are often shaped differently (deeper, or without a cluster level), so a node's
 * children may be areas or outcomes at any level; `importCasePackage` documents the rule.
 */

/** Text in Norwegian bokmål and/or English; other languages keep their own BCP-47 tag (`und` when the publisher named none). */
export type LocalText = { nb?: string; en?: string } & Partial<Record<string, string>>;

/** NKR (Nasjonalt kvalifikasjonsrammeverk) levels; Norway's levels 1-8 are referenced 1:1 to EQF's. */
export type NkrLevel = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** Kunnskap, ferdigheter, generell kompetanse: the three kinds of learning outcome in NKR. */
export const OUTCOME_TYPES = ['knowledge', 'skills', 'general_competence'] as const;
export type OutcomeType = (typeof OUTCOME_TYPES)[number];

/** A link from an outcome to formal education: a programme or course, and the curriculum aim it matches. */
export interface EducationLink {
  programmeCode?: string;
  courseCode?: string;
  credits?: number;
  curriculumAim?: string;
}

/**
 * What has no place in the model, kept so that nothing is lost: `case` holds CASE properties
 * of the node as read (its `uri`, `CFItemType`, `abbreviatedStatement`, unknown fields, …), so
 * an export writes them back; other keys are free for other exchanges.
 */
export interface Extensions {
  case?: Record<string, unknown>;
  [other: string]: unknown;
}

interface NodeBase {
  /** The node's identifier: the CFItem identifier on import; a Balanse id (UUID) on export. */
  id: string;
  code?: string;
  title: LocalText;
  description?: LocalText;
  extensions: Extensions;
}

export interface Cluster extends NodeBase {
  kind: 'cluster';
  children: StandardNode[];
}

export interface Area extends NodeBase {
  kind: 'area';
  children: StandardNode[];
}

export interface Outcome extends NodeBase {
  kind: 'outcome';
  type?: OutcomeType;
  mandatory: boolean;
  nkrLevel?: NkrLevel;
  escoUris: string[];
  educationLinks: EducationLink[];
}

export type StandardNode = Cluster | Area | Outcome;

export interface StandardDocument {
  /** The CFDocument identifier on import; the standard's id on export. */
  id: string;
  code?: string;
  title: LocalText;
  description?: LocalText;
  /** The organisation that owns the standard (CASE `creator`). */
  owner: string;
  publisher?: string;
  /** The publisher's version label (CASE `version`), free text. */
  version?: string;
  /** When the standard last changed (CASE `lastChangeDateTime`), ISO 8601 with a zone. */
  updatedAt?: string;
  children: StandardNode[];
  extensions: Extensions;
}

/** Every node of the tree, depth first in document order, with its depth (1 = top level). */
export function* walk(
  nodes: readonly StandardNode[],
): Generator<{ node: StandardNode; depth: number; parent?: StandardNode }> {
  const stack: { node: StandardNode; depth: number; parent?: StandardNode }[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push({ node: nodes[i], depth: 1 });
  while (stack.length) {
    const entry = stack.pop()!;
    yield entry;
    if (entry.node.kind !== 'outcome') {
      const { children } = entry.node;
      for (let i = children.length - 1; i >= 0; i--)
        stack.push({ node: children[i], depth: entry.depth + 1, parent: entry.node });
    }
  }
}

/** The learning outcomes of a document, in document order. */
export function outcomesOf(document: StandardDocument): Outcome[] {
  const out: Outcome[] = [];
  for (const { node } of walk(document.children)) if (node.kind === 'outcome') out.push(node);
  return out;
}
