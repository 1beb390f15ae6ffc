import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Command, ErrorCode, EXAMPLE_IDS as ID, type CommandContext } from '@balanse/contracts';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';
import { ApiErrors } from '../openapi/api-errors';
import { ApiIdParam } from '../openapi/api-id-param';
import { ApiPaged } from '../openapi/api-paging';
import { CredentialPageView, CredentialView } from './credential.views';

const C = Command.certify;

@ApiTags('credentials')
@ApiBearerAuth()
@Controller('api/v1')
export class CredentialsController {
  constructor(private readonly services: ServiceClient) {}

  @Get('cases/:id/credentials')
  @ApiOperation({
    summary:
      'Credentials issued for a case, oldest first, a page at a time (none before certify has issued one)',
  })
  @ApiIdParam('id', ID.case)
  @ApiPaged()
  @ApiOkResponse({ type: CredentialPageView })
  @ApiErrors(ErrorCode.CASE_NOT_FOUND, ErrorCode.INVALID_CURSOR)
  async listForCase(
    @Caller() caller: CommandContext,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ) {
    await this.services.requireCase(caller, id);
    return this.services.call('certify', C.listCaseCredentials, caller, {
      params: { id },
      query,
    });
  }

  @Get('credentials/:id')
  @ApiOperation({ summary: 'One credential, as issued' })
  @ApiIdParam('id', ID.credential)
  @ApiOkResponse({ type: CredentialView })
  @ApiErrors(ErrorCode.CREDENTIAL_NOT_FOUND)
  get(@Caller() caller: CommandContext, @Param('id') id: string) {
    return this.services.call('certify', C.getCredential, caller, { params: { id } });
  }
}
