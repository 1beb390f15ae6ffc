import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import { defineEvent } from '../event-type';

/**
 * Every outcome in scope has evidence; the case can be assessed. v2 adds `standardOutcomeIds`
 * (why a new version: see CaseIdentifiedV2).
 */
export class CaseDocumentedV2 {
  @IsUUID() caseId: string;
  @IsUUID() standardId: string;
  @ArrayMinSize(1) @IsUUID('all', { each: true }) outcomeIds: string[];
  /**
   * Every learning outcome of the standard. Empty only for a case whose portfolio was opened
   * before v2 (document never learnt its standard's outcomes): such a case is partial at most.
   */
  @IsArray() @IsUUID('all', { each: true }) standardOutcomeIds: string[];
  @IsInt() @Min(1) evidenceCount: number;
  /** The standard's version the case pins (added later, optional: absent from older events). */
  @IsOptional() @IsString() @MaxLength(40) standardVersion?: string;
}
export const CaseDocumented = defineEvent('balanse.case.documented.v2', CaseDocumentedV2);
