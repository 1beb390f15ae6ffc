import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const EVIDENCE_KINDS = ['attestation', 'work_sample', 'diploma', 'log', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export class PeriodInput {
  @ApiProperty({ example: '2019-08-01' }) @IsISO8601({ strict: true }) from: string;
  @ApiPropertyOptional({ example: '2024-06-30' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

/** One piece of evidence linked to learning outcomes. An employer attestation (arbeidsgiverattest)
 * usually carries the period, the position percentage (stillingsprosent) and the tasks. */
export class AddEvidenceDto {
  @ApiProperty({ enum: EVIDENCE_KINDS }) @IsIn(EVIDENCE_KINDS) kind: EvidenceKind;
  @ApiProperty({ example: 'Attestation from Solsiden sykehjem' })
  @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiProperty({ type: [String], format: 'uuid' })
  @ArrayMinSize(1) @ArrayMaxSize(1000) @ArrayUnique() @IsUUID('all', { each: true })
  outcomeIds: string[];
  @ApiPropertyOptional({ example: 'Solsiden sykehjem' })
  @IsOptional() @IsString() @MaxLength(300) issuer?: string;
  @ApiPropertyOptional({ type: PeriodInput })
  @IsOptional() @ValidateNested() @Type(() => PeriodInput) period?: PeriodInput;
  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional() @IsInt() @Min(1) @Max(100) positionPercent?: number;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(500, { each: true })
  tasks?: string[];
}
