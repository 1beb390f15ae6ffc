import { IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-type';

export const DECISIONS = ['certified', 'partial', 'not_certified'] as const;
export type Decision = (typeof DECISIONS)[number];

/**
 * The assessor's decision over every outcome in scope. `certified` means every outcome of the
 * standard was in scope and met. v2 adds `standardOutcomeIds`, so that a credential can say how
 * much of the standard it covers (why a new version: see CaseIdentifiedV2).
 */
export class CaseAssessedV2 {
  @IsUUID() caseId: string;
  @IsUUID() standardId: string;
  @IsIn(DECISIONS) decision: Decision;
  @IsUUID('all', { each: true }) met: string[];
  @IsUUID('all', { each: true }) partlyMet: string[];
  @IsUUID('all', { each: true }) notMet: string[];
  /** Every learning outcome of the standard; empty when unknown (see CaseDocumentedV2). */
  @IsArray() @IsUUID('all', { each: true }) standardOutcomeIds: string[];
  /** The standard's version the case pins (added later, optional: absent from older events). */
  @IsOptional() @IsString() @MaxLength(40) standardVersion?: string;
}
export const CaseAssessed = defineEvent('balanse.case.assessed.v2', CaseAssessedV2);
