import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  Command,
  DeadLetterQueryDto,
  DiscardDeadLetterDto,
  ErrorCode,
  EXAMPLE_IDS as ID,
  MAX_REPLAY_IDS,
  ReplayDeadLettersDto,
  SERVICES,
  validatePayload,
  validationError,
  type CommandContext,
  type ServiceName,
} from '@balanse/contracts';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';
import { ApiErrors, BODY_ERRORS } from '../openapi/api-errors';
import { ApiIdParam } from '../openapi/api-id-param';
import { DeadLetterPageView, DiscardView, ReplayManyView, ReplayView } from './dead-letter.views';

const ServiceParam = () => ApiParam({ name: 'service', enum: SERVICES, example: 'certify' });
const D = Command.deadLetters;

/**
 * Operators: events a service gave up on, why, and what to do with each: replay once the cause
 * is fixed, or discard with a reason (both kept in the service's `dead_letter_audit`).
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':service')
  @ServiceParam()
  @ApiQuery({ name: 'limit', required: false, example: 50, description: '1-100, default 50' })
  @ApiQuery({ name: 'cursor', required: false, description: "the previous page's `nextCursor`" })
  @ApiQuery({ name: 'type', required: false, example: 'balanse.case.assessed.v2' })
  @ApiQuery({
    name: 'tenant',
    required: false,
    example: 'default',
    description:
      'whose (default: the `X-Balanse-Tenant` tenant); `_invalid` lists events that named no valid tenant',
  })
  @ApiQuery({
    name: 'from',
    required: false,
    example: '2025-03-04T00:00:00Z',
    description: 'kept at or after',
  })
  @ApiQuery({
    name: 'to',
    required: false,
    example: '2025-03-05T00:00:00Z',
    description: 'kept before',
  })
  @ApiOperation({
    summary:
      "A page of a service's dead letters, oldest first: the event and why it was given up on",
  })
  @ApiOkResponse({ type: DeadLetterPageView })
  @ApiErrors(ErrorCode.INVALID_CURSOR)
  list(
    @Caller() caller: CommandContext,
    @Param('service') service: string,
    @Query() query: Record<string, unknown>,
  ) {
    const name = serviceName(service);
    const body = validatePayload(DeadLetterQueryDto, query);
    return this.services.call(name, D.list, caller, { body });
  }

  @Post(':service/replay')
  @HttpCode(200)
  @ServiceParam()
  @ApiBody({ type: ReplayDeadLettersDto, examples: { two: { value: { ids: [ID.deadLetter] } } } })
  @ApiOperation({
    summary: `Replay up to ${MAX_REPLAY_IDS} dead letters; one outcome per id (a failure does not stop the rest)`,
  })
  @ApiOkResponse({ type: ReplayManyView })
  @ApiErrors(...BODY_ERRORS)
  replayMany(
    @Caller() caller: CommandContext,
    @Param('service') service: string,
    @Body() body: ReplayDeadLettersDto,
  ) {
    return this.services.call(serviceName(service), D.replayMany, caller, { body });
  }

  @Post(':service/:id/replay')
  @HttpCode(200)
  @ServiceParam()
  @ApiIdParam('id', ID.deadLetter)
  @ApiOperation({ summary: 'Run a dead letter through its consumer again; removed on success' })
  @ApiOkResponse({ type: ReplayView })
  @ApiErrors(...BODY_ERRORS, ErrorCode.DEAD_LETTER_NOT_FOUND, ErrorCode.REPLAY_FAILED)
  replay(
    @Caller() caller: CommandContext,
    @Param('service') service: string,
    @Param('id') id: string,
  ) {
    return this.services.call(serviceName(service), D.replay, caller, { params: { id } });
  }

  @Post(':service/:id/discard')
  @HttpCode(200)
  @ServiceParam()
  @ApiIdParam('id', ID.deadLetter)
  @ApiBody({
    type: DiscardDeadLetterDto,
    examples: { forged: { value: { reason: 'forged event from outside; nothing to redo' } } },
  })
  @ApiOperation({ summary: 'Drop a dead letter for good, saying why (kept in the audit)' })
  @ApiOkResponse({ type: DiscardView })
  @ApiErrors(...BODY_ERRORS, ErrorCode.DEAD_LETTER_NOT_FOUND)
  discard(
    @Caller() caller: CommandContext,
    @Param('service') service: string,
    @Param('id') id: string,
    @Body() body: DiscardDeadLetterDto,
  ) {
    return this.services.call(serviceName(service), D.discard, caller, { params: { id }, body });
  }
}

function serviceName(s: string): ServiceName {
  if (!(SERVICES as readonly string[]).includes(s))
    throw validationError([{ field: 'service', message: `must be one of ${SERVICES.join(', ')}` }]);
  return s as ServiceName;
}
