import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OUTCOME_CATEGORIES, type OutcomeCategory } from '../../commands/identify.dto';
import { defineEvent } from '../event-type';

/** Bokmål and English, as the standard has them. */
export class AnnouncedTextV1 {
  @IsString() @MaxLength(2000) nb: string;
  @IsString() @MaxLength(2000) en: string;
}

/** A cluster (kompetanseområde at the top) the outcomes of this part belong to. */
export class AnnouncedClusterV1 {
  @IsUUID() id: string;
  @IsOptional() @IsString() @MaxLength(40) code?: string;
  @ValidateNested() @Type(() => AnnouncedTextV1) title: AnnouncedTextV1;
}

/** One learning outcome, with what a credential says about it. */
export class AnnouncedOutcomeV1 {
  @IsUUID() id: string;
  @IsString() @MaxLength(40) code: string;
  @ValidateNested() @Type(() => AnnouncedTextV1) statement: AnnouncedTextV1;
  @IsIn(OUTCOME_CATEGORIES) category: OutcomeCategory;
  @IsUUID() clusterId: string;
  @IsOptional() @IsInt() @Min(1) @Max(8) nkrLevel?: number;
  @IsOptional() @IsInt() @Min(1) @Max(8) eqfLevel?: number;
  /** ESCO skill URIs. */
  @IsArray() @IsString({ each: true }) @MaxLength(300, { each: true }) escoSkills: string[];
  /** Credits (studiepoeng, ECTS) of the formal education the outcome maps to, where it does. */
  @IsOptional() @IsNumber() @Min(0) credits?: number;
  /** The courses or programmes that teach it: what a training plan points to. */
  @IsArray() @IsString({ each: true }) @MaxLength(200, { each: true }) education: string[];
}

/**
 * The content of a standard version that a tenant's cases use (identify), announced once per
 * tenant and version before the first case.opened that pins it, so that certify can say on a
 * credential what each outcome is. A large standard comes in several parts (each event stays
 * well under the bus's max payload): `part` of `parts`, each with its outcomes and the clusters
 * they belong to; the version's fields repeat in every part. `subject` is the standard's id.
 * A standard's content is not personal data; the owner is an organisation.
 */
export class StandardAnnouncedV1 {
  @IsUUID() standardId: string;
  @IsString() @MaxLength(40) standardVersion: string;
  @IsString() @MaxLength(100) code: string;
  @ValidateNested() @Type(() => AnnouncedTextV1) title: AnnouncedTextV1;
  @IsOptional() @IsString() @MaxLength(200) ownerName?: string;
  @IsOptional() @IsInt() @Min(1) @Max(8) nqfLevel?: number;
  @IsInt() @Min(1) part: number;
  @IsInt() @Min(1) @Max(1000) parts: number;
  /** Outcomes of the whole version, for a reader to know when it has every part. */
  @IsInt() @Min(0) outcomeCount: number;
  @IsArray()
  @ArrayMaxSize(5_000)
  @ValidateNested({ each: true })
  @Type(() => AnnouncedClusterV1)
  clusters: AnnouncedClusterV1[];
  @IsArray()
  @ArrayMaxSize(5_000)
  @ValidateNested({ each: true })
  @Type(() => AnnouncedOutcomeV1)
  outcomes: AnnouncedOutcomeV1[];
}
export const StandardAnnounced = defineEvent('balanse.standard.announced.v1', StandardAnnouncedV1);
