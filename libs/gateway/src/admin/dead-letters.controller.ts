import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  Command,
  SERVICES,
  validationError,
  type CommandContext,
  type ServiceName,
} from '@balanse/contracts';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';

/** Operators: events a service gave up on, and replaying them once the cause is fixed. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':service')
  @ApiParam({ name: 'service', enum: SERVICES })
  @ApiOperation({
    summary: "A service's dead letters for this tenant: the event, its last error and attempts",
  })
  list(@Caller() caller: CommandContext, @Param('service') service: string) {
    return this.services.call(serviceName(service), Command.deadLetters.list, caller);
  }

  @Post(':service/:id/replay')
  @HttpCode(200)
  @ApiParam({ name: 'service', enum: SERVICES })
  @ApiOperation({ summary: 'Run a dead letter through its handler again; removed on success' })
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
