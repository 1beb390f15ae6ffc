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

/**
 * What an exchange format says of a node (or of the whole standard) that the model has no field
 * for: under `case`, the CASE properties an import kept (item type, URIs, notes, unknown
 * fields). Stored as it is and written back on export, so nothing imported is dropped.
 */
export const MAX_EXTENSIONS_BYTES = 64 * 1024;
/** The whole standard's: a framework's definitions, other associations and items outside its tree. */
export const MAX_STANDARD_EXTENSIONS_BYTES = 16 * 1024 * 1024;

function Extensions(maxBytes = MAX_EXTENSIONS_BYTES): PropertyDecorator {
  const size = maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MB` : `${maxBytes / 1024} KB`;
  return (target, propertyName) => {
    ApiPropertyOptional({
      type: 'object',
      additionalProperties: true,
      description: `kept from an exchange format (\`case\`: CASE properties of an import), written back on export; at most ${size} of JSON`,
      example: { case: { CFItemType: 'Domain', abbreviatedStatement: 'Rostering' } },
    })(target, propertyName);
    IsOptional()(target, propertyName);
    IsObject()(target, propertyName);
    registerDecorator({
      name: 'maxExtensionsBytes',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `extensions must encode to at most ${size} of JSON` },
      validator: {
        validate: (v: unknown) =>
          v === undefined || Buffer.byteLength(JSON.stringify(v)) <= maxBytes,
      },
    });
  };
}

function Description(): PropertyDecorator {
  return (target, propertyName) => {
    ApiPropertyOptional({ type: LocalizedText })(target, propertyName);
    IsOptional()(target, propertyName);
    IsObject()(target, propertyName);
    ValidateNested()(target, propertyName);
    Type(() => LocalizedText)(target, propertyName);
  };
}

/** A cluster's or an area's own code (as frameworks number their levels); need not be unique. */
function NodeCode(): PropertyDecorator {
  return (target, propertyName) => {
    ApiPropertyOptional({ example: 'A2', description: "the framework's code of this level" })(target, propertyName); // prettier-ignore
    IsOptional()(target, propertyName);
    IsString()(target, propertyName);
    IsNotEmpty()(target, propertyName);
    MaxLength(80)(target, propertyName);
  };
}

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
  @Description()
  description?: LocalizedText;
  @Extensions()
  extensions?: Record<string, unknown>;
}

/** An area's outcomes: a list of at most 2,000, which may be left out where the area holds areas. */
function OutcomeList(): PropertyDecorator {
  const NEEDS = 'an area needs at least one learning outcome or area';
  return (target, propertyName) =>
    registerDecorator({
      name: 'outcomeList',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (v: unknown, args) => problem(v, args!.object as AreaInput) === undefined,
        defaultMessage: (args) => problem(args!.value, args!.object as AreaInput) ?? NEEDS,
      },
    });
  function problem(v: unknown, area: AreaInput): string | undefined {
    const hasAreas = Array.isArray(area.areas) && area.areas.length > 0;
    if (v === undefined) return hasAreas ? undefined : NEEDS;
    if (!Array.isArray(v)) return 'outcomes must be an array';
    if (v.length === 0 && !hasAreas) return NEEDS;
    if (v.length > 2000) return 'outcomes must contain no more than 2000 elements';
    if (v.some((o) => o === null || typeof o !== 'object' || Array.isArray(o)))
      return 'each value in outcomes must be an object';
    return undefined;
  }
}

/** Areas nest: a framework from elsewhere may have areas within areas, this many levels at most. */
export const MAX_AREA_DEPTH = 16;

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
  @NodeCode()
  code?: string;
  @ApiProperty({ type: LocalizedText, example: { nb: 'Turnus', en: 'Rostering' } })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedText)
  title: LocalizedText;
  @Description()
  description?: LocalizedText;
  @ApiPropertyOptional({
    type: [OutcomeInput],
    description: 'the learning outcomes of the area; an area has outcomes, areas, or both',
  })
  @OutcomeList()
  @ValidateNested({ each: true })
  @Type(() => OutcomeInput)
  outcomes?: OutcomeInput[];
  @ApiPropertyOptional({
    type: () => [AreaInput],
    example: [],
    description: `areas within this area (frameworks from elsewhere are often deeper), at most ${MAX_AREA_DEPTH} levels`,
  })
  @IsOptional()
  @ArrayMaxSize(2000)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AreaInput)
  areas?: AreaInput[];
  @Extensions()
  extensions?: Record<string, unknown>;
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
  @NodeCode()
  code?: string;
  @Description()
  description?: LocalizedText;
  @ApiProperty({ type: [AreaInput], minItems: 1 })
  @ArrayMinSize(1, { message: 'a cluster needs at least one competence area' })
  @ArrayMaxSize(2000)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AreaInput)
  areas: AreaInput[];
  @Extensions()
  extensions?: Record<string, unknown>;
}

