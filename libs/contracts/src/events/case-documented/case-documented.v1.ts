import { ArrayMinSize, IsInt, IsUUID, Min } from 'class-validator';
import { defineEvent } from '../event-type';

/** Every outcome in scope has evidence; the case can be assessed. */
export class CaseDocumentedV1 {
  @IsUUID() caseId: string;
  @IsUUID() standardId: string;
  @ArrayMinSize(1) @IsUUID('all', { each: true }) outcomeIds: string[];
  @IsInt() @Min(1) evidenceCount: number;
}
export const CaseDocumented = defineEvent('balanse.case.documented.v1', CaseDocumentedV1);
