import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  ChangeNeedDto,
  Command,
  COUNTIES,
  ErrorCode,
  EXAMPLE_IDS as ID,
  RecordNeedDto,
  type CommandContext,
} from '@balanse/contracts';
import { Caller } from '../http/principal';
import { Idempotent } from '../http/idempotency';
import { ServiceClient } from '../http/service-client';
import {
  ApiErrors,
  BODY_ERRORS,
  type ErrorExample,
  UNKNOWN_STANDARD_VERSION,
} from '../openapi/api-errors';
import { ApiIdParam } from '../openapi/api-id-param';
import { ApiPaged } from '../openapi/api-paging';
import { NeedPageView, NeedView } from './need.views';

const C = Command.identify;

const UNKNOWN_STANDARD: ErrorExample = {
  code: ErrorCode.STANDARD_NOT_FOUND,
  status: 422,
  message: `standard ${ID.unknown} was not found`,
  fields: [{ field: 'standardId', message: 'no such standard for this tenant' }],
  meaning: 'no such standard for the tenant',
};

/** Competence needs (kompetansebehov, role profiles): what an employer needs, against a standard. */
@ApiTags('needs')
@ApiBearerAuth()
@Controller('api/v1/needs')
export class NeedsController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @ApiOperation({
    summary:
      'Record a competence need: a standard (and the outcomes required), how many people, sector (NACE), region (county), by when; emits need.recorded',
  })
  @Idempotent()
  @ApiCreatedResponse({ type: NeedView })
  @ApiErrors(
    ...BODY_ERRORS,
    {
      code: ErrorCode.VALIDATION_FAILED,
      message: 'invalid fields: sector',
      fields: [
        {
          field: 'sector',
          message:
            'must be a NACE Rev. 2 code: a section (C), division (27), group (27.2) or class (27.20)',
        },
      ],
    },
    UNKNOWN_STANDARD,
    UNKNOWN_STANDARD_VERSION,
    ErrorCode.STANDARD_VERSION_DRAFT,
    ErrorCode.OUTCOME_NOT_IN_STANDARD,
    ErrorCode.IDEMPOTENCY_KEY_REUSED,
  )
  record(@Caller() caller: CommandContext, @Body() body: RecordNeedDto) {
    return this.services.call('identify', C.recordNeed, caller, { body });
  }

  @Get()
  @ApiOperation({
    summary:
      'The needs the tenant sees (its own and the shared ones), oldest first, a page at a time',
  })
  @ApiPaged()
  @ApiQuery({ name: 'standardId', required: false, schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({
    name: 'sector',
    required: false,
    schema: { type: 'string', example: '27.20' },
    description: 'NACE Rev. 2 code, matched exactly',
  })
  @ApiQuery({
    name: 'region',
    required: false,
    schema: { type: 'string', enum: Object.keys(COUNTIES) },
    description: 'county number',
  })
  @ApiOkResponse({ type: NeedPageView })
  @ApiErrors(ErrorCode.INVALID_CURSOR)
  list(@Caller() caller: CommandContext, @Query() query: Record<string, unknown>) {
    return this.services.call('identify', C.listNeeds, caller, { query });
  }

  @Get(':id')
  @ApiIdParam('id', ID.need)
  @ApiOperation({ summary: 'One need' })
  @ApiOkResponse({ type: NeedView })
  @ApiErrors(ErrorCode.NEED_NOT_FOUND)
  get(@Caller() caller: CommandContext, @Param('id') id: string) {
    return this.services.call('identify', C.getNeed, caller, { params: { id } });
  }

  @Patch(':id')
  @ApiIdParam('id', ID.need)
  @ApiOperation({
    summary:
      "Change the tenant's own need (not a shared one): the fields given; emits need.changed",
  })
  @ApiOkResponse({ type: NeedView, description: 'the need as it is now' })
  @ApiErrors(...BODY_ERRORS, ErrorCode.NEED_NOT_FOUND, ErrorCode.OUTCOME_NOT_IN_STANDARD)
  change(@Caller() caller: CommandContext, @Param('id') id: string, @Body() body: ChangeNeedDto) {
    return this.services.call('identify', C.changeNeed, caller, { params: { id }, body });
  }
}
