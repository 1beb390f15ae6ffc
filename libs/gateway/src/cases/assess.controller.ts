import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Command, JudgeOutcomeDto, type CommandContext } from '@balanse/contracts';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';

const C = Command.assess;

/** Assess phase: a judgement per outcome, then the decision. */
@ApiTags('cases: assess')
@ApiBearerAuth()
@Controller('api/v1/cases/:id/assess')
export class AssessController {
  constructor(private readonly services: ServiceClient) {}

  @Put('outcomes/:outcomeId')
  @ApiOperation({
    summary: "An assessor's judgement of one outcome: met, partly_met or not_met, with a rationale",
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
  @ApiOperation({ summary: 'The judgements recorded so far' })
  async list(@Caller() caller: CommandContext, @Param('id') id: string) {
    await this.services.requireCase(caller, id);
    return this.services.call('assess', C.listJudgements, caller, { params: { id } });
  }

  @Post('complete')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Decide (every outcome judged, else 422 JUDGEMENTS_MISSING): certified, partial or not_certified',
  })
  async complete(@Caller() caller: CommandContext, @Param('id') id: string) {
    return this.services.callInPhase('assess', C.completeAssess, caller, { params: { id } });
  }
}
