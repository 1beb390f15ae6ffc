import { Controller, Get, Header, Headers, Param, Res } from '@nestjs/common';
import {
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Command, ErrorCode, type CommandContext } from '@balanse/contracts';
import { etagMatches } from '../http/etag';
import { Caller } from '../http/principal';
import { Public } from '../http/public.decorator';
import { ServiceClient } from '../http/service-client';
import { ApiPublicErrors } from '../openapi/api-errors';

const C = Command.certify;
const DID = 'did:web:balanse.example.no';

class VerificationMethodView {
  @ApiProperty({ example: `${DID}#key-2026` }) id: string;
  @ApiProperty({ example: 'Multikey' }) type: string;
  @ApiProperty({ example: DID }) controller: string;
  @ApiProperty({ example: 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2' })
  publicKeyMultibase: string;
}

export class DidDocumentView {
  @ApiProperty({
    type: [String],
    example: ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
  })
  '@context': string[];
  @ApiProperty({
    example: DID,
    description: "the platform issuer's did:web (of BALANSE_PUBLIC_URL)",
  })
  id: string;
  @ApiProperty({
    type: [VerificationMethodView],
    description: 'every issuer key, the one signing new credentials first',
  })
  verificationMethod: VerificationMethodView[];
  @ApiProperty({ type: [String], example: [`${DID}#key-2026`, `${DID}#key-2025`] })
  assertionMethod: string[];
  @ApiProperty({ type: [String], example: [`${DID}#key-2026`, `${DID}#key-2025`] })
  authentication: string[];
}

export class StatusListCredentialView {
  @ApiProperty({ type: [String], example: ['https://www.w3.org/ns/credentials/v2'] })
  '@context': string[];
  @ApiProperty({ example: 'https://balanse.example.no/api/v1/status-lists/1/revocation' })
  id: string;
  @ApiProperty({
    type: [String],
    example: ['VerifiableCredential', 'BitstringStatusListCredential'],
  })
  type: string[];
  @ApiProperty({ example: DID }) issuer: string;
  @ApiProperty({ example: '2026-11-29T12:00:00Z', description: 'when this list was built' })
  validFrom: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: {
      id: 'https://balanse.example.no/api/v1/status-lists/1/revocation#list',
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA',
      ttl: 60000,
    },
    description:
      '`encodedList`: multibase base64url of the GZIP of the bitstring (bit i: credential at index i); `ttl`: milliseconds it may be cached',
  })
  credentialSubject: Record<string, unknown>;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'an eddsa-rdfc-2022 Data Integrity proof by the issuer (shortened)',
    example: [
      {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        verificationMethod: `${DID}#key-2026`,
        proofPurpose: 'assertionMethod',
        proofValue: 'z5v…',
      },
    ],
  })
  proof: Record<string, unknown>[];
}

interface SignedStatusList {
  credential: Record<string, unknown>;
  etag: string;
  maxAgeSeconds: number;
}

/**
 * What verifiers fetch, without a token: the platform issuer's DID document and the signed
 * Bitstring Status Lists its credentials point at.
 */
@ApiTags('verification')
@Public()
@Controller()
export class IssuerPublicController {
  constructor(private readonly services: ServiceClient) {}

  @Get('.well-known/did.json')
  @Header('Cache-Control', 'public, max-age=60')
  @ApiOperation({
    summary:
      "The platform issuer's DID document (did:web): every issuer key as a Multikey verification method, the current one first. No token needed",
  })
  @ApiOkResponse({ type: DidDocumentView })
  @ApiPublicErrors()
  didDocument(@Caller() caller: CommandContext) {
    return this.services.call('certify', C.getDidDocument, caller);
  }

  @Get('api/v1/status-lists/:list/:purpose')
  @ApiOperation({
    summary:
      'A signed BitstringStatusListCredential (W3C Bitstring Status List v1.0): the bit at a credential’s index is set once it is revoked (or suspended). No token needed; cacheable',
  })
  @ApiParam({ name: 'list', schema: { type: 'integer', minimum: 1 }, example: 1 })
  @ApiParam({ name: 'purpose', enum: ['revocation', 'suspension'], example: 'revocation' })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'the ETag of a copy held: 304 Not Modified (no body) while the list is unchanged',
  })
  @ApiOkResponse({
    type: StatusListCredentialView,
    headers: {
      ETag: { schema: { type: 'string' }, description: 'changes when the list is rebuilt' },
      'Cache-Control': { schema: { type: 'string', example: 'public, max-age=60' } },
    },
  })
  @ApiPublicErrors(ErrorCode.STATUS_LIST_NOT_FOUND, {
    code: ErrorCode.VALIDATION_FAILED,
    message: 'invalid fields: purpose',
    fields: [{ field: 'purpose', message: 'purpose must be one of revocation, suspension' }],
  })
  async statusList(
    @Caller() caller: CommandContext,
    @Param('list') list: string,
    @Param('purpose') purpose: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const signed = await this.services.call<SignedStatusList>('certify', C.getStatusList, caller, {
      params: { list, purpose },
    });
    res.setHeader('Cache-Control', `public, max-age=${signed.maxAgeSeconds}`);
    res.setHeader('ETag', signed.etag);
    if (etagMatches(ifNoneMatch, signed.etag)) {
      res.status(304);
      return undefined;
    }
    return signed.credential;
  }
}
