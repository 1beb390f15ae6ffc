import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Command, CreateStandardDto, type CommandContext } from '@balanse/contracts';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';

const C = Command.identify;

@ApiTags('standards')
@ApiBearerAuth()
@Controller('api/v1/standards')
export class StandardsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: "List competence standards: the tenant's own and the shared ones" })
  list(@Caller() caller: CommandContext) {
    return this.services.call('identify', C.listStandards, caller);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a competence standard (clusters → competence areas → learning outcomes)',
  })
  create(@Caller() caller: CommandContext, @Body() body: CreateStandardDto) {
    return this.services.call('identify', C.createStandard, caller, { body });
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One standard with its learning outcomes (each with an id) under clusters and areas',
  })
  get(@Caller() caller: CommandContext, @Param('id') id: string) {
    return this.services.call('identify', C.getStandard, caller, { params: { id } });
  }
}
