import { ApiProperty } from '@nestjs/swagger';
import { EXAMPLE_IDS as ID } from '@balanse/contracts';

/** What a service answers about its dead letters (messaging's `DeadLetterView`). */
export class DeadLetterView {
  @ApiProperty({ format: 'uuid', example: ID.deadLetter }) id: string;
  @ApiProperty({ example: 'certify--case-assessed-v1', description: 'the consumer that gave up' })
  consumer: string;
  @ApiProperty({ format: 'uuid', example: ID.event }) eventId: string;
  @ApiProperty({ example: 'balanse.case.assessed.v1' }) type: string;
  @ApiProperty({ example: 'connection terminated unexpectedly', description: 'the last error' })
  error: string;
  @ApiProperty({ example: 5 }) attempts: number;
  @ApiProperty({ format: 'date-time', example: '2025-03-04T13:05:03.001Z' }) createdAt: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the CloudEvent as received',
    example: {
      specversion: '1.0',
      id: ID.event,
      type: 'balanse.case.assessed.v1',
      source: '/balanse/assess',
      subject: ID.case,
      time: '2025-03-04T13:05:00.100Z',
      tenantid: 'default',
      data: { caseId: ID.case, standardId: ID.standard, decision: 'partial' },
    },
  })
  envelope: Record<string, unknown>;
}

export class ReplayView {
  @ApiProperty({ format: 'uuid', example: ID.deadLetter }) id: string;
  @ApiProperty({ example: true }) replayed: boolean;
}
