import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  AddEvidenceDto,
  Command,
  ErrorCode,
  EXAMPLE_IDS as ID,
  type CommandContext,
} from '@balanse/contracts';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';
import { ApiErrors, BODY_ERRORS } from '../openapi/api-errors';
import { Idempotent } from '../http/idempotency';
import { ApiIdParam } from '../openapi/api-id-param';
import { ApiPaged } from '../openapi/api-paging';
import { COMPLETION_EXAMPLES, PhaseCompletionView } from './case.views';
import { EvidencePageView, EvidenceView } from './document.views';

const C = Command.document;

/** Before the document phase (409), or documentation already complete (409 as well). */
const NOT_IN_DOCUMENT = {
  code: ErrorCode.CASE_NOT_IN_PHASE,
  details: { phase: 'identify', expected: 'document' },
} as const;

/** Document phase: evidence linked to outcomes in scope. */
@ApiTags('cases: document')
@ApiBearerAuth()
@Controller('api/v1/cases/:id')
export class DocumentController {
  constructor(private readonly services: ServiceClient) {}

  @Post('evidence')
  @ApiOperation({ summary: 'Add evidence (JSON) linked to outcomes in scope' })
  @ApiIdParam('id', ID.case)
  @Idempotent()
  @ApiCreatedResponse({ type: EvidenceView })
  @ApiErrors(
    ...BODY_ERRORS,
    ErrorCode.CASE_NOT_FOUND,
    NOT_IN_DOCUMENT,
    ErrorCode.OUTCOME_NOT_IN_SCOPE,
    ErrorCode.IDEMPOTENCY_KEY_REUSED,
  )
  async add(
    @Caller() caller: CommandContext,
    @Param('id') id: string,
    @Body() body: AddEvidenceDto,
  ) {
    return this.services.callInPhase('document', C.addEvidence, caller, { params: { id }, body });
  }

  @Get('evidence')
  @ApiOperation({ summary: 'The evidence of a case, oldest first, a page at a time' })
  @ApiIdParam('id', ID.case)
  @ApiPaged()
  @ApiOkResponse({ type: EvidencePageView })
  @ApiErrors(ErrorCode.CASE_NOT_FOUND, ErrorCode.INVALID_CURSOR)
  async list(
    @Caller() caller: CommandContext,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ) {
    await this.services.requireCase(caller, id);
    return this.services.call('document', C.listEvidence, caller, { params: { id }, query });
  }

  @Post('document/complete')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Finish documentation (every outcome in scope needs evidence, else 422 EVIDENCE_MISSING); the case moves to assess',
  })
  @ApiIdParam('id', ID.case)
  @ApiOkResponse({ type: PhaseCompletionView, example: COMPLETION_EXAMPLES.document })
  @ApiErrors(...BODY_ERRORS, ErrorCode.CASE_NOT_FOUND, NOT_IN_DOCUMENT, ErrorCode.EVIDENCE_MISSING)
  async complete(@Caller() caller: CommandContext, @Param('id') id: string) {
    return this.services.callInPhase('document', C.completeDocument, caller, { params: { id } });
  }
}
