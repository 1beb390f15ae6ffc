import type { NeedDimensionsV1 } from '@balanse/contracts';
import { SHARED_TENANT } from '../standards/standard.entity';
import type { Need } from './need.entity';

const range = (min: number | null, max: number | null) =>
  min === null || max === null ? null : { min, max };

/** A need as the API shows it. */
export function needView(n: Need) {
  return {
    id: n.id,
    title: n.title,
    standardId: n.standardId,
    standardVersion: n.standardVersion,
    outcomeIds: n.outcomeIds,
    people: range(n.peopleMin, n.peopleMax),
    skilledWorkerShare: range(n.skilledShareMin, n.skilledShareMax),
    sector: n.sector,
    region: n.region,
    neededBy: n.neededBy,
    shared: n.tenantId === SHARED_TENANT,
    recordedAt: n.recordedAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
  };
}
export type NeedView = ReturnType<typeof needView>;

/** What the need's events carry: its dimensions, never its title. */
export function needDimensions(n: Need): NeedDimensionsV1 {
  return {
    needId: n.id,
    standardId: n.standardId,
    standardVersion: n.standardVersion,
    outcomeIds: n.outcomeIds,
    people: range(n.peopleMin, n.peopleMax),
    skilledWorkerShare: range(n.skilledShareMin, n.skilledShareMax),
    sector: n.sector,
    region: n.region,
    neededBy: n.neededBy,
  };
}
