import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Command, type CommandContext } from '@balanse/contracts';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';

const C = Command.certify;

@ApiTags('credentials')
@ApiBearerAuth()
@Controller('api/v1')
export class CredentialsController {
  constructor(private readonly services: ServiceClient) {}

  @Get('cases/:id/credentials')
  @ApiOperation({ summary: 'Credentials issued for a case' })
  async listForCase(@Caller() caller: CommandContext, @Param('id') id: string) {
    await this.services.requireCase(caller, id);
    return this.services.call('certify', C.listCaseCredentials, caller, { params: { id } });
  }

  @Get('credentials/:id')
  @ApiOperation({ summary: 'One credential, as issued' })
  get(@Caller() caller: CommandContext, @Param('id') id: string) {
    return this.services.call('certify', C.getCredential, caller, { params: { id } });
  }
}
