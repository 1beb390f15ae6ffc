import { IsOptional, ArrayMinSize, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-type';

/**
 * Identification is complete: the scope is fixed and documentation can start.
 *
 * v2 adds `standardOutcomeIds`, so that assess can tell the whole standard from a scope (a
 * credential for 2 of 19 outcomes is partial). Consumers then refused unknown fields (they now
 * drop them: `isEventPayload`), so one still on v1 would have dead-lettered the event; and an
 * event without it cannot be decided honestly, so it is required. Hence a new version, which v1
 * consumers never receive. v1 is retired, not
 * drained: 0.1.0 is unreleased, so no stream holds v1 events. (`case.documented` and
 * `case.assessed` went to v2 for the same reason.)
 */
export class CaseIdentifiedV2 {
  @IsUUID() caseId: string;
  @IsUUID() candidateRef: string;
  @IsUUID() standardId: string;
  @IsString() @MaxLength(40) standardVersion: string;
  /** Learning outcomes in scope. */
  @ArrayMinSize(1) @IsUUID('all', { each: true }) outcomeIds: string[];
  /** Every learning outcome of the standard, in the standard's order. */
  @ArrayMinSize(1) @IsUUID('all', { each: true }) standardOutcomeIds: string[];
  /**
   * Added later, optional (tolerant readers drop what they do not know): for statistics, the need
   * the case serves and the workplace's sector (NACE) and region (county number).
   */
  @IsOptional() @IsUUID() needId?: string;
  @IsOptional() @IsString() @MaxLength(10) sector?: string;
  @IsOptional() @IsString() @MaxLength(2) region?: string;
}
export const CaseIdentified = defineEvent('balanse.case.identified.v2', CaseIdentifiedV2);
