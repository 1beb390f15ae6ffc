import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  Command,
  ErrorCode,
  EXAMPLE_IDS as ID,
  type CertificateFacts,
  type CommandContext,
} from '@balanse/contracts';
import { renderCertificate } from '@balanse/certificate-pdf';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';
import { ApiErrors, LARGE_CALL_ERRORS } from '../openapi/api-errors';
import { ApiIdParam } from '../openapi/api-id-param';
import {
  CERTIFICATE_LANGS,
  certificateData,
  certificateFileName,
  certificateLanguages,
} from './certificate-data';
import { ELM_EXAMPLE } from './elm.example';

/**
 * A credential as a PDF/A-3 certificate and as a Europass (ELM 3.2) credential. The gateway
 * renders the PDF: certify answers what it shows without the candidate's name, identify the
 * name, so personal data never reaches certify.
 */
@ApiTags('credentials')
@ApiBearerAuth()
@Controller('api/v1/credentials')
export class CertificatesController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':id/pdf')
  @ApiOperation({
    summary: 'The credential as an A4 PDF/A-3B certificate, the signed credential attached',
    description:
      "The candidate's name, the standard and its version, the outcomes met by cluster (for a partial result, a kompetansebevis, also those still to reach and the training plan), the issuer, the date and a QR code to the verification page. The signed credential is attached to the PDF byte for byte as `credential-<id>.json` (an associated file, relationship Source), exactly as `GET /credentials/{id}` shows it in `credential`.",
  })
  @ApiIdParam('id', ID.credential)
  @ApiQuery({
    name: 'lang',
    required: false,
    enum: CERTIFICATE_LANGS,
    example: 'nb,en',
    description:
      'label languages, the first one the texts of the standard and the document language (default `nb,en`: "Utstedt av / Issued by")',
  })
  @ApiOkResponse({
    description: 'the PDF (`Content-Disposition: attachment; filename="kompetansebevis-<id>.pdf"`)',
    content: {
      'application/pdf': {
        schema: { type: 'string', format: 'binary' },
        example: '%PDF-1.7 … (binary)',
      },
    },
    headers: {
      'Content-Disposition': {
        description: 'attachment, with the suggested file name',
        schema: {
          type: 'string',
          example: `attachment; filename="kompetansebevis-${ID.credential}.pdf"`,
        },
      },
    },
  })
  @ApiErrors(
    ErrorCode.CREDENTIAL_NOT_FOUND,
    ErrorCode.CERTIFICATE_UNAVAILABLE,
    {
      code: ErrorCode.VALIDATION_FAILED,
      message: 'invalid fields: lang',
      fields: [{ field: 'lang', message: `lang must be one of ${CERTIFICATE_LANGS.join(' | ')}` }],
    },
    ...LARGE_CALL_ERRORS,
  )
  async pdf(
    @Caller() caller: CommandContext,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<StreamableFile> {
    const languages = certificateLanguages(query);
    const facts = await this.services.call<CertificateFacts>(
      'certify',
      Command.certify.getCertificateFacts,
      caller,
      { params: { id } },
      { large: true },
    );
    // The name is identify's alone: asked for here, never sent to certify.
    const kase = await this.services.call<{ candidate: { name: string } }>(
      'identify',
      Command.identify.getCase,
      caller,
      { params: { id: facts.caseId } },
    );
    const pdf = await renderCertificate(certificateData(facts, kase.candidate.name, languages));
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${certificateFileName(facts.credentialId)}"`,
      length: pdf.length,
    });
  }

  @Get(':id/elm')
  @ApiOperation({
    summary: 'The credential as a Europass credential: European Learning Model 3.2, JSON-LD',
    description:
      "An unsigned `EuropeanDigitalCredential` (ELM 3.2, VCDM 2.0) of the same award: the learning outcomes, the EQF/NKR level, ESCO skills where the standard has them, the awarding body (the issuer profile) and credits. The recipient is a `Person` known only by a salted SHA-256 (`urn:balanse:recipient:sha256:…`), never a name. Validates against EBSI's JSON Schema for EDC credentials.",
  })
  @ApiIdParam('id', ID.credential)
  @ApiOkResponse({
    description: 'the ELM credential (`Content-Type: application/ld+json`)',
    content: {
      'application/ld+json': {
        schema: { type: 'object', additionalProperties: true },
        example: ELM_EXAMPLE,
      },
    },
  })
  @ApiErrors(
    ErrorCode.CREDENTIAL_NOT_FOUND,
    ErrorCode.CERTIFICATE_UNAVAILABLE,
    ...LARGE_CALL_ERRORS,
  )
  async elm(
    @Caller() caller: CommandContext,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Record<string, unknown>> {
    const elm = await this.services.call<Record<string, unknown>>(
      'certify',
      Command.certify.getElmCredential,
      caller,
      { params: { id } },
      { large: true },
    );
    res.type('application/ld+json');
    return elm;
  }
}
