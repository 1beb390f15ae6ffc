import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';

const HTTPS = { protocols: ['https'], require_protocol: true, require_tld: false };
const HTTPS_MESSAGE = 'must be an https URL';

/**
 * How a tenant appears as the issuer of its credentials (an Open Badges 3.0 `Profile`): its
 * name, web address and image. Organisation data, not personal data.
 */
export class IssuerProfileDto {
  @ApiProperty({ example: 'Solsiden sykehjem', maxLength: 200 })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'https://solsiden.example.no', description: 'https' })
  @IsString()
  @MaxLength(500)
  @IsUrl(HTTPS, { message: `url ${HTTPS_MESSAGE}` })
  url: string;

  @ApiPropertyOptional({
    example: 'https://solsiden.example.no/logo.png',
    description: 'a logo shown with the credential; https',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsUrl(HTTPS, { message: `image ${HTTPS_MESSAGE}` })
  image?: string;
}

/** Why a credential is revoked or suspended: kept in certify, never put into an event. */
export class CredentialStatusReasonDto {
  @ApiProperty({
    example: 'Issued to the wrong candidate',
    minLength: 1,
    maxLength: 500,
    description: 'why (shown to the tenant; not published in the status list or events)',
  })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(500)
  reason: string;
}
