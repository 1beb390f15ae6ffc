import { IntersectionType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IDEMPOTENCY_KEY_PATTERN } from './envelope';
import { CandidateInput, OpenCaseDto } from './identify.dto';

/**
 * Bulk intake (`POST /cases/bulk`): the gateway reads the file as a stream and sends its rows to
 * identify in chunks of at most this many, each chunk one command well under the bus's max
 * payload (a valid row is under 1 KB).
 */
export const BULK_CHUNK_ROWS = 100;
export const BULK_FORMATS = ['csv', 'ndjson'] as const;
export type BulkFormat = (typeof BULK_FORMATS)[number];
/** `running` while the file is read; `incomplete` when the upload stopped before its end. */
export const BULK_JOB_STATUSES = ['running', 'completed', 'incomplete'] as const;
export type BulkJobStatus = (typeof BULK_JOB_STATUSES)[number];
export const BULK_ROW_OUTCOMES = ['created', 'existing', 'rejected'] as const;
export type BulkRowOutcome = (typeof BULK_ROW_OUTCOMES)[number];

/** What a bulk row takes of `POST /cases` besides the candidate, with the same validators. */
const CASE_FIELDS = ['standardId', 'standardVersion', 'needId', 'sector', 'region'] as const;

/**
 * One row of a bulk file (a CSV line under the header, or an NDJSON object): a candidate and the
 * case, as in `POST /cases`, flat.
 */
export class BulkRowDto extends IntersectionType(
  CandidateInput,
  PickType(OpenCaseDto, CASE_FIELDS),
) {}

/** The columns of a bulk CSV's header row, the fields of an NDJSON row. */
export const BULK_COLUMNS = [
  'standardId',
  'externalId',
  'name',
  'email',
  'standardVersion',
  'needId',
  'sector',
  'region',
] as const;
export const BULK_REQUIRED_COLUMNS = ['standardId', 'externalId', 'name'] as const;
/** Columns whose CSV cells are read as numbers (NDJSON has its own numbers). */
export const BULK_NUMBER_COLUMNS: readonly string[] = ['standardVersion'];

/** A valid row with its number in the file (1 = the first row under the header). */
export class BulkChunkRow extends BulkRowDto {
  @IsInt()
  @Min(1)
  row: number;
}

/** A row the gateway could not read or that failed validation; only its number and why travel. */
export class BulkRejection {
  @IsInt()
  @Min(1)
  row: number;
  @IsString()
  @MaxLength(60)
  code: string;
  @IsOptional()
  @IsString()
  @MaxLength(200)
  field?: string;
  @IsString()
  @MaxLength(300)
  reason: string;
}

export class StartBulkJobDto {
  @IsIn(BULK_FORMATS)
  format: BulkFormat;
  /** The upload's `Idempotency-Key`: the job holds it (see `BulkService.start`). */
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY_PATTERN)
  idempotencyKey?: string;
}

/** What `startBulkJob` answers the gateway. */
export interface BulkJobStart<J> {
  /** The new job, or, under a key that holds a completed job, that job. */
  job: J;
  /** Under a key that holds a completed job: the hash of its upload, to compare the file with. */
  replayOf?: { requestHash: string };
  /** A job not heard from for this long is shown incomplete: the gateway reports at least thrice as often. */
  staleSeconds: number;
}

export class BulkChunkDto {
  @ArrayMaxSize(BULK_CHUNK_ROWS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => BulkChunkRow)
  rows: BulkChunkRow[];
  @ArrayMaxSize(BULK_CHUNK_ROWS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => BulkRejection)
  rejected: BulkRejection[];
  /** Rows read from the file so far (the last row number of this chunk). */
  @IsInt()
  @Min(0)
  rowsRead: number;
}

export class FinishBulkJobDto {
  @IsIn(['completed', 'incomplete'])
  status: Exclude<BulkJobStatus, 'running'>;
  /** Why the upload stopped (for `incomplete`). */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  reason?: string;
  @IsInt()
  @Min(0)
  rowsRead: number;
  /** The upload's `Idempotency-Key`, and below the hash of the whole upload. */
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY_PATTERN)
  idempotencyKey?: string;
  /** A completed upload's hash (SHA-256, hex), kept with its `Idempotency-Key`. */
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/)
  requestHash?: string;
}
