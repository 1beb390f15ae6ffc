import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Command,
  CredentialStatusReasonDto,
  ErrorCode,
  EXAMPLE_IDS as ID,
  type CommandContext,
} from '@balanse/contracts';
import { Idempotent } from '../http/idempotency';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';
import { ApiErrors, BODY_ERRORS } from '../openapi/api-errors';
import { ApiIdParam } from '../openapi/api-id-param';
import { CredentialView } from './credential.views';

const C = Command.certify;

const CHANGE_ERRORS = [
  ErrorCode.CREDENTIAL_NOT_FOUND,
  ErrorCode.CREDENTIAL_WITHOUT_STATUS,
  ErrorCode.IDEMPOTENCY_KEY_REUSED,
];

/**
 * Revocation and suspension of a tenant's credentials (issue 9): verifiers see the change in the
 * public status lists at their next fetch.
 */
@ApiTags('credentials')
@ApiBearerAuth()
@Controller('api/v1/credentials/:id')
export class CredentialStatusController {
  constructor(private readonly services: ServiceClient) {}

  @Post('revoke')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary:
      'Revoke a credential, for good: its bit in the revocation status list is set. Revoking a revoked one answers it as it is',
  })
  @ApiIdParam('id', ID.credential)
  @ApiOkResponse({ type: CredentialView, description: 'the credential, now `revoked`' })
  @ApiErrors(...BODY_ERRORS, ...CHANGE_ERRORS)
  revoke(
    @Caller() caller: CommandContext,
    @Param('id') id: string,
    @Body() body: CredentialStatusReasonDto,
  ) {
    return this.services.call('certify', C.revokeCredential, caller, { params: { id }, body });
  }

  @Post('suspend')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary:
      'Suspend a credential until reinstated: its bit in the suspension status list is set. Suspending a suspended one answers it as it is',
  })
  @ApiIdParam('id', ID.credential)
  @ApiOkResponse({ type: CredentialView, description: 'the credential, now `suspended`' })
  @ApiErrors(...BODY_ERRORS, ...CHANGE_ERRORS, ErrorCode.CREDENTIAL_REVOKED)
  suspend(
    @Caller() caller: CommandContext,
    @Param('id') id: string,
    @Body() body: CredentialStatusReasonDto,
  ) {
    return this.services.call('certify', C.suspendCredential, caller, { params: { id }, body });
  }

  @Post('reinstate')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary:
      'Lift a suspension: its bit in the suspension status list is cleared. An active credential is answered as it is; a revoked one stays revoked (409)',
  })
  @ApiIdParam('id', ID.credential)
  @ApiOkResponse({ type: CredentialView, description: 'the credential, now `active`' })
  @ApiErrors(...BODY_ERRORS, ...CHANGE_ERRORS, ErrorCode.CREDENTIAL_REVOKED)
  reinstate(@Caller() caller: CommandContext, @Param('id') id: string) {
    return this.services.call('certify', C.reinstateCredential, caller, { params: { id } });
  }
}