/**
 * A standard is bounded as a whole: at most this many learning outcomes in all (a case's scope
 * names at most MAX_OUTCOMES_IN_SCOPE of them) …
 */
export const MAX_OUTCOMES_PER_STANDARD = 25_000;
/**
 * … and its clusters at most this much JSON. A large standard travels on the bus in chunks
 * (see "Large messages" in README.md), each within the bus's max payload.
 */
export const MAX_STANDARD_CLUSTERS_BYTES = 48 * 1024 * 1024;
/** What a case's scope, a need or a piece of evidence may name, and what an event may carry. */
export const MAX_OUTCOMES_IN_SCOPE = 1000;

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
      'maxAreaDepth',
      `areas nest at most ${MAX_AREA_DEPTH} levels deep`,
      (clusters) => areaDepth(clusters) <= MAX_AREA_DEPTH,
    );
    check(
      'maxStandardBytes',
      `clusters must encode to at most ${MAX_STANDARD_CLUSTERS_BYTES / 1024 / 1024} MB of JSON`,
      (clusters) => Buffer.byteLength(JSON.stringify(clusters)) <= MAX_STANDARD_CLUSTERS_BYTES,
    );
  };
}

const entries = (v: unknown, key: string): unknown[] => {
  const list = (v as Record<string, unknown> | null)?.[key];
  return Array.isArray(list) ? list : [];
};

/** Every area of the clusters, at any depth, with its depth (1 = an area of a cluster). */
function* allAreas(clusters: unknown[]): Generator<{ area: unknown; depth: number }> {
  const stack = clusters.flatMap((c) => entries(c, 'areas').map((area) => ({ area, depth: 1 })));
  while (stack.length) {
    const next = stack.pop()!;
    yield next;
    // Deeper than the bound is refused; no need to walk a hostile tree further.
    if (next.depth <= MAX_AREA_DEPTH)
      for (const area of entries(next.area, 'areas')) stack.push({ area, depth: next.depth + 1 });
  }
}

function countOutcomes(clusters: unknown[]): number {
  let n = 0;
  for (const { area } of allAreas(clusters)) n += entries(area, 'outcomes').length;
  return n;
}

function areaDepth(clusters: unknown[]): number {
  let deepest = 0;
  for (const { depth } of allAreas(clusters)) deepest = Math.max(deepest, depth);
  return deepest;
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
    description: `at most ${MAX_OUTCOMES_PER_STANDARD} learning outcomes in all, areas at most ${MAX_AREA_DEPTH} levels deep, and at most ${MAX_STANDARD_CLUSTERS_BYTES / 1024 / 1024} MB as JSON; outcome codes unique`,
  })
  @ArrayMinSize(1, { message: 'a standard needs at least one cluster' })
  @ArrayMaxSize(2000)
  @BoundedStandard()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ClusterInput)
  clusters: ClusterInput[];
  @Extensions(MAX_STANDARD_EXTENSIONS_BYTES)
  extensions?: Record<string, unknown>;
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
    maxItems: MAX_OUTCOMES_IN_SCOPE,
    uniqueItems: true,
    description: 'learning outcomes in scope (ids from the standard)',
    example: [EXAMPLE_IDS.outcome, EXAMPLE_IDS.outcome2],
  })
  @IdList({ minEntries: 1, maxEntries: MAX_OUTCOMES_IN_SCOPE })
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
    maxEntries: MAX_OUTCOMES_IN_SCOPE,
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
  maxEntries: MAX_OUTCOMES_IN_SCOPE,
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
