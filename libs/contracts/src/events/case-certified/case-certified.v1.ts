import { ArrayMinSize, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-type';

/** A credential was issued: the full standard or a partial certificate (kompetansebevis). */
export class CaseCertifiedV1 {
  @IsUUID() caseId: string;
  @IsUUID() credentialId: string;
  @IsIn(['certified', 'partial']) result: 'certified' | 'partial';
  /** The outcomes the credential attests. */
  @ArrayMinSize(1) @IsUUID('all', { each: true }) outcomeIds: string[];
  /** The standard's version the case pins (added later, optional: absent from older events). */
  @IsOptional() @IsString() @MaxLength(40) standardVersion?: string;
}
export const CaseCertified = defineEvent('balanse.case.certified.v1', CaseCertifiedV1);
