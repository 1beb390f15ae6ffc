import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AddEvidenceDto, Command, type CommandContext } from '@balanse/contracts';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';

const C = Command.document;

/** Document phase: evidence linked to outcomes in scope. */
@ApiTags('cases: document')
@ApiBearerAuth()
@Controller('api/v1/cases/:id')
export class DocumentController {
  constructor(private readonly services: ServiceClient) {}

  @Post('evidence')
  @ApiOperation({ summary: 'Add evidence (JSON) linked to outcomes in scope' })
  async add(
    @Caller() caller: CommandContext,
    @Param('id') id: string,
    @Body() body: AddEvidenceDto,
  ) {
    return this.services.callInPhase('document', C.addEvidence, caller, { params: { id }, body });
  }

  @Get('evidence')
  @ApiOperation({ summary: 'List the evidence of a case' })
  async list(@Caller() caller: CommandContext, @Param('id') id: string) {
    await this.services.requireCase(caller, id);
    return this.services.call('document', C.listEvidence, caller, { params: { id } });
  }

  @Post('document/complete')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Finish documentation (every outcome in scope needs evidence, else 422 EVIDENCE_MISSING); the case moves to assess',
  })
  async complete(@Caller() caller: CommandContext, @Param('id') id: string) {
    return this.services.callInPhase('document', C.completeDocument, caller, { params: { id } });
  }
}
