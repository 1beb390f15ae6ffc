import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  Command,
  CreateStandardDto,
  ErrorCode,
  EXAMPLE_IDS,
  type CommandContext,
} from '@balanse/contracts';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';
import { ApiErrors, BODY_ERRORS } from '../openapi/api-errors';
import { Idempotent } from '../http/idempotency';
import { ApiIdParam } from '../openapi/api-id-param';
import { ApiPaged } from '../openapi/api-paging';
import { StandardSummaryPageView, StandardView } from './standard.views';

const C = Command.identify;

@ApiTags('standards')
@ApiBearerAuth()
@Controller('api/v1/standards')
export class StandardsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary:
      "Competence standards, the tenant's own and the shared ones, by code and version, a page at a time",
  })
  @ApiPaged()
  @ApiOkResponse({ type: StandardSummaryPageView })
  @ApiErrors(ErrorCode.INVALID_CURSOR)
  list(@Caller() caller: CommandContext, @Query() query: Record<string, unknown>) {
    return this.services.call('identify', C.listStandards, caller, { query });
  }

  @Post()
  @ApiOperation({
    summary: 'Create a competence standard (clusters → competence areas → learning outcomes)',
  })
  @Idempotent()
  @ApiCreatedResponse({ type: StandardView, description: 'the standard, every id assigned' })
  @ApiErrors(...BODY_ERRORS, ErrorCode.STANDARD_CODE_TAKEN, ErrorCode.IDEMPOTENCY_KEY_REUSED)
  create(@Caller() caller: CommandContext, @Body() body: CreateStandardDto) {
    return this.services.call('identify', C.createStandard, caller, { body });
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One standard with its learning outcomes (each with an id) under clusters and areas',
  })
  @ApiIdParam('id', EXAMPLE_IDS.standard)
  @ApiOkResponse({ type: StandardView })
  @ApiErrors(ErrorCode.STANDARD_NOT_FOUND)
  get(@Caller() caller: CommandContext, @Param('id') id: string) {
    return this.services.call('identify', C.getStandard, caller, { params: { id } });
  }
}
