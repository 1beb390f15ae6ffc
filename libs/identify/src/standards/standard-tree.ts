import {
  DomainError,
  ErrorCode,
  type ClusterInput,
  type FieldError,
  type OutcomeInput,
} from '@balanse/contracts';
import type { Cluster, LearningOutcome } from './standard.entity';

/** The ids a draft has, by kind: an input may name only these (to keep them), or none (new). */
export interface KnownIds {
  cluster: ReadonlySet<string>;
  area: ReadonlySet<string>;
  outcome: ReadonlySet<string>;
}

export const NO_IDS: KnownIds = { cluster: new Set(), area: new Set(), outcome: new Set() };

export function idsOf(clusters: Cluster[]): KnownIds {
  const areas = clusters.flatMap((c) => c.areas);
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
  const clusters = input.map((cluster, ci) => ({
    id: idAt('cluster', cluster.id, `clusters.${ci}`, `c${ci}`),
    title: { nb: cluster.title.nb, en: cluster.title.en },
    areas: cluster.areas.map((area, ai) => ({
      id: idAt('area', area.id, `clusters.${ci}.areas.${ai}`, `c${ci}a${ai}`),
      title: { nb: area.title.nb, en: area.title.en },
      outcomes: area.outcomes.map((outcome, oi) =>
        learningOutcome(
          outcome,
          idAt(
            'outcome',
            outcome.id,
            `clusters.${ci}.areas.${ai}.outcomes.${oi}`,
            `c${ci}a${ai}o${oi}`,
          ),
          `C${ci + 1}-A${ai + 1}-${oi + 1}`,
        ),
      ),
    })),
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
    statement: { nb: input.statement.nb, en: input.statement.en },
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
  };
}

/** Outcome codes are how people and other systems cite an outcome: one code, one outcome. */
function requireUniqueCodes(clusters: Cluster[]): void {
  const first = new Map<string, string>();
  const repeats: FieldError[] = [];
  const codes = new Set<string>();
  clusters.forEach((c, ci) =>
    c.areas.forEach((a, ai) =>
      a.outcomes.forEach((o, oi) => {
        const path = `clusters.${ci}.areas.${ai}.outcomes.${oi}.code`;
        const earlier = first.get(o.code);
        if (earlier) {
          repeats.push({ field: path, message: `${o.code} is used by ${earlier}` });
          codes.add(o.code);
        } else first.set(o.code, path.slice(0, -'.code'.length));
      }),
    ),
  );
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
