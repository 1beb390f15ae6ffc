import { Type } from 'class-transformer';
import {
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-type';

/** A range of whole numbers, both ends included. */
export class RangeV1 {
  @IsInt() @Min(0) min: number;
  @IsInt() @Min(0) max: number;
}

/**
 * What a need is, as statistics sets it against supply: the standard and outcomes, how many
 * people, sector, region and date. No title, no one's name: a need is about roles, not people.
 */
export class NeedDimensionsV1 {
  @IsUUID() needId: string;
  @IsUUID() standardId: string;
  /** The standard's version the need is set against, when known. */
  @IsOptional() @IsInt() standardVersion?: number | null;
  /** The outcomes required; null: every outcome of the standard. */
  @IsOptional() @IsUUID('all', { each: true }) outcomeIds: string[] | null;
  @IsOptional() @ValidateNested() @Type(() => RangeV1) people: RangeV1 | null;
  /** Percent of them who should be skilled workers (fagutdannede). */
  @IsOptional() @ValidateNested() @Type(() => RangeV1) skilledWorkerShare: RangeV1 | null;
  /** NACE Rev. 2 code. */
  @IsString() @MaxLength(10) sector: string;
  /** County number; null: national. */
  @IsOptional() @IsString() @MaxLength(2) region: string | null;
  @IsDateString() neededBy: string;
}

/** An employer recorded a competence need (identify). `subject` is the need's id. */
export class NeedRecordedV1 extends NeedDimensionsV1 {}
export const NeedRecorded = defineEvent('balanse.need.recorded.v1', NeedRecordedV1);
