import {
  MAX_AREA_DEPTH,
  type AreaInput,
  type ClusterInput,
  type CreateStandardDto,
  type OutcomeInput,
} from '@balanse/contracts';
import type {
  Area,
  EducationLink,
  LocalText,
  Outcome,
  StandardDocument,
  StandardNode,
} from '@balanse/case-exchange';
import type { AreaView, OutcomeView, StandardView } from '../standard.views';

/**
 * The thin adapter between the CASE exchange's standard document and Balanse's standards:
 * clusters → competence areas (which may hold areas, to any depth a framework has up to
 * MAX_AREA_DEPTH) → learning outcomes, each text in bokmål and English. What the model has no
 * field for travels in each node's `extensions` (the import's `extensions.case`), so an export
 * writes it back; what had to change on the way in is reported as a warning.
 */

/** Something of the package that was changed on the way into the model. */
export interface AdapterWarning {
  code:
    | 'LANGUAGE_MISSING'
    | 'CODE_CHANGED'
    | 'OWNER_MISSING'
    | 'OUTCOME_TYPE_MISSING'
    | 'OUTCOME_CODE_DUPLICATE'
    | 'LEVEL_ADDED'
    | 'LEVEL_FLATTENED'
    | 'NOT_STORED';
  /** Where in the imported document: the node's code or id path (`clusters.0.areas.2`). */
  path: string;
  message: string;
}

const ESCO_SKILL = /^http:\/\/data\.europa\.eu\/esco\/skill\/[A-Za-z0-9.-]{1,64}$/;
const CODE = /^[a-z0-9][a-z0-9-]{1,79}$/;
const MAX_WARNINGS = 500;
/** Keys of a node's `extensions` for what the model's own fields cannot hold. */
const OTHER_ESCO = 'escoOther';
const OTHER_EDUCATION = 'educationOther';
const PUBLISHER = 'publisher';
/** Marks a level the model needed that the framework does not have; the export leaves it out. */
const LEVEL_ADDED = 'levelAdded';
/** Marks an outcome that came without a code: the model gives it one, the export leaves it out. */
const CODE_ASSIGNED = 'codeAssigned';

