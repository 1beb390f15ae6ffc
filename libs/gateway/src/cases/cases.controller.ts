import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Command, OpenCaseDto, SetScopeDto, type CommandContext } from '@balanse/contracts';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';

const C = Command.identify;

/** Identify phase: open a case, set its scope, complete identification. */
@ApiTags('cases: identify')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CasesController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @ApiOperation({
    summary: 'Open a case for a candidate against a standard; answers the case in phase identify',
  })
  open(@Caller() caller: CommandContext, @Body() body: OpenCaseDto) {
    return this.services.call('identify', C.openCase, caller, { body });
  }

  @Get(':id')
  @ApiOperation({
    summary: 'The case: phase, result once completed, scope and history from every phase',
  })
  get(@Caller() caller: CommandContext, @Param('id') id: string) {
    return this.services.call('identify', C.getCase, caller, { params: { id } });
  }

  @Put(':id/scope')
  @ApiOperation({ summary: 'Set the outcomes in scope and the self-assessment (0-4 per outcome)' })
  scope(@Caller() caller: CommandContext, @Param('id') id: string, @Body() body: SetScopeDto) {
    return this.services.call('identify', C.setScope, caller, { params: { id }, body });
  }

  @Post(':id/identify/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Finish identification; the case moves to document' })
  complete(@Caller() caller: CommandContext, @Param('id') id: string) {
    return this.services.call('identify', C.completeIdentify, caller, { params: { id } });
  }
}
