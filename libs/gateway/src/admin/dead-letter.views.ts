import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EXAMPLE_IDS as ID } from '@balanse/contracts';

/** What a service answers about one of its dead letters (messaging's `DeadLetterView`). */
export class DeadLetterView {
  @ApiProperty({ format: 'uuid', example: ID.deadLetter }) id: string;
  @ApiProperty({ example: 'certify--case-assessed-v2', description: 'the consumer that gave up' })
  consumer: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    example: ID.event,
    description: "the event's id; null when it was not a UUID (the envelope has what it was)",
  })
  eventId: string | null;
  @ApiProperty({
    example: 'default',
    description: "the event's tenant; `_invalid` when it named no valid tenant",
  })
  tenantId: string;
  @ApiProperty({
    example: 'balanse.case.assessed.v2',
    description: 'the type the consumer handles',
  })
  type: string;
  @ApiProperty({
    example:
      'invalid envelope: source is not /balanse/assess, the owner of balanse.case.assessed.v2',
    description:
      'why: `invalid envelope: …` and `invalid payload: …` (dead-lettered at once), `handler failed: … (n deliveries)`, `database unavailable: after n deliveries`. Database errors appear by SQLSTATE only; the service log has them in full',
  })
  reason: string;
  @ApiProperty({ example: 1, description: 'deliveries and replays so far' }) attempts: number;
  @ApiProperty({ format: 'date-time', example: '2025-03-04T13:05:03.001Z' }) createdAt: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'the CloudEvent as received, made storable (NUL and unpaired surrogates replaced by U+FFFD); `{unparseable, length}` for one that was not JSON',
    example: {
      specversion: '1.0',
      id: ID.event,
      type: 'balanse.case.assessed.v2',
      source: '/balanse/evil',
      subject: ID.case,
      time: '2025-03-04T13:05:00.100Z',
      tenantid: 'default',
      data: { caseId: ID.case, standardId: ID.standard, decision: 'certified' },
    },
  })
  envelope: Record<string, unknown>;
}

export class DeadLetterPageView {
  @ApiProperty({ type: [DeadLetterView] }) items: DeadLetterView[];
  @ApiProperty({ example: false, description: 'whether `nextCursor` leads to more' })
  hasMore: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'send as `cursor` for the next page; null on the last',
  })
  nextCursor: string | null;
}

export class ReplayView {
  @ApiProperty({ format: 'uuid', example: ID.deadLetter }) id: string;
  @ApiProperty({ example: true }) replayed: boolean;
}

export class ReplayResultView {
  @ApiProperty({ format: 'uuid', example: ID.deadLetter }) id: string;
  @ApiProperty({
    enum: ['replayed', 'not_found', 'failed'],
    example: 'failed',
    description: '`replayed`: handled and removed; `failed`: it stays, with `reason`',
  })
  outcome: 'replayed' | 'not_found' | 'failed';
  @ApiPropertyOptional({ example: 'handler failed: CASE_NOT_FOUND: case was not found' })
  reason?: string;
}

export class ReplayManyView {
  @ApiProperty({ type: [ReplayResultView], description: 'one per id, in the order sent' })
  results: ReplayResultView[];
}

export class DiscardView {
  @ApiProperty({ format: 'uuid', example: ID.deadLetter }) id: string;
  @ApiProperty({ example: true }) discarded: boolean;
}
