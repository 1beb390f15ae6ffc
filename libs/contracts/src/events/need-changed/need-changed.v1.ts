import { IsIn, IsArray } from 'class-validator';
import { defineEvent } from '../event-type';
import { NeedDimensionsV1 } from '../need-recorded/need-recorded.v1';

export const NEED_FIELDS = [
  'title',
  'outcomeIds',
  'people',
  'skilledWorkerShare',
  'sector',
  'region',
  'neededBy',
] as const;

/**
 * A need changed (identify): its dimensions as they are now, and which fields changed (the
 * title is among them by name only; it never travels).
 */
export class NeedChangedV1 extends NeedDimensionsV1 {
  @IsArray() @IsIn(NEED_FIELDS, { each: true }) changed: string[];
}
export const NeedChanged = defineEvent('balanse.need.changed.v1', NeedChangedV1);
