import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEmail,
  IsIn,
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
  registerDecorator,
} from 'class-validator';
import { isUuid } from '../basics';
import { EXAMPLE_IDS } from '../examples';
import { EachEntry, IdList, LowerCaseIds } from '../validation';

export const OUTCOME_CATEGORIES = ['knowledge', 'skills', 'general_competence'] as const;
export type OutcomeCategory = (typeof OUTCOME_CATEGORIES)[number];

export class OutcomeInput {
  @ApiPropertyOptional({ example: 'FR-1' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  code?: string;
  @ApiProperty({ example: 'Can secure professionally sound staffing every single day.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  statement: string;
  @ApiProperty({
    enum: OUTCOME_CATEGORIES,
    description: 'kunnskap / ferdigheter / generell kompetanse',
  })
  @IsIn(OUTCOME_CATEGORIES)
  category: OutcomeCategory;
}

export class AreaInput {
  @ApiProperty({ example: 'Turnus (rostering)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;
  @ApiProperty({ type: [OutcomeInput] })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => OutcomeInput)
  outcomes: OutcomeInput[];
}

export class ClusterInput {
  @ApiProperty({ example: 'Fleksibilitet og rutiner (flexibility and routines)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;
  @ApiProperty({ type: [AreaInput] })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AreaInput)
  areas: AreaInput[];
}

/**
 * A standard is answered whole (`GET /standards/{id}`) and its outcome ids travel in events, so
 * it is bounded as a whole: at most this many learning outcomes in all (what a scope or a piece
 * of evidence may name as well) …
 */
export const MAX_OUTCOMES_PER_STANDARD = 1000;
/** … and its clusters at most this much JSON (ids added, the answer stays far under 1 MB). */
export const MAX_STANDARD_CLUSTERS_BYTES = 256 * 1024;

/** Checks the clusters as a whole; the per-entry checks run as well. */
function BoundedStandard(): PropertyDecorator {
  return (target, propertyName) => {
    const check = (name: string, message: string, ok: (clusters: unknown[]) => boolean) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message },
        validator: { validate: (v: unknown) => !Array.isArray(v) || ok(v) },
      });
    check(
      'maxOutcomesPerStandard',
      `a standard holds at most ${MAX_OUTCOMES_PER_STANDARD} learning outcomes in all`,
      (clusters) => countOutcomes(clusters) <= MAX_OUTCOMES_PER_STANDARD,
    );
    check(
      'maxStandardBytes',
      `clusters must encode to at most ${MAX_STANDARD_CLUSTERS_BYTES / 1024} KB of JSON`,
      (clusters) => Buffer.byteLength(JSON.stringify(clusters)) <= MAX_STANDARD_CLUSTERS_BYTES,
    );
  };
}

function countOutcomes(clusters: unknown[]): number {
  const entries = (v: unknown, key: string): unknown[] => {
    const list = (v as Record<string, unknown> | null)?.[key];
    return Array.isArray(list) ? list : [];
  };
  return clusters.reduce<number>(
    (n, c) =>
      n + entries(c, 'areas').reduce<number>((m, a) => m + entries(a, 'outcomes').length, 0),
    0,
  );
}

export class CreateStandardDto {
  @ApiProperty({
    example: 'avdelingsleder-helse',
    description: 'unique per tenant; lower case, digits, dashes',
  })
  @Matches(/^[a-z0-9][a-z0-9-]{1,79}$/, {
    message: 'code must be 2-80 lower-case letters, digits or dashes',
  })
  code: string;
  @ApiProperty({ example: 'Department leader in health and care services' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;
  @ApiProperty({ example: '1.0' })
  @Matches(/^[0-9A-Za-z.+-]{1,40}$/, {
    message: 'version must be 1-40 characters of [0-9A-Za-z.+-]',
  })
  version: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 8, description: 'NKR/EQF level' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8)
  nqfLevel?: number;
  @ApiPropertyOptional({ example: 'health-and-care' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sector?: string;
  @ApiProperty({
    type: [ClusterInput],
    description: `at most ${MAX_OUTCOMES_PER_STANDARD} learning outcomes in all, and at most ${MAX_STANDARD_CLUSTERS_BYTES / 1024} KB as JSON`,
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @BoundedStandard()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ClusterInput)
  clusters: ClusterInput[];
}

export class CandidateInput {
  @ApiProperty({ example: 'HR-000123', description: "the employer's own id for the person" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  externalId: string;
  @ApiProperty({ example: 'Kari Nordmann' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
  @ApiPropertyOptional({ example: 'kari@example.org' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;
}

export class OpenCaseDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_IDS.standard })
  @LowerCaseIds()
  @IsUUID()
  standardId: string;
  @ApiProperty({ type: CandidateInput })
  @IsObject()
  @ValidateNested()
  @Type(() => CandidateInput)
  candidate: CandidateInput;
}

export class SetScopeDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: 1000,
    uniqueItems: true,
    description: 'learning outcomes in scope (ids from the standard)',
    example: [EXAMPLE_IDS.outcome, EXAMPLE_IDS.outcome2],
  })
  @IdList({ minEntries: 1, maxEntries: 1000 })
  @LowerCaseIds()
  outcomeIds: string[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0, maximum: 4 },
    description: "the candidate's own rating per outcome in scope, 0 (none) to 4 (expert)",
    example: { [EXAMPLE_IDS.outcome]: 3, [EXAMPLE_IDS.outcome2]: 1 },
  })
  @IsOptional()
  @EachEntry({
    of: 'map',
    maxEntries: 1000,
    key: (k) => (isUuid(k) ? undefined : 'key must be an outcome id (UUID)'),
    value: (v) =>
      Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 4
        ? undefined
        : 'must be an integer 0-4',
  })
  @LowerCaseIds()
  selfAssessment?: Record<string, number>;
}

/** The employer's id for a person in a path: any text of 1-200 characters. */
export const EXTERNAL_ID_MAX_LENGTH = 200;

/** `PATCH /candidates/{externalIdentifier}`: the one way a candidate's details change. */
export class UpdateCandidateDto {
  @ApiPropertyOptional({
    example: 'Kari Nordmann Hansen',
    description: 'name or email, or both, must be given',
  })
  // Required when there is no e-mail: a PATCH that changes nothing is a mistake.
  @ValidateIf((o: UpdateCandidateDto) => o.name !== undefined || o.email === undefined)
  @IsDefined({ message: 'name or email is required' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;
  @ApiPropertyOptional({ example: 'kari.hansen@example.org' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;
}

/** The command: the external id from the path, and the changes. */
export class UpdateCandidateCommand {
  @IsString()
  @IsNotEmpty()
  @MaxLength(EXTERNAL_ID_MAX_LENGTH)
  externalId: string;
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateCandidateDto)
  changes: UpdateCandidateDto;
}
