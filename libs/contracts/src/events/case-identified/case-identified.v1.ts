import { ArrayMinSize, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-type';

/** Identification is complete: the scope is fixed and documentation can start. */
export class CaseIdentifiedV1 {
  @IsUUID() caseId: string;
  @IsUUID() candidateRef: string;
  @IsUUID() standardId: string;
  @IsString() @MaxLength(40) standardVersion: string;
  /** Learning outcomes in scope. */
  @ArrayMinSize(1) @IsUUID('all', { each: true }) outcomeIds: string[];
}
export const CaseIdentified = defineEvent('balanse.case.identified.v1', CaseIdentifiedV1);
