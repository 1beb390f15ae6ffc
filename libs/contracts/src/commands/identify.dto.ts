import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
  registerDecorator,
} from 'class-validator';
import { isUuid } from '../basics';
import { EXAMPLE_IDS } from '../examples';
import { PHASES, RESULTS } from '../lifecycle';
import { PageQueryDto } from '../paging';
import { EachEntry, IdList, LowerCaseIds } from '../validation';
import { CalendarDate, CountyNumber, NaceCode } from './needs.dto';

export const OUTCOME_CATEGORIES = ['knowledge', 'skills', 'general_competence'] as const;
export type OutcomeCategory = (typeof OUTCOME_CATEGORIES)[number];

/** Text in Norwegian bokmål and English: every title and statement of a standard has both. */
export class LocalizedText {
  @ApiProperty({ example: 'Turnus', description: 'bokmål' })
  @IsString()
  @Matches(/\S/, { message: 'nb must not be blank' })
  @MaxLength(2000)
  nb: string;
  @ApiProperty({ example: 'Rostering', description: 'English' })
  @IsString()
  @Matches(/\S/, { message: 'en must not be blank' })
  @MaxLength(2000)
  en: string;
}

/** A link to formal education: the programme or course, its credits, the curriculum aim matched. */
export class EducationLinkInput {
  @ApiPropertyOptional({ example: 'FHS-LEDELSE', description: 'programme code' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  programme?: string;
  @ApiPropertyOptional({ example: 'LED101', description: 'course code' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  course?: string;
  @ApiPropertyOptional({ example: 7.5, description: 'credits (studiepoeng, ECTS)' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(300)
  credits?: number;
  @ApiPropertyOptional({
    example: 'Kandidaten kan lede endringsprosesser',
    description: 'the curriculum aim (læringsutbyttebeskrivelse) this outcome matches',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  curriculumAim?: string;
}

/** An ESCO skill's URI; the id part as ESCO publishes them (UUIDs, or codes for groups). */
const ESCO_SKILL = /^http:\/\/data\.europa\.eu\/esco\/skill\/[A-Za-z0-9.-]{1,64}$/;
const NKR_MESSAGE = 'must be an NKR level, an integer 1-8';

export class OutcomeInput {
  @ApiPropertyOptional({
    format: 'uuid',
    example: EXAMPLE_IDS.outcome,
    description: 'an outcome of the draft being changed, to keep its id; new outcomes have none',
  })
  @IsOptional()
  @LowerCaseIds()
  @IsUUID()
  id?: string;
  @ApiPropertyOptional({ example: 'FR-1', description: 'unique in the standard' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  code?: string;
  @ApiProperty({ type: LocalizedText })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedText)
  statement: LocalizedText;
  @ApiProperty({
    enum: OUTCOME_CATEGORIES,
    description: 'kunnskap / ferdigheter / generell kompetanse',
  })
  @IsIn(OUTCOME_CATEGORIES)
  category: OutcomeCategory;
  @ApiPropertyOptional({ description: 'must be met for the whole standard (default false)' })
  @IsOptional()
  @IsBoolean()
  mandatory?: boolean;
  @ApiPropertyOptional({ minimum: 1, maximum: 8, example: 5, description: 'NKR level 1-8' })
  @IsOptional()
  @IsInt({ message: NKR_MESSAGE })
  @Min(1, { message: NKR_MESSAGE })
  @Max(8, { message: NKR_MESSAGE })
  nkrLevel?: number;
  @ApiPropertyOptional({
    type: [String],
    maxItems: 20,
    example: ['http://data.europa.eu/esco/skill/1f5a3d4d-1f3e-4f0b-9e4a-3c2d1b0a9f8e'],
    description: 'ESCO skill URIs',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(ESCO_SKILL, {
    each: true,
    message: 'each must be an ESCO skill URI (http://data.europa.eu/esco/skill/…)',
  })
  escoSkills?: string[];
  @ApiPropertyOptional({ type: [EducationLinkInput], maxItems: 20 })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => EducationLinkInput)
  education?: EducationLinkInput[];
}

export class AreaInput {
  @ApiPropertyOptional({
    format: 'uuid',
    example: EXAMPLE_IDS.area,
    description: 'an area of the draft being changed, to keep its id; new areas have none',
  })
  @IsOptional()
  @LowerCaseIds()
  @IsUUID()
  id?: string;
  @ApiProperty({ type: LocalizedText, example: { nb: 'Turnus', en: 'Rostering' } })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedText)
  title: LocalizedText;
  @ApiProperty({ type: [OutcomeInput], minItems: 1 })
  @ArrayMinSize(1, { message: 'an area needs at least one learning outcome' })
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => OutcomeInput)
  outcomes: OutcomeInput[];
}

export class ClusterInput {
  @ApiPropertyOptional({
    format: 'uuid',
    example: EXAMPLE_IDS.cluster,
    description: 'a cluster of the draft being changed, to keep its id; new clusters have none',
  })
  @IsOptional()
  @LowerCaseIds()
  @IsUUID()
  id?: string;
  @ApiProperty({
    type: LocalizedText,
    example: { nb: 'Fleksibilitet og rutiner', en: 'Flexibility and routines' },
  })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedText)
  title: LocalizedText;
  @ApiProperty({ type: [AreaInput], minItems: 1 })
  @ArrayMinSize(1, { message: 'a cluster needs at least one competence area' })
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

export class OwnerInput {
  @ApiProperty({ example: 'Virke' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
  @ApiPropertyOptional({ example: '982974011', description: 'Norwegian organisation number' })
  @IsOptional()
  @Matches(/^[0-9]{9}$/, { message: 'orgNumber must be 9 digits' })
  orgNumber?: string;
}

/** What a version of a standard holds; `PATCH` may change any of it while the version is a draft. */
export class StandardContentInput {
  @ApiProperty({
    type: LocalizedText,
    example: {
      nb: 'Avdelingsleder i helse- og omsorgstjenestene',
      en: 'Department leader in health and care services',
    },
  })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedText)
  title: LocalizedText;
  @ApiPropertyOptional({ type: LocalizedText })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedText)
  description?: LocalizedText;
  @ApiProperty({
    type: OwnerInput,
    description: 'the organisation that owns the standard',
    example: { name: 'Virke', orgNumber: '982974011' },
  })
  @IsObject()
  @ValidateNested()
  @Type(() => OwnerInput)
  owner: OwnerInput;
  @ApiPropertyOptional({ minimum: 1, maximum: 8, description: 'NKR level of the whole standard' })
  @IsOptional()
  @IsInt({ message: NKR_MESSAGE })
  @Min(1, { message: NKR_MESSAGE })
  @Max(8, { message: NKR_MESSAGE })
  nqfLevel?: number;
  @ApiPropertyOptional({ example: 'health-and-care' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sector?: string;
  @ApiProperty({
    type: [ClusterInput],
    minItems: 1,
    description: `at most ${MAX_OUTCOMES_PER_STANDARD} learning outcomes in all, and at most ${MAX_STANDARD_CLUSTERS_BYTES / 1024} KB as JSON; outcome codes unique`,
  })
  @ArrayMinSize(1, { message: 'a standard needs at least one cluster' })
  @ArrayMaxSize(50)
  @BoundedStandard()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ClusterInput)
  clusters: ClusterInput[];
}

/** Creates a standard: version 1, a draft until published. */
export class CreateStandardDto extends StandardContentInput {
  @ApiProperty({
    example: 'avdelingsleder-helse',
    description: 'unique per tenant; lower case, digits, dashes',
  })
  @Matches(/^[a-z0-9][a-z0-9-]{1,79}$/, {
    message: 'code must be 2-80 lower-case letters, digits or dashes',
  })
  code: string;
}

/** Changes a draft: each field given replaces the draft's; `clusters` replaces the whole tree. */
export class PatchStandardDto extends PartialType(StandardContentInput) {}

const VERSION_MESSAGE = 'must be a version number, an integer from 1';

/** `?version=N` of `GET /standards/{id}`: without it, the latest published version. */
export class StandardVersionQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: VERSION_MESSAGE })
  @Min(1, { message: VERSION_MESSAGE })
  @Max(1_000_000, { message: VERSION_MESSAGE })
  version?: number;
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
  @ApiPropertyOptional({
    minimum: 1,
    example: 1,
    description: 'the published version of the standard to pin; default the latest published',
  })
  @IsOptional()
  @IsInt({ message: VERSION_MESSAGE })
  @Min(1, { message: VERSION_MESSAGE })
  @Max(1_000_000, { message: VERSION_MESSAGE })
  standardVersion?: number;
  @ApiPropertyOptional({
    format: 'uuid',
    example: EXAMPLE_IDS.need,
    description: "the competence need the case serves (for the case's standard)",
  })
  @IsOptional()
  @LowerCaseIds()
  @IsUUID()
  needId?: string;
  @ApiPropertyOptional({
    example: '27.20',
    description: "NACE Rev. 2 code of the candidate's workplace; default the need's",
  })
  @IsOptional()
  @Validate(NaceCode)
  sector?: string;
  @ApiPropertyOptional({
    example: '42',
    description: "county number of the candidate's workplace; default the need's",
  })
  @IsOptional()
  @Validate(CountyNumber)
  region?: string;
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

/** A rating per outcome, 0 (none) to 4 (expert), keyed by outcome id. */
const RATINGS = {
  of: 'map',
  maxEntries: 1000,
  key: (k: string) => (isUuid(k) ? undefined : 'key must be an outcome id (UUID)'),
  value: (v: unknown) =>
    Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 4
      ? undefined
      : 'must be an integer 0-4',
} as const;

/** `PUT /cases/{id}/employer-view`: the employer's view of the candidate, per outcome (0-4). */
export class EmployerViewDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0, maximum: 4 },
    description:
      "the employer's rating per outcome of the case's standard, 0 (none) to 4 (expert); replaces the earlier view",
    example: { [EXAMPLE_IDS.outcome]: 3, [EXAMPLE_IDS.outcome2]: 2 },
  })
  @EachEntry(RATINGS)
  @LowerCaseIds()
  ratings: Record<string, number>;
}

/** The orders `GET /cases` may answer in: by opening time, oldest (`openedAt`) or newest first. */
export const CASE_SORTS = ['openedAt', '-openedAt'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/** `GET /cases?…`: a tenant's cases, filtered, sorted, a page at a time. */
export class ListCasesQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(PHASES)
  phase?: string;
  @IsOptional()
  @IsIn(RESULTS)
  result?: string;
  @IsOptional()
  @LowerCaseIds()
  @IsUUID()
  standardId?: string;
  @IsOptional()
  @LowerCaseIds()
  @IsUUID()
  needId?: string;
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  externalId?: string;
  /** Opened on or after this day (UTC). */
  @IsOptional()
  @Validate(CalendarDate)
  openedFrom?: string;
  /** Opened on or before this day (UTC). */
  @IsOptional()
  @Validate(CalendarDate)
  openedTo?: string;
  @IsOptional()
  @IsIn(CASE_SORTS)
  sort?: CaseSort;
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
