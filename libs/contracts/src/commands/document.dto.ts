import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Matches,
  Min,
  ValidateNested,
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { EXAMPLE_IDS } from '../examples';
import { EachEntry, IdList, LowerCaseIds } from '../validation';

export const EVIDENCE_KINDS = ['attestation', 'work_sample', 'diploma', 'log', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** A calendar date, `YYYY-MM-DD` (the column is a SQL `date`; ISO week, ordinal and signed forms are refused). */
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `to` may not come before `from` (both `YYYY-MM-DD`, so they compare as strings). */
function NotBefore(property: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'notBefore',
      target: object.constructor,
      propertyName,
      constraints: [property],
      options: { message: `${propertyName} must not be before ${property}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[property];
          return typeof value !== 'string' || typeof other !== 'string' || value >= other;
        },
      },
    });
}

export class PeriodInput {
  @ApiProperty({ example: '2019-08-01', format: 'date' })
  @Matches(CALENDAR_DATE, { message: 'from must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from: string;
  @ApiPropertyOptional({ example: '2024-06-30', format: 'date' })
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'to must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  @NotBefore('from')
  to?: string;
}

/** One piece of evidence linked to learning outcomes. An employer attestation (arbeidsgiverattest)
 * usually carries the period, the position percentage (stillingsprosent) and the tasks. */
export class AddEvidenceDto {
  @ApiProperty({ enum: EVIDENCE_KINDS }) @IsIn(EVIDENCE_KINDS) kind: EvidenceKind;
  @ApiProperty({ example: 'Attestation from Solsiden sykehjem' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;
  @ApiPropertyOptional({ example: 'Department leader, 80 % position, 2019-2024.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: 1000,
    uniqueItems: true,
    description: "outcomes this evidence documents; each in the case's scope",
    example: [EXAMPLE_IDS.outcome],
  })
  @IdList({ minEntries: 1, maxEntries: 1000 })
  @LowerCaseIds()
  outcomeIds: string[];
  @ApiPropertyOptional({ example: 'Solsiden sykehjem' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  issuer?: string;
  @ApiPropertyOptional({ type: PeriodInput })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PeriodInput)
  period?: PeriodInput;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, example: 80 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  positionPercent?: number;
  @ApiPropertyOptional({
    type: [String],
    maxItems: 100,
    example: ['Rota planning for 40 staff', 'Monthly budget follow-up'],
  })
  @IsOptional()
  @EachEntry({
    of: 'array',
    maxEntries: 100,
    value: (v) =>
      typeof v !== 'string'
        ? 'must be a string'
        : v.length > 500
          ? 'must be at most 500 characters'
          : undefined,
  })
  tasks?: string[];
}
