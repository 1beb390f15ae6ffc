import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Command, ErrorCode, EXAMPLE_IDS as ID, type CommandContext } from '@balanse/contracts';
import { Caller } from '../http/principal';
import { Public } from '../http/public.decorator';
import { ServiceClient } from '../http/service-client';
import { ApiIdParam } from '../openapi/api-id-param';
import { ApiPublicErrors } from '../openapi/api-errors';

class OutcomeTextView {
  @ApiProperty({ example: 'Kan lede et team i helse og omsorg' }) nb: string;
  @ApiProperty({ example: 'Can lead a team in health and care' }) en: string;
}

class OutcomeStandardView {
  @ApiProperty({ format: 'uuid', example: ID.standard }) id: string;
  @ApiProperty({ example: 'avdelingsleder-helse-omsorg' }) code: string;
  @ApiProperty({ example: '1' }) version: string;
  @ApiProperty({
    type: OutcomeTextView,
    example: { nb: 'Avdelingsleder i helse og omsorg', en: 'Department leader in health and care' },
  })
  title: OutcomeTextView;
}

class OutcomeClusterView {
  @ApiProperty({ format: 'uuid', example: ID.cluster }) id: string;
  @ApiPropertyOptional({ example: 'FR' }) code?: string;
  @ApiProperty({
    type: OutcomeTextView,
    example: { nb: 'Faglig ledelse', en: 'Professional leadership' },
  })
  title: OutcomeTextView;
}

class OutcomeDetailView {
  @ApiProperty({ format: 'uuid', example: ID.outcome }) id: string;
  @ApiProperty({ example: 'FR-1' }) code: string;
  @ApiProperty({ type: OutcomeTextView }) statement: OutcomeTextView;
  @ApiProperty({ enum: ['knowledge', 'skills', 'competence'], example: 'skills' })
  category: string;
  @ApiProperty({ type: OutcomeClusterView, description: 'the cluster the outcome belongs to' })
  cluster: OutcomeClusterView;
  @ApiPropertyOptional({ minimum: 1, maximum: 8, example: 5 }) nkrLevel?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 8, example: 5 }) eqfLevel?: number;
  @ApiProperty({
    type: [String],
    example: ['http://data.europa.eu/esco/skill/0a4e6a7f-1f8a-4b2a-9a5b-3c1d2e3f4a5b'],
    description: 'ESCO skill URIs the outcome maps to',
  })
  escoSkills: string[];
}

export class AnnouncedOutcomeView {
  @ApiProperty({ type: OutcomeStandardView, description: 'the standard version' })
  standard: OutcomeStandardView;
  @ApiProperty({ type: OutcomeDetailView }) outcome: OutcomeDetailView;
}

/**
 * `GET /api/v1/outcomes/{standardId}/{version}/{outcomeId}`: a learning outcome as credentials
 * align to it, public (a verifier has no token). Certify answers from the standard versions
 * announced to it; an announced version never changes, so the answer is cacheable.
 */
@ApiTags('verification')
@Public()
@Controller('api/v1/outcomes')
export class OutcomesController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':standardId/:version/:outcomeId')
  @ApiOperation({
    summary:
      'A learning outcome of a standard version, as a credential aligns to it (each alignment’s `targetUrl`). No token needed; cacheable',
  })
  @ApiIdParam('standardId', ID.standard, 'the standard')
  @ApiParam({
    name: 'version',
    schema: { type: 'integer', minimum: 1, maximum: 999999 },
    example: 1,
    description: 'the version number',
  })
  @ApiIdParam('outcomeId', ID.outcome, 'the learning outcome')
  @ApiOkResponse({
    type: AnnouncedOutcomeView,
    headers: {
      'Cache-Control': { schema: { type: 'string', example: 'public, max-age=3600' } },
    },
  })
  @ApiPublicErrors(ErrorCode.OUTCOME_NOT_FOUND, {
    code: ErrorCode.VALIDATION_FAILED,
    message: 'invalid fields: outcomeId',
    fields: [{ field: 'outcomeId', message: 'outcomeId must be a UUID' }],
  })
  async get(
    @Caller() caller: CommandContext,
    @Param('standardId') standardId: string,
    @Param('version') version: string,
    @Param('outcomeId') outcomeId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.services.call(
      'certify',
      Command.certify.getAnnouncedOutcome,
      caller,
      {
        params: { standardId, version, outcomeId },
      },
    );
    // The content of an announced version never changes; a 404 may not last (not cached).
    res.setHeader('Cache-Control', 'public, max-age=3600');
    return outcome;
  }
}
