import {
  DomainError,
  ErrorCode,
  type AreaInput,
  type ClusterInput,
  type FieldError,
  type LocalizedText,
  type OutcomeInput,
} from '@balanse/contracts';
import {
  areasOf,
  type Cluster,
  type CompetenceArea,
  type LearningOutcome,
  type Localized,
} from './standard.entity';

/** The ids a draft has, by kind: an input may name only these (to keep them), or none (new). */
export interface KnownIds {
  cluster: ReadonlySet<string>;
  area: ReadonlySet<string>;
  outcome: ReadonlySet<string>;
}

export const NO_IDS: KnownIds = { cluster: new Set(), area: new Set(), outcome: new Set() };

export function idsOf(clusters: Cluster[]): KnownIds {
  const areas = areasOf(clusters);
  return {
    cluster: new Set(clusters.map((c) => c.id)),
    area: new Set(areas.map((a) => a.id)),
    outcome: new Set(areas.flatMap((a) => a.outcomes.map((o) => o.id))),
  };
}

/**
 * The stored tree of an input: every cluster, area and outcome keeps the id it names (which
 * `known` must hold) or gets `newId(path)`; outcome codes default to C<n>-A<m>-<k> and must be
 * unique. 422 UNKNOWN_STANDARD_ELEMENT or DUPLICATE_OUTCOME_CODE, each field by its path.
 */
export function buildClusters(
  input: ClusterInput[],
  known: KnownIds,
  newId: (path: string) => string,
): Cluster[] {
  const unknown: FieldError[] = [];
  const taken = new Set<string>();
  /** `short` (c0a1o2) names a new element to `newId`, so seeded ids are stable. */
  const idAt = (kind: keyof KnownIds, id: string | undefined, path: string, short: string) => {
    if (id === undefined) return newId(short);
    if (!known[kind].has(id))
      unknown.push({ field: `${path}.id`, message: `no ${kind} ${id} in the draft` });
    else if (taken.has(id))
      unknown.push({ field: `${path}.id`, message: `${kind} ${id} is named twice` });
    taken.add(id);
    return id;
  };
  /** Nested areas number on: the second area of the first area of cluster 1 is A1.2. */
  const area = (a: AreaInput, path: string, short: string, number: string): CompetenceArea => ({
    id: idAt('area', a.id, path, short),
    ...(a.code !== undefined ? { code: a.code } : {}),
    title: localized(a.title),
    ...(a.description ? { description: localized(a.description) } : {}),
    outcomes: (a.outcomes ?? []).map((outcome, oi) =>
      learningOutcome(
        outcome,
        idAt('outcome', outcome.id, `${path}.outcomes.${oi}`, `${short}o${oi}`),
        `${number}-${oi + 1}`,
      ),
    ),
    ...(a.areas?.length
      ? { areas: a.areas.map((sub, si) => area(sub, `${path}.areas.${si}`, `${short}.${si}`, `${number}.${si + 1}`)) } // prettier-ignore
      : {}),
    ...(a.extensions ? { extensions: a.extensions } : {}),
  });
  const clusters = input.map((cluster, ci) => ({
    id: idAt('cluster', cluster.id, `clusters.${ci}`, `c${ci}`),
    ...(cluster.code !== undefined ? { code: cluster.code } : {}),
    title: localized(cluster.title),
    ...(cluster.description ? { description: localized(cluster.description) } : {}),
    areas: cluster.areas.map((a, ai) =>
      area(a, `clusters.${ci}.areas.${ai}`, `c${ci}a${ai}`, `C${ci + 1}-A${ai + 1}`),
    ),
    ...(cluster.extensions ? { extensions: cluster.extensions } : {}),
  }));
  if (unknown.length > 0) {
    throw new DomainError(
      422,
      ErrorCode.UNKNOWN_STANDARD_ELEMENT,
      'some ids are not in the draft',
      undefined,
      unknown,
    );
  }
  requireUniqueCodes(clusters);
  return clusters;
}

function learningOutcome(input: OutcomeInput, id: string, defaultCode: string): LearningOutcome {
  const nkrLevel = input.nkrLevel ?? null;
  return {
    id,
    code: input.code ?? defaultCode,
    statement: localized(input.statement),
    category: input.category,
    mandatory: input.mandatory ?? false,
    nkrLevel,
    // Norway's NKR is referenced to the EQF level for level (5.1 and 5.2 are both EQF 5).
    eqfLevel: nkrLevel,
    escoSkills: input.escoSkills ?? [],
    education: (input.education ?? []).map((e) => ({
      ...(e.programme !== undefined ? { programme: e.programme } : {}),
      ...(e.course !== undefined ? { course: e.course } : {}),
      ...(e.credits !== undefined ? { credits: e.credits } : {}),
      ...(e.curriculumAim !== undefined ? { curriculumAim: e.curriculumAim } : {}),
    })),
    ...(input.description ? { description: localized(input.description) } : {}),
    ...(input.extensions ? { extensions: input.extensions } : {}),
  };
}

const localized = (t: LocalizedText): Localized => ({ nb: t.nb, en: t.en });

/** Outcome codes are how people and other systems cite an outcome: one code, one outcome. */
function requireUniqueCodes(clusters: Cluster[]): void {
  const first = new Map<string, string>();
  const repeats: FieldError[] = [];
  const codes = new Set<string>();
  const visit = (areas: readonly CompetenceArea[], path: string) =>
    areas.forEach((a, ai) => {
      a.outcomes.forEach((o, oi) => {
        const at = `${path}.areas.${ai}.outcomes.${oi}`;
        const earlier = first.get(o.code);
        if (earlier) {
          repeats.push({ field: `${at}.code`, message: `${o.code} is used by ${earlier}` });
          codes.add(o.code);
        } else first.set(o.code, at);
      });
      if (a.areas) visit(a.areas, `${path}.areas.${ai}`);
    });
  clusters.forEach((c, ci) => visit(c.areas, `clusters.${ci}`));
  if (repeats.length > 0) {
    throw new DomainError(
      422,
      ErrorCode.DUPLICATE_OUTCOME_CODE,
      'outcome codes must be unique in a standard',
      { codes: [...codes] },
      repeats,
    );
  }
}
