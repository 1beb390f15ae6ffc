import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-type';

/** At most this many evidence references travel on the event (the count has them all). */
export const MAX_EVIDENCE_REFS = 500;

/**
 * A reference to one piece of evidence: its id and the SHA-256 (hex) of the record as document
 * stores it. A credential cites evidence by these, never by its content.
 */
export class EvidenceRefV1 {
  @IsUUID() id: string;
  @Matches(/^[0-9a-f]{64}$/) sha256: string;
}

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
  /** Added later, optional: the first MAX_EVIDENCE_REFS pieces of evidence, oldest first. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE_REFS)
  @ValidateNested({ each: true })
  @Type(() => EvidenceRefV1)
  evidence?: EvidenceRefV1[];
  /** The standard's version the case pins (added later, optional: absent from older events). */
  @IsOptional() @IsString() @MaxLength(40) standardVersion?: string;
}
export const CaseDocumented = defineEvent('balanse.case.documented.v2', CaseDocumentedV2);
