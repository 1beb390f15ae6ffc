import type { ClusterInput, CreateStandardDto, OutcomeInput } from '@balanse/contracts';
import type {
  Area,
  LocalText,
  Outcome,
  StandardDocument,
  StandardNode,
} from '@balanse/case-exchange';
import type { ClusterView, StandardView } from '../standard.views';

/**
 * The thin adapter between the CASE exchange's standard document and Balanse's standards:
 * clusters → competence areas → learning outcomes, each text in bokmål and English. What the
 * model has no place for is reported as a warning, so the importer knows what was not stored.
 */

/** Something of the package that was changed or not stored on the way into the model. */
export interface AdapterWarning {
  code:
    | 'LANGUAGE_MISSING'
    | 'CODE_CHANGED'
    | 'OWNER_MISSING'
    | 'OUTCOME_TYPE_MISSING'
    | 'OUTCOME_CODE_DUPLICATE'
    | 'ESCO_URI_DROPPED'
    | 'EDUCATION_LINK_DROPPED'
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
  const notStored = { count: 0 };

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
    const esco = o.escoUris.filter((u) => ESCO_SKILL.test(u));
    if (esco.length < o.escoUris.length)
      warn('ESCO_URI_DROPPED', path, 'ESCO URIs other than skills are not stored');
    const education = o.educationLinks
      .filter((l) => l.programmeCode || l.courseCode)
      .map((l) => ({
        ...(l.programmeCode ? { programme: l.programmeCode } : {}),
        ...(l.courseCode ? { course: l.courseCode } : {}),
        ...(l.credits !== undefined ? { credits: l.credits } : {}),
        ...(l.curriculumAim ? { curriculumAim: l.curriculumAim } : {}),
      }));
    if (education.length < o.educationLinks.length)
      warn('EDUCATION_LINK_DROPPED', path, 'education links without programme or course are not stored'); // prettier-ignore
    if (o.description || hasKept(o)) notStored.count++;
    return {
      ...(code !== undefined ? { code } : {}),
      statement: text(o.title, path),
      category: (o.type ?? 'knowledge') as OutcomeInput['category'],
      mandatory: o.mandatory,
      ...(o.nkrLevel !== undefined ? { nkrLevel: o.nkrLevel } : {}),
      escoSkills: esco,
      education,
    };
  };

  /** A cluster's areas: nested areas become areas of their own (the model has one area level). */
  const areasOf = (parent: StandardNode & { children: StandardNode[] }, path: string) => {
    const areas: ClusterInput['areas'] = [];
    const loose: Outcome[] = [];
    const visit = (area: Area, areaPath: string, depth: number) => {
      if (depth > 0)
        warn('LEVEL_FLATTENED', areaPath, 'an area inside an area is stored as an area of the cluster'); // prettier-ignore
      if (area.code || area.description || hasKept(area)) notStored.count++;
      const outcomes = area.children.filter((c): c is Outcome => c.kind === 'outcome');
      if (outcomes.length)
        areas.push({
          title: text(area.title, areaPath),
          outcomes: outcomes.map((o) => outcome(o, o.code ?? o.id)),
        });
      for (const c of area.children)
        if (c.kind !== 'outcome') visit(c as Area, c.code ?? c.id, depth + 1);
    };
    for (const c of parent.children) {
      if (c.kind === 'outcome') loose.push(c);
      else visit(c as Area, c.code ?? c.id, 0);
    }
    if (loose.length) {
      warn('LEVEL_ADDED', path, 'outcomes directly under a cluster are stored in an area of their own, named as the cluster'); // prettier-ignore
      areas.unshift({
        title: text(parent.title, path),
        outcomes: loose.map((o) => outcome(o, o.code ?? o.id)),
      });
    }
    return areas;
  };

  const clusters: ClusterInput[] = [];
  const topLevel: StandardNode[] = [];
  for (const node of document.children) {
    const path = node.code ?? node.id;
    if (node.kind === 'cluster') {
      if (node.code || node.description || hasKept(node)) notStored.count++;
      const areas = areasOf(node, path);
      if (areas.length) clusters.push({ title: text(node.title, path), areas });
    } else topLevel.push(node);
  }
  if (topLevel.length) {
    warn('LEVEL_ADDED', 'document', 'areas and outcomes without a cluster are stored in a cluster named as the document'); // prettier-ignore
    const wrapper = { ...document, kind: 'cluster' as const, children: topLevel };
    clusters.unshift({ title: text(document.title, 'document'), areas: areasOf(wrapper, 'document') }); // prettier-ignore
  }

  const code = options.code ?? standardCode(document);
  if (!options.code && code !== document.code)
    warn('CODE_CHANGED', 'document', `the document's code ${JSON.stringify(document.code ?? null)} is stored as ${code}`); // prettier-ignore
  const owner = (document.owner || document.publisher || '').slice(0, 200);
  if (!owner) warn('OWNER_MISSING', 'document', 'no creator or publisher; the owner is "unknown"');
  if (notStored.count)
    warn('NOT_STORED', 'document', `${notStored.count} nodes carry CASE fields, area or cluster codes, or descriptions that the model has no place for; they are not stored`); // prettier-ignore
  if (hasKept(document))
    warn('NOT_STORED', 'document', "the document's other CASE fields are not stored");
  if (left) warn('NOT_STORED', 'document', `${left} more warnings`);

  return {
    dto: {
      code,
      title: text(document.title, 'document'),
      ...(hasText(document.description)
        ? { description: text(document.description!, 'document') }
        : {}),
      owner: { name: owner || 'unknown' },
      clusters,
    } as CreateStandardDto,
    warnings,
  };
}

/** A version of a standard as a standard document; the standard's id is the document's. */
export function toStandardDocument(view: StandardView): StandardDocument {
  return {
    id: view.id,
    code: view.code,
    title: local(view.title),
    ...(view.description ? { description: local(view.description) } : {}),
    owner: view.owner?.name ?? '',
    version: String(view.version),
    updatedAt: view.publishedAt ?? view.createdAt,
    children: view.clusters.map(cluster),
    extensions: {},
  };
}

function cluster(c: ClusterView): StandardNode {
  return {
    kind: 'cluster',
    id: c.id,
    title: local(c.title),
    extensions: {},
    children: c.areas.map((a) => ({
      kind: 'area',
      id: a.id,
      title: local(a.title),
      extensions: {},
      children: a.outcomes.map((o): Outcome => ({
        kind: 'outcome',
        id: o.id,
        ...(o.code ? { code: o.code } : {}),
        title: local(o.statement),
        extensions: {},
        type: o.category,
        mandatory: o.mandatory,
        ...(o.nkrLevel ? { nkrLevel: o.nkrLevel as Outcome['nkrLevel'] } : {}),
        escoUris: o.escoSkills,
        educationLinks: o.education.map((l) => ({
          ...(l.programme ? { programmeCode: l.programme } : {}),
          ...(l.course ? { courseCode: l.course } : {}),
          ...(l.credits !== undefined ? { credits: l.credits } : {}),
          ...(l.curriculumAim ? { curriculumAim: l.curriculumAim } : {}),
        })),
      })),
    })),
  };
}

const hasText = (t: LocalText | undefined): boolean =>
  !!t && Object.values(t).some((v) => typeof v === 'string' && /\S/.test(v));

const local = (t: { nb: string; en: string }): LocalText => ({ nb: t.nb, en: t.en });

/** CASE fields kept by the import that the model has no place for. */
function hasKept(node: { extensions: { case?: Record<string, unknown> } }): boolean {
  return Object.keys(node.extensions.case ?? {}).some((k) => k !== 'CFItemType');
}

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
