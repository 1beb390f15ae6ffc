import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BULK_FORMATS,
  BULK_JOB_STATUSES,
  BULK_ROW_OUTCOMES,
  EXAMPLE_IDS as ID,
  type BulkFormat,
  type BulkJobStatus,
  type BulkRowOutcome,
} from '@balanse/contracts';
import { PageView } from '../openapi/api-paging';

/** A bulk intake job: its progress while the file is read, its counts when done. */
export class BulkJobView {
  @ApiProperty({ format: 'uuid', example: ID.bulkJob }) jobId: string;
  @ApiProperty({
    enum: BULK_JOB_STATUSES,
    example: 'completed',
    description:
      '`running` while the file is read; `completed`; `incomplete` when the upload stopped before its end (send the file again: rows already opened are found, not opened twice)',
  })
  status: BulkJobStatus;
  @ApiProperty({ enum: BULK_FORMATS, example: 'csv' }) format: BulkFormat;
  @ApiProperty({ example: 10000, description: 'rows read from the file so far' }) rowsRead: number;
  @ApiProperty({ example: 9998, description: 'rows that opened a case' }) created: number;
  @ApiProperty({
    example: 1,
    description: 'rows whose candidate already had a case on the standard (e.g. a file sent again)',
  })
  existing: number;
  @ApiProperty({ example: 1, description: 'rows refused; the report says why' }) rejected: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'why the job is incomplete',
  })
  reason: string | null;
  @ApiProperty({ format: 'date-time', example: '2025-03-03T09:12:40.503Z' }) startedAt: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2025-03-03T09:12:48.113Z',
  })
  finishedAt: string | null;
}

/** What became of one row of the file. */
export class BulkRowReportView {
  @ApiProperty({ example: 7, description: 'the row number, 1 = the first row under the header' })
  row: number;
  @ApiProperty({ enum: BULK_ROW_OUTCOMES, example: 'rejected' }) outcome: BulkRowOutcome;
  @ApiPropertyOptional({
    format: 'uuid',
    example: ID.case,
    description: 'the case opened or found',
  })
  caseId?: string;
  @ApiPropertyOptional({ example: 'VALIDATION_FAILED', description: 'why it was rejected' })
  code?: string;
  @ApiPropertyOptional({ example: 'email', description: 'the failing field' })
  field?: string;
  @ApiPropertyOptional({ example: 'email: email must be an email' }) reason?: string;
}

export const BulkReportPageView = PageView(BulkRowReportView, 'BulkReportPage');

export const BulkJobPageView = PageView(BulkJobView, 'BulkJobPage');
