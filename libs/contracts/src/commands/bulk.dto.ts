import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { EXAMPLE_IDS } from '../examples';
import { CandidateInput } from './identify.dto';
import { LowerCaseIds } from '../validation';

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

/** One row of a bulk file: a CSV line under the header, or an NDJSON object. */
/** One row of a bulk file: a candidate, as in `POST /cases`, and the standard of the case. */
export class BulkRowDto extends CandidateInput {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_IDS.standard })
  @LowerCaseIds()
  @IsUUID()
  standardId: string;
}

/** The columns of a bulk CSV's header row, the fields of an NDJSON row. */
export const BULK_COLUMNS = ['standardId', 'externalId', 'name', 'email'] as const;
export const BULK_REQUIRED_COLUMNS = ['standardId', 'externalId', 'name'] as const;

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
}
