import { IsOptional, IsISO8601, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-type';

/** A case was opened for a candidate against a standard (identify). */
export class CaseOpenedV1 {
  @IsUUID() caseId: string;
  /** Pseudonymous candidate id; the name and e-mail stay in identify. */
  @IsUUID() candidateRef: string;
  @IsUUID() standardId: string;
  @IsString() @MaxLength(40) standardVersion: string;
  @IsISO8601() openedAt: string;
  /**
   * Added later, optional (tolerant readers drop what they do not know): for statistics, the need
   * the case serves and the workplace's sector (NACE) and region (county number).
   */
  @IsOptional() @IsUUID() needId?: string;
  @IsOptional() @IsString() @MaxLength(10) sector?: string;
  @IsOptional() @IsString() @MaxLength(2) region?: string;
}
export const CaseOpened = defineEvent('balanse.case.opened.v1', CaseOpenedV1);
