import { Type } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-type';

/**
 * Who a credential is for, as Open Badges 3.0 hides it (an IdentityObject): `identityHash` is
 * `sha256$` + hex SHA-256 of the identifier (the candidate's e-mail, lower case, or else the
 * pseudonymous candidate URN) followed by `salt`, a random salt per case. Only the holder, who
 * knows the identifier, can show that the credential is theirs.
 */
export class RecipientHashV1 {
  @Matches(/^sha256\$[0-9a-f]{64}$/) identityHash: string;
  @IsString() @Matches(/^[0-9a-f]{32}$/) salt: string;
  @IsIn(['emailAddress', 'identifier']) identityType: 'emailAddress' | 'identifier';
}

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
  /** Added later, optional: the recipient as a salted hash, for the credential (certify). */
  @IsOptional() @ValidateNested() @Type(() => RecipientHashV1) recipient?: RecipientHashV1;
}
export const CaseOpened = defineEvent('balanse.case.opened.v1', CaseOpenedV1);
