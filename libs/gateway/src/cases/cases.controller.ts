import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  CASE_SORTS,
  Command,
  EmployerViewDto,
  ErrorCode,
  PHASES,
  RESULTS,
  EXAMPLE_IDS as ID,
  OpenCaseDto,
  SetScopeDto,
  type CommandContext,
} from '@balanse/contracts';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';
import { ApiErrors, BODY_ERRORS, UNKNOWN_STANDARD_VERSION } from '../openapi/api-errors';
import { Idempotent } from '../http/idempotency';
import { ApiIdParam } from '../openapi/api-id-param';
import { ApiPaged } from '../openapi/api-paging';
import { CaseSummaryPageView, GapReportView } from './case-finding.views';
import { CaseView, COMPLETION_EXAMPLES, HistoryPageView, PhaseCompletionView } from './case.views';

const C = Command.identify;

/** Identification already complete. */
const NOT_IN_IDENTIFY = {
  code: ErrorCode.CASE_NOT_IN_PHASE,
  message: 'case is in phase document, not identify',
  details: { phase: 'document', expected: 'identify' },
} as const;

/** Identify phase: open a case, set its scope, complete identification. */
@ApiTags('cases: identify')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CasesController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @ApiOperation({
    summary:
      'Open a case for a candidate against a published version of a standard (default the latest); answers the case in phase identify',
  })
  @Idempotent()
  @ApiCreatedResponse({ type: CaseView })
  @ApiErrors(
    ...BODY_ERRORS,
    {
      code: ErrorCode.STANDARD_NOT_FOUND,
      status: 422,
      message: `standard ${ID.unknown} was not found`,
      fields: [{ field: 'standardId', message: 'no such standard for this tenant' }],
    },
    {
      code: ErrorCode.NEED_NOT_FOUND,
      status: 422,
      message: `need ${ID.unknown} was not found`,
      fields: [{ field: 'needId', message: 'no such need for this tenant' }],
    },
    ErrorCode.NEED_STANDARD_MISMATCH,
    UNKNOWN_STANDARD_VERSION,
    ErrorCode.STANDARD_VERSION_DRAFT,
    ErrorCode.CANDIDATE_CONFLICT,
    ErrorCode.IDEMPOTENCY_KEY_REUSED,
  )
  open(@Caller() caller: CommandContext, @Body() body: OpenCaseDto) {
    return this.services.call('identify', C.openCase, caller, { body });
  }

  @Get()
  @ApiOperation({
    summary:
      "The tenant's cases, filtered, by opening time (`sort`: `openedAt` oldest first, the default, or `-openedAt` newest first), a page at a time",
  })
  @ApiPaged()
  @ApiQuery({ name: 'phase', required: false, enum: PHASES })
  @ApiQuery({ name: 'result', required: false, enum: RESULTS })
  @ApiQuery({ name: 'standardId', required: false, schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({ name: 'needId', required: false, schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({
    name: 'externalId',
    required: false,
    schema: { type: 'string', maxLength: 200 },
    description: "the employer's own id for the candidate",
  })
  @ApiQuery({
    name: 'openedFrom',
    required: false,
    schema: { type: 'string', format: 'date' },
    description: 'opened on or after this day (UTC)',
  })
  @ApiQuery({
    name: 'openedTo',
    required: false,
    schema: { type: 'string', format: 'date' },
    description: 'opened on or before this day (UTC)',
  })
  @ApiQuery({ name: 'sort', required: false, enum: CASE_SORTS })
  @ApiOkResponse({ type: CaseSummaryPageView })
  @ApiErrors(ErrorCode.INVALID_CURSOR)
  list(@Caller() caller: CommandContext, @Query() query: Record<string, unknown>) {
    return this.services.call('identify', C.listCases, caller, { query });
  }

  @Get(':id')
  @ApiIdParam('id', ID.case)
  @ApiOperation({
    summary:
      'The case: phase, result once completed, scope and its latest history entries from every phase',
  })
  @ApiOkResponse({ type: CaseView })
  @ApiErrors(ErrorCode.CASE_NOT_FOUND)
  get(@Caller() caller: CommandContext, @Param('id') id: string) {
    return this.services.call('identify', C.getCase, caller, { params: { id } });
  }

  @Get(':id/history')
  @ApiIdParam('id', ID.case)
  @ApiOperation({ summary: "The case's whole history, oldest first, a page at a time" })
  @ApiPaged()
  @ApiOkResponse({ type: HistoryPageView })
  @ApiErrors(ErrorCode.CASE_NOT_FOUND, ErrorCode.INVALID_CURSOR)
  history(
    @Caller() caller: CommandContext,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ) {
    return this.services.call('identify', C.caseHistory, caller, { params: { id }, query });
  }

  @Put(':id/scope')
  @ApiIdParam('id', ID.case)
  @ApiOperation({ summary: 'Set the outcomes in scope and the self-assessment (0-4 per outcome)' })
  @ApiOkResponse({ type: CaseView, description: 'the case with its new scope' })
  @ApiErrors(
    ...BODY_ERRORS,
    {
      code: ErrorCode.VALIDATION_FAILED,
      message: `invalid fields: selfAssessment.${ID.outcome}`,
      fields: [{ field: `selfAssessment.${ID.outcome}`, message: 'must be an integer 0-4' }],
    },
    ErrorCode.CASE_NOT_FOUND,
    NOT_IN_IDENTIFY,
    ErrorCode.OUTCOME_NOT_IN_STANDARD,
    {
      code: ErrorCode.OUTCOME_NOT_IN_SCOPE,
      message: 'self-assessment names outcomes outside the scope',
      fields: [{ field: `selfAssessment.${ID.outcome2}`, message: 'outcome is not in outcomeIds' }],
      details: { outcomeIds: [ID.outcome2] },
    },
  )
  scope(@Caller() caller: CommandContext, @Param('id') id: string, @Body() body: SetScopeDto) {
    return this.services.call('identify', C.setScope, caller, { params: { id }, body });
  }

  @Put(':id/employer-view')
  @ApiIdParam('id', ID.case)
  @ApiOperation({
    summary:
      "Set the employer's view of the candidate per outcome of the standard (0-4), in any phase; replaces the earlier view",
  })
  @ApiOkResponse({ type: CaseView, description: 'the case with the view' })
  @ApiErrors(
    ...BODY_ERRORS,
    {
      code: ErrorCode.VALIDATION_FAILED,
      message: `invalid fields: ratings.${ID.outcome}`,
      fields: [{ field: `ratings.${ID.outcome}`, message: 'must be an integer 0-4' }],
    },
    ErrorCode.CASE_NOT_FOUND,
    {
      code: ErrorCode.OUTCOME_NOT_IN_STANDARD,
      message: "some outcomes are not in the case's standard",
      fields: [
        { field: `ratings.${ID.unknown}`, message: `outcome ${ID.unknown} is not in the standard` },
      ],
      details: { outcomeIds: [ID.unknown] },
    },
  )
  employerView(
    @Caller() caller: CommandContext,
    @Param('id') id: string,
    @Body() body: EmployerViewDto,
  ) {
    return this.services.call('identify', C.setEmployerView, caller, { params: { id }, body });
  }

  @Get(':id/gap')
  @ApiIdParam('id', ID.case)
  @ApiOperation({
    summary:
      "The gap report: per outcome the case's need requires (or in its scope, without a need), likely met, uncertain or missing, with the reasons, and a summary",
  })
  @ApiOkResponse({ type: GapReportView })
  @ApiErrors(ErrorCode.CASE_NOT_FOUND)
  gap(@Caller() caller: CommandContext, @Param('id') id: string) {
    return this.services.call('identify', C.caseGap, caller, { params: { id } });
  }

  @Post(':id/identify/complete')
  @ApiIdParam('id', ID.case)
  @HttpCode(200)
  @ApiOperation({ summary: 'Finish identification; the case moves to document' })
  @ApiOkResponse({ type: PhaseCompletionView, example: COMPLETION_EXAMPLES.identify })
  @ApiErrors(...BODY_ERRORS, ErrorCode.CASE_NOT_FOUND, NOT_IN_IDENTIFY, ErrorCode.SCOPE_EMPTY)
  complete(@Caller() caller: CommandContext, @Param('id') id: string) {
    return this.services.call('identify', C.completeIdentify, caller, { params: { id } });
  }
}
