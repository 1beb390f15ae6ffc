import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  Command,
  ErrorCode,
  EXAMPLE_IDS as ID,
  validationError,
  type CommandContext,
} from '@balanse/contracts';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';
import { ApiErrors } from '../openapi/api-errors';
import { ApiIdParam } from '../openapi/api-id-param';
import { ApiPaged } from '../openapi/api-paging';
import { CredentialPageView, CredentialView } from './credential.views';

const C = Command.certify;

/** A VC-JWT's media type. */
const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';

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
  @ApiOperation({
    summary: 'One credential, as issued; or as a VC-JWT',
    description:
      'With `Accept: application/vc+jwt` or `?format=jwt` the answer is the same credential as a VC-JWT (Open Badges 3.0 section 8.2: the credential in the `vc` claim, `iss` the issuer DID, `jti` the credential id, `nbf` its validFrom), signed EdDSA (Ed25519) with the current issuer key (`kid` = `<did>#<key id>`), as `application/vc+jwt`.',
  })
  @ApiIdParam('id', ID.credential)
  @ApiQuery({
    name: 'format',
    required: false,
    enum: ['json', 'jwt'],
    description: '`jwt`: the credential as a VC-JWT (as `Accept: application/vc+jwt` asks)',
  })
  @ApiOkResponse({ type: CredentialView })
  @ApiProduces('application/json', VC_JWT_MEDIA_TYPE)
  @ApiErrors(ErrorCode.CREDENTIAL_NOT_FOUND)
  async get(
    @Caller() caller: CommandContext,
    @Param('id') id: string,
    @Query('format') format: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (format !== undefined && format !== 'json' && format !== 'jwt')
      throw validationError([{ field: 'query.format', message: 'format must be json or jwt' }]);
    const jwt =
      format === 'jwt' ||
      (format === undefined &&
        req.accepts(['application/json', VC_JWT_MEDIA_TYPE]) === VC_JWT_MEDIA_TYPE);
    if (!jwt) return this.services.call('certify', C.getCredential, caller, { params: { id } });
    const answer = await this.services.call<{ jwt: string }>('certify', C.credentialJwt, caller, {
      params: { id },
    });
    res.type(VC_JWT_MEDIA_TYPE);
    return answer.jwt;
  }
}
