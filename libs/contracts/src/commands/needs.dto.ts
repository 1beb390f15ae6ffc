import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
  type ValidationArguments,
} from 'class-validator';
import { EXAMPLE_IDS } from '../examples';
import { PageQueryDto } from '../paging';
import { isCountyNumber } from '../reference/counties';
import { isNaceCode } from '../reference/nace';
import { IdList, LowerCaseIds } from '../validation';

/** The most people one need may ask for: far above any Norwegian industry's whole workforce. */
export const MAX_PEOPLE = 1_000_000;

/** `min` must not exceed `max` (of the object the property sits in). */
@ValidatorConstraint({ name: 'rangeOrdered' })
class RangeOrdered implements ValidatorConstraintInterface {
  validate(max: unknown, args: ValidationArguments): boolean {
    const min = (args.object as { min?: unknown }).min;
    return typeof min !== 'number' || typeof max !== 'number' || min <= max;
  }
  defaultMessage(): string {
    return 'must not be less than min';
  }
}

@ValidatorConstraint({ name: 'naceCode' })
class NaceCode implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isNaceCode(value);
  }
  defaultMessage(): string {
    return 'must be a NACE Rev. 2 code: a section (C), division (27), group (27.2) or class (27.20)';
  }
}

@ValidatorConstraint({ name: 'countyNumber' })
class CountyNumber implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isCountyNumber(value);
  }
  defaultMessage(): string {
    return 'must be a county number in force since 2024: 03, 11, 15, 18, 31-34, 39, 40, 42, 46, 50, 55 or 56';
  }
}

/** A calendar date, `YYYY-MM-DD`, that exists (no 2026-02-30). */
@ValidatorConstraint({ name: 'calendarDate' })
class CalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
  }
  defaultMessage(): string {
    return 'must be a date, YYYY-MM-DD';
  }
}

/** How many people: between `min` and `max`, both included (equal for an exact number). */
export class PeopleRange {
  @ApiProperty({ example: 7000, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_PEOPLE)
  min: number;
  @ApiProperty({ example: 7000, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_PEOPLE)
  @Validate(RangeOrdered)
  max: number;
}

/** A share of the people, in whole percent, `min` to `max` (both included). */
export class ShareRange {
  @ApiProperty({ example: 50, minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  min: number;
  @ApiProperty({ example: 80, minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  @Validate(RangeOrdered)
  max: number;
}

/** What a need's dimensions are, shared by recording one and changing one. */
class NeedFields {
  @ApiProperty({ example: 'Battery cell production operators', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    nullable: true,
    maxItems: 1000,
    description: 'the learning outcomes required; absent or null: every outcome of the standard',
    example: [EXAMPLE_IDS.outcome, EXAMPLE_IDS.outcome2],
  })
  @IsOptional()
  @IdList({ minEntries: 1, maxEntries: 1000 })
  @LowerCaseIds()
  outcomeIds?: string[] | null;

  @ApiPropertyOptional({
    type: PeopleRange,
    description:
      'how many people: `{min, max}` (equal for an exact number); required unless `skilledWorkerShare` is given',
  })
  @ValidateIf((o: NeedFields) => o.people !== undefined || o.skilledWorkerShare == null)
  @IsObject({ message: 'people or skilledWorkerShare must be given, people as {min, max}' })
  @ValidateNested()
  @Type(() => PeopleRange)
  people?: PeopleRange;

  @ApiPropertyOptional({
    type: ShareRange,
    description:
      'the share of them who should be skilled workers (fagutdannede: a trade or journeyman certificate), in percent',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ShareRange)
  skilledWorkerShare?: ShareRange;

  @ApiProperty({
    example: '27.20',
    description:
      'NACE Rev. 2 code (SSB SN2007 to four digits): a section (`C`), division (`27`), group (`27.2`) or class (`27.20`)',
  })
  @Validate(NaceCode)
  sector: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '42',
    description:
      'county number (fylkesnummer) in force since 2024; absent or null: the need is national',
  })
  @IsOptional()
  @Validate(CountyNumber)
  region?: string | null;

  @ApiProperty({
    example: '2030-12-31',
    format: 'date',
    description: 'by when the people are needed',
  })
  @Validate(CalendarDate)
  neededBy: string;
}

/** `POST /needs`: an employer's competence need (role profile) against a standard. */
export class RecordNeedDto extends NeedFields {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_IDS.standard })
  @LowerCaseIds()
  @IsUUID()
  standardId: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    example: 1,
    description: "the standard's version the need is set against; default the standard's own",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  standardVersion?: number;
}

/** Validates a field only when it is sent; unlike `@IsOptional()`, null is refused. */
const IfGiven = () => ValidateIf((_, value: unknown) => value !== undefined);

/**
 * `PATCH /needs/{id}`: the fields to change (the standard stays). Only `outcomeIds` (all) and
 * `region` (national) may be set to null.
 */
export class ChangeNeedDto {
  @ApiPropertyOptional({ example: 'Battery cell production operators, Agder' })
  @IfGiven()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    nullable: true,
    description: 'null: every outcome of the standard',
  })
  @IsOptional()
  @IdList({ minEntries: 1, maxEntries: 1000 })
  @LowerCaseIds()
  outcomeIds?: string[] | null;

  @ApiPropertyOptional({ type: PeopleRange })
  @IfGiven()
  @IsObject()
  @ValidateNested()
  @Type(() => PeopleRange)
  people?: PeopleRange;

  @ApiPropertyOptional({ type: ShareRange })
  @IfGiven()
  @IsObject()
  @ValidateNested()
  @Type(() => ShareRange)
  skilledWorkerShare?: ShareRange;

  @ApiPropertyOptional({ example: 'C' })
  @IfGiven()
  @Validate(NaceCode)
  sector?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '18' })
  @IsOptional()
  @Validate(CountyNumber)
  region?: string | null;

  @ApiPropertyOptional({ example: '2031-06-30', format: 'date' })
  @IfGiven()
  @Validate(CalendarDate)
  neededBy?: string;
}

/** `GET /needs?standardId=&sector=&region=`: a page of needs, oldest first. */
export class ListNeedsQueryDto extends PageQueryDto {
  @IsOptional()
  @LowerCaseIds()
  @IsUUID()
  standardId?: string;

  @IsOptional()
  @Validate(NaceCode)
  sector?: string;

  @IsOptional()
  @Validate(CountyNumber)
  region?: string;
}

export { CalendarDate, CountyNumber, NaceCode };
