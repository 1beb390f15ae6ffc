import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Command,
  ErrorCode,
  EXAMPLE_IDS as ID,
  JudgeOutcomeDto,
  type CommandContext,
} from '@balanse/contracts';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';
import { ApiErrors, BODY_ERRORS } from '../openapi/api-errors';
import { ApiIdParam } from '../openapi/api-id-param';
import { ApiPaged } from '../openapi/api-paging';
import { JudgementPageView, JudgementView } from './assess.views';
import { COMPLETION_EXAMPLES, PhaseCompletionView } from './case.views';

const C = Command.assess;

/** Before the assess phase, or the assessment already decided. */
const NOT_IN_ASSESS = {
  code: ErrorCode.CASE_NOT_IN_PHASE,
  message: 'case is in phase document; this needs assess',
  details: { phase: 'document', expected: 'assess' },
} as const;

/** Assess phase: a judgement per outcome, then the decision. */
@ApiTags('cases: assess')
@ApiBearerAuth()
@Controller('api/v1/cases/:id/assess')
export class AssessController {
  constructor(private readonly services: ServiceClient) {}

  @Put('outcomes/:outcomeId')
  @ApiOperation({
    summary:
      "An assessor's judgement of one outcome: met, partly_met or not_met, with a rationale (a second one replaces the first)",
  })
  @ApiIdParam('id', ID.case)
  @ApiIdParam('outcomeId', ID.outcome, "an outcome in the case's scope")
  @ApiOkResponse({ type: JudgementView })
  @ApiErrors(...BODY_ERRORS, ErrorCode.CASE_NOT_FOUND, NOT_IN_ASSESS, {
    code: ErrorCode.OUTCOME_NOT_IN_SCOPE,
    message: `outcome ${ID.outcome2} is not in the case's scope`,
    fields: [{ field: 'outcomeId', message: "not in the case's scope" }],
    details: { outcomeId: ID.outcome2 },
  })
  async judge(
    @Caller() caller: CommandContext,
    @Param('id') id: string,
    @Param('outcomeId') outcomeId: string,
    @Body() body: JudgeOutcomeDto,
  ) {
    return this.services.callInPhase('assess', C.judgeOutcome, caller, {
      params: { id, outcomeId },
      body,
    });
  }

  @Get('outcomes')
  @ApiOperation({
    summary:
      'The judgements recorded so far, oldest first, a page at a time (a judgement replaced moves to the end)',
  })
  @ApiIdParam('id', ID.case)
  @ApiPaged()
  @ApiOkResponse({ type: JudgementPageView })
  @ApiErrors(ErrorCode.CASE_NOT_FOUND, ErrorCode.INVALID_CURSOR)
  async list(
    @Caller() caller: CommandContext,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ) {
    await this.services.requireCase(caller, id);
    return this.services.call('assess', C.listJudgements, caller, { params: { id }, query });
  }

  @Post('complete')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Decide (every outcome judged, else 422 JUDGEMENTS_MISSING): certified, partial or not_certified',
  })
  @ApiIdParam('id', ID.case)
  @ApiOkResponse({ type: PhaseCompletionView, example: COMPLETION_EXAMPLES.assess })
  @ApiErrors(...BODY_ERRORS, ErrorCode.CASE_NOT_FOUND, NOT_IN_ASSESS, ErrorCode.JUDGEMENTS_MISSING)
  async complete(@Caller() caller: CommandContext, @Param('id') id: string) {
    return this.services.callInPhase('assess', C.completeAssess, caller, { params: { id } });
  }
}
