import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../paging';
import { IdList } from '../validation';

/** A tenant name, or `_invalid`: dead letters of events that named no valid tenant. */
export const DEAD_LETTER_TENANT = /^(_invalid|[a-z0-9][a-z0-9-]{0,62})$/;

/** `GET /admin/dead-letters/{service}?…`: a page, newest last, filtered. */
export class DeadLetterQueryDto extends PageQueryDto {
  /** An event type, e.g. `balanse.case.assessed.v2`. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^balanse\.[a-z0-9.-]+\.v[0-9]+$/, { message: 'must be an event type with a version' })
  type?: string;

  /** Whose dead letters (default: the caller's tenant). */
  @IsOptional()
  @IsString()
  @Matches(DEAD_LETTER_TENANT, { message: 'must be a tenant name or _invalid' })
  tenant?: string;

  /** Kept at or after this time. */
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }) from?: string;

  /** Kept before this time. */
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }) to?: string;
}

/** At most this many dead letters are replayed by one request. */
export const MAX_REPLAY_IDS = 100;

export class ReplayDeadLettersDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_REPLAY_IDS })
  @IdList({ minEntries: 1, maxEntries: MAX_REPLAY_IDS })
  ids: string[];
}

export class DiscardDeadLetterDto {
  /** Why it is dropped; kept in the audit row. */
  @ApiProperty({ maxLength: 500, example: 'forged event from outside; nothing to redo' })
  @IsString()
  @MaxLength(500)
  @Matches(/\S/, { message: 'must say why' })
  reason: string;

  /** Whose dead letter (default: the caller's tenant; `_invalid` for events without a valid one). */
  @ApiPropertyOptional({ description: 'a tenant name, or `_invalid`' })
  @IsOptional()
  @IsString()
  @Matches(DEAD_LETTER_TENANT, { message: 'must be a tenant name or _invalid' })
  tenant?: string;
}