/** A standard document as the body of `standards.create`, and what did not fit. */
export function toCreateStandard(
  document: StandardDocument,
  options: { code?: string } = {},
): { dto: CreateStandardDto; warnings: AdapterWarning[] } {
  const warnings: AdapterWarning[] = [];
  let left = 0;
  const warn = (code: AdapterWarning['code'], path: string, message: string) => {
    if (warnings.length < MAX_WARNINGS) warnings.push({ code, path, message });
    else left++;
  };
  const text = (t: LocalText, path: string): { nb: string; en: string } => {
    const any = Object.values(t).find((v): v is string => typeof v === 'string' && /\S/.test(v));
    const nb = t.nb && /\S/.test(t.nb) ? t.nb : undefined;
    const en = t.en && /\S/.test(t.en) ? t.en : undefined;
    if (nb && en) return { nb, en };
    warn('LANGUAGE_MISSING', path, `no ${nb ? 'English' : en ? 'bokmål' : 'bokmål or English'} text; the other language's is used`); // prettier-ignore
    return { nb: nb ?? en ?? any ?? '', en: en ?? nb ?? any ?? '' };
  };
  /** A node's code, description and kept fields, as the model's node fields. */
  const common = (n: StandardNode, path: string, extra: Record<string, unknown> = {}) => {
    const extensions = { ...n.extensions, ...extra };
    return {
      ...(n.description && hasText(n.description) ? { description: text(n.description, path) } : {}), // prettier-ignore
      ...(Object.keys(extensions).length ? { extensions } : {}),
    };
  };

  const codes = new Set<string>();
  const outcome = (o: Outcome, path: string): OutcomeInput => {
    let code = o.code;
    if (code !== undefined && codes.has(code)) {
      const unique = uniqueCode(code, codes);
      warn('OUTCOME_CODE_DUPLICATE', path, `code ${code} is used before; stored as ${unique}`);
      code = unique;
    }
    if (code !== undefined) codes.add(code);
    if (!o.type) warn('OUTCOME_TYPE_MISSING', path, 'no outcome type; stored as knowledge');
    // ESCO URIs other than skills, and links to education without a programme or course, have
    // no field of their own: they are kept with the node's extensions.
    const esco = o.escoUris.filter((u) => ESCO_SKILL.test(u));
    const otherEsco = o.escoUris.filter((u) => !ESCO_SKILL.test(u));
    const linked = o.educationLinks.filter((l) => l.programmeCode || l.courseCode);
    const otherEducation = o.educationLinks.filter((l) => !(l.programmeCode || l.courseCode));
    return {
      ...(code !== undefined ? { code } : {}),
      statement: text(o.title, path),
      category: (o.type ?? 'knowledge') as OutcomeInput['category'],
      mandatory: o.mandatory,
      ...(o.nkrLevel !== undefined ? { nkrLevel: o.nkrLevel } : {}),
      escoSkills: esco,
      education: linked.map((l) => ({
        ...(l.programmeCode ? { programme: l.programmeCode } : {}),
        ...(l.courseCode ? { course: l.courseCode } : {}),
        ...(l.credits !== undefined ? { credits: l.credits } : {}),
        ...(l.curriculumAim ? { curriculumAim: l.curriculumAim } : {}),
      })),
      ...common(o, path, {
        ...(code === undefined ? { [CODE_ASSIGNED]: true } : {}),
        ...(otherEsco.length ? { [OTHER_ESCO]: otherEsco } : {}),
        ...(otherEducation.length ? { [OTHER_EDUCATION]: otherEducation } : {}),
      }),
    };
  };

  /**
   * An area, its outcomes and its areas. Below MAX_AREA_DEPTH, nested areas become areas of the
   * deepest level (flattened, with a warning); a framework that deep is rare.
   */
  const area = (a: Area, path: string, depth: number): AreaInput[] => {
    const outcomes = a.children.filter((c): c is Outcome => c.kind === 'outcome');
    const subAreas = a.children.filter((c): c is Area => c.kind !== 'outcome');
    const nested = subAreas.flatMap((c) => area(c, c.code ?? c.id, depth + 1));
    const self: AreaInput = {
      ...(a.code !== undefined ? { code: a.code } : {}),
      title: text(a.title, path),
      ...(outcomes.length ? { outcomes: outcomes.map((o) => outcome(o, o.code ?? o.id)) } : {}),
      ...common(a, path),
    };
    if (depth < MAX_AREA_DEPTH) {
      if (nested.length) self.areas = nested;
      return self.outcomes?.length || self.areas?.length ? [self] : [];
    }
    if (nested.length)
      warn('LEVEL_FLATTENED', path, `areas deeper than ${MAX_AREA_DEPTH} levels are stored beside this one`); // prettier-ignore
    return [...(self.outcomes?.length ? [self] : []), ...nested];
  };

  /** A cluster's areas; outcomes right under it get an area of their own. */
  const areasOf = (parent: StandardNode & { children: StandardNode[] }, path: string) => {
    const loose = parent.children.filter((c): c is Outcome => c.kind === 'outcome');
    const areas = parent.children
      .filter((c): c is Area => c.kind !== 'outcome')
      .flatMap((c) => area(c, c.code ?? c.id, 1));
    if (loose.length) {
      warn('LEVEL_ADDED', path, 'outcomes directly under a cluster are stored in an area of their own, named as the cluster'); // prettier-ignore
      areas.unshift({
        title: text(parent.title, path),
        outcomes: loose.map((o) => outcome(o, o.code ?? o.id)),
        extensions: { [LEVEL_ADDED]: true },
      });
    }
    return areas;
  };

  const clusters: ClusterInput[] = [];
  const topLevel: StandardNode[] = [];
  for (const node of document.children) {
    const path = node.code ?? node.id;
    if (node.kind === 'cluster') {
      const areas = areasOf(node, path);
      if (areas.length)
        clusters.push({
          ...(node.code !== undefined ? { code: node.code } : {}),
          title: text(node.title, path),
          areas,
          ...common(node, path),
        });
    } else topLevel.push(node);
  }
  if (topLevel.length) {
    warn('LEVEL_ADDED', 'document', 'areas and outcomes without a cluster are stored in a cluster named as the document'); // prettier-ignore
    const wrapper = { ...document, kind: 'cluster' as const, children: topLevel };
    clusters.unshift({ title: text(document.title, 'document'), areas: areasOf(wrapper, 'document'), extensions: { [LEVEL_ADDED]: true } }); // prettier-ignore
  }

  const code = options.code ?? standardCode(document);
  if (!options.code && code !== document.code)
    warn('CODE_CHANGED', 'document', `the document's code ${JSON.stringify(document.code ?? null)} is stored as ${code}`); // prettier-ignore
  const owner = (document.owner || document.publisher || '').slice(0, 200);
  if (!owner) warn('OWNER_MISSING', 'document', 'no creator or publisher; the owner is "unknown"');
  if (left) warn('NOT_STORED', 'document', `${left} more warnings`);
  const extensions = {
    ...document.extensions,
    ...(document.publisher !== undefined ? { [PUBLISHER]: document.publisher } : {}),
  };

  return {
    dto: {
      code,
      title: text(document.title, 'document'),
      ...(hasText(document.description)
        ? { description: text(document.description!, 'document') }
        : {}),
      owner: { name: owner || 'unknown' },
      clusters,
      ...(Object.keys(extensions).length ? { extensions } : {}),
    } as CreateStandardDto,
    warnings,
  };
}

