import type {
  AnnouncedClusterV1,
  AnnouncedOutcomeV1,
  StandardAnnouncedV1,
} from '@balanse/contracts';
import type { Cluster, CompetenceArea, LearningOutcome, Standard } from './standard.entity';

/** Bytes of outcomes per `standard.announced` part: half of what an event may be (MAX_EVENT_BYTES). */
export const ANNOUNCEMENT_PART_BYTES = 128 * 1024;

/** What a credential says about an outcome, from the standard's model. */
function announcedOutcome(o: LearningOutcome, clusterId: string): AnnouncedOutcomeV1 {
  const credits = o.education.reduce((sum, e) => sum + (e.credits ?? 0), 0);
  return {
    id: o.id,
    code: o.code,
    statement: { nb: o.statement.nb, en: o.statement.en },
    category: o.category,
    clusterId,
    ...(o.nkrLevel !== null ? { nkrLevel: o.nkrLevel } : {}),
    ...(o.eqfLevel !== null ? { eqfLevel: o.eqfLevel } : {}),
    escoSkills: o.escoSkills,
    ...(credits > 0 ? { credits } : {}),
    education: o.education
      .map((e) => [e.programme, e.course].filter(Boolean).join(' '))
      .filter((name) => name.length > 0),
  };
}

function outcomesUnder(areas: readonly CompetenceArea[]): LearningOutcome[] {
  return areas.flatMap((a) => [...a.outcomes, ...outcomesUnder(a.areas ?? [])]);
}

function announcedCluster(c: Cluster): AnnouncedClusterV1 {
  return {
    id: c.id,
    ...(c.code ? { code: c.code } : {}),
    title: { nb: c.title.nb, en: c.title.en },
  };
}

/**
 * The `standard.announced` parts of a version: its outcomes in document order, cut where a part
 * would pass `partBytes`, each part with the clusters its outcomes belong to.
 */
export function announcementParts(
  standard: Pick<Standard, 'id' | 'version' | 'code' | 'title' | 'owner' | 'nqfLevel' | 'clusters'>,
  partBytes = ANNOUNCEMENT_PART_BYTES,
): StandardAnnouncedV1[] {
  const clusters = new Map(standard.clusters.map((c) => [c.id, announcedCluster(c)]));
  const outcomes = standard.clusters.flatMap((c) =>
    outcomesUnder(c.areas).map((o) => announcedOutcome(o, c.id)),
  );
  const slices: AnnouncedOutcomeV1[][] = [[]];
  let bytes = 0;
  for (const outcome of outcomes) {
    const size = Buffer.byteLength(JSON.stringify(outcome));
    if (bytes + size > partBytes && slices.at(-1)!.length > 0) {
      slices.push([]);
      bytes = 0;
    }
    slices.at(-1)!.push(outcome);
    bytes += size;
  }
  return slices.map((slice, i) => ({
    standardId: standard.id,
    standardVersion: String(standard.version),
    code: standard.code,
    title: { nb: standard.title.nb, en: standard.title.en },
    ...(standard.owner?.name ? { ownerName: standard.owner.name } : {}),
    ...(standard.nqfLevel !== null ? { nqfLevel: standard.nqfLevel } : {}),
    part: i + 1,
    parts: slices.length,
    outcomeCount: outcomes.length,
    clusters: [...new Set(slice.map((o) => o.clusterId))].map((id) => clusters.get(id)!),
    outcomes: slice,
  }));
}
