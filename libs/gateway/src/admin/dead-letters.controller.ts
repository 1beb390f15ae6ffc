import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  Command,
  ErrorCode,
  EXAMPLE_IDS as ID,
  SERVICES,
  validationError,
  type CommandContext,
  type ServiceName,
} from '@balanse/contracts';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';
import { ApiErrors, BODY_ERRORS } from '../openapi/api-errors';
import { ApiIdParam } from '../openapi/api-id-param';
import { DeadLetterView, ReplayView } from './dead-letter.views';

const ServiceParam = () => ApiParam({ name: 'service', enum: SERVICES, example: 'certify' });

/** Operators: events a service gave up on, and replaying them once the cause is fixed. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':service')
  @ServiceParam()
  @ApiOperation({
    summary: "A service's dead letters for this tenant: the event, its last error and attempts",
  })
  @ApiOkResponse({ type: [DeadLetterView] })
  @ApiErrors()
  list(@Caller() caller: CommandContext, @Param('service') service: string) {
    return this.services.call(serviceName(service), Command.deadLetters.list, caller);
  }

  @Post(':service/:id/replay')
  @HttpCode(200)
  @ServiceParam()
  @ApiIdParam('id', ID.deadLetter)
  @ApiOperation({ summary: 'Run a dead letter through its handler again; removed on success' })
  @ApiOkResponse({ type: ReplayView })
  @ApiErrors(...BODY_ERRORS, ErrorCode.DEAD_LETTER_NOT_FOUND, {
    code: ErrorCode.INTERNAL,
    meaning: 'the handler failed again; the dead letter stays, with this error',
    message: 'internal error; see the service log',
  })
  replay(
    @Caller() caller: CommandContext,
    @Param('service') service: string,
    @Param('id') id: string,
  ) {
    return this.services.call(serviceName(service), Command.deadLetters.replay, caller, {
      params: { id },
    });
  }
}

function serviceName(s: string): ServiceName {
  if (!(SERVICES as readonly string[]).includes(s))
    throw validationError([{ field: 'service', message: `must be one of ${SERVICES.join(', ')}` }]);
  return s as ServiceName;
}