/** A version of a standard as a standard document; the standard's id is the document's. */
export function toStandardDocument(view: StandardView): StandardDocument {
  const { [PUBLISHER]: publisher, ...extensions } = view.extensions ?? {};
  return {
    id: view.id,
    code: view.code,
    title: local(view.title),
    ...(view.description ? { description: local(view.description) } : {}),
    owner: view.owner?.name ?? '',
    ...(typeof publisher === 'string' ? { publisher } : {}),
    version: String(view.version),
    updatedAt: view.publishedAt ?? view.createdAt,
    children: view.clusters.flatMap((c) => {
      const children = c.areas.flatMap(area);
      return added(c) ? children : [{ kind: 'cluster' as const, ...node(c), children }];
    }),
    extensions,
  };
}

const added = (n: { extensions?: Record<string, unknown> }) => n.extensions?.[LEVEL_ADDED] === true;

/** What every node has: id, code, title, description and what is kept of it. */
function node(n: {
  id: string;
  code?: string;
  title?: { nb: string; en: string };
  statement?: { nb: string; en: string };
  description?: { nb: string; en: string };
  extensions?: Record<string, unknown>;
}) {
  const {
    [OTHER_ESCO]: _e,
    [OTHER_EDUCATION]: _l,
    [CODE_ASSIGNED]: assigned,
    ...extensions
  } = n.extensions ?? {};
  return {
    id: n.id,
    ...(n.code && !assigned ? { code: n.code } : {}),
    title: local((n.title ?? n.statement)!),
    ...(n.description ? { description: local(n.description) } : {}),
    extensions,
  };
}

/** An area as a node; an area the import added stands for its children. */
function area(a: AreaView): StandardNode[] {
  const children = [...a.outcomes.map(outcome), ...(a.areas ?? []).flatMap(area)];
  return added(a) ? children : [{ kind: 'area', ...node(a), children }];
}

function outcome(o: OutcomeView): Outcome {
  const kept = o.extensions ?? {};
  return {
    kind: 'outcome',
    ...node(o),
    type: o.category,
    mandatory: o.mandatory,
    ...(o.nkrLevel ? { nkrLevel: o.nkrLevel as Outcome['nkrLevel'] } : {}),
    escoUris: [...o.escoSkills, ...((kept[OTHER_ESCO] as string[] | undefined) ?? [])],
    educationLinks: [
      ...o.education.map((l) => ({
        ...(l.programme ? { programmeCode: l.programme } : {}),
        ...(l.course ? { courseCode: l.course } : {}),
        ...(l.credits !== undefined ? { credits: l.credits } : {}),
        ...(l.curriculumAim ? { curriculumAim: l.curriculumAim } : {}),
      })),
      ...((kept[OTHER_EDUCATION] as EducationLink[] | undefined) ?? []),
    ],
  };
}

const hasText = (t: LocalText | undefined): boolean =>
  !!t && Object.values(t).some((v) => typeof v === 'string' && /\S/.test(v));

const local = (t: { nb: string; en: string }): LocalText => ({ nb: t.nb, en: t.en });

/** The document's code if it is a valid standard code, else one made from it or the title. */
function standardCode(document: StandardDocument): string {
  if (document.code && CODE.test(document.code)) return document.code;
  const from = document.code ?? document.title.nb ?? document.title.en ?? Object.values(document.title)[0] ?? 'case'; // prettier-ignore
  const slug = from
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return CODE.test(slug) ? slug : `case-${slug}`.slice(0, 80).replace(/-+$/, '') || 'case-import';
}

function uniqueCode(code: string, taken: Set<string>): string {
  for (let n = 2; ; n++) if (!taken.has(`${code}-${n}`)) return `${code}-${n}`;
}
