import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Command, IssuerProfileDto, type CommandContext } from '@balanse/contracts';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';
import { ApiErrors, BODY_ERRORS } from '../openapi/api-errors';

const C = Command.certify;

export class IssuerProfileView {
  @ApiProperty({ example: 'Solsiden sykehjem' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: 'https://solsiden.example.no' })
  url: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'https://solsiden.example.no/logo.png' })
  image: string | null;
  @ApiProperty({
    example: true,
    description: "false: the tenant has set none, and its credentials name the platform's",
  })
  custom: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-29T12:00:00.000Z',
  })
  updatedAt: string | null;
}

/** How the tenant appears as the issuer of its credentials (issue 9: issuer profiles). */
@ApiTags('credentials')
@ApiBearerAuth()
@Controller('api/v1/issuer-profile')
export class IssuerProfileController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: "The tenant's issuer profile: the name, web address and image its credentials show",
  })
  @ApiOkResponse({ type: IssuerProfileView })
  @ApiErrors()
  get(@Caller() caller: CommandContext) {
    return this.services.call('certify', C.getIssuerProfile, caller);
  }

  @Put()
  @ApiOperation({
    summary: "Set the tenant's issuer profile as a whole (an image left out is removed)",
  })
  @ApiOkResponse({ type: IssuerProfileView, description: 'the profile as it is now' })
  @ApiErrors(...BODY_ERRORS)
  put(@Caller() caller: CommandContext, @Body() body: IssuerProfileDto) {
    return this.services.call('certify', C.putIssuerProfile, caller, { body });
  }
}
