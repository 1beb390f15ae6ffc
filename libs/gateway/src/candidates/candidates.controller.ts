import { Body, Controller, Param, Patch } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import {
  Command,
  ErrorCode,
  EXTERNAL_ID_MAX_LENGTH,
  UpdateCandidateDto,
  validationError,
  type CommandContext,
} from '@balanse/contracts';
import { CandidateView } from '../cases/case.views';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';
import { ApiErrors, BODY_ERRORS } from '../openapi/api-errors';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storable = (s: string) => !s.includes('\u0000') && !LONE_SURROGATE.test(s);

export class CandidateUpdateView {
  @ApiProperty({ type: CandidateView }) candidate: CandidateView;
  @ApiProperty({
    type: [String],
    enum: ['name', 'email'],
    example: ['name'],
    description: 'the fields whose values changed; none when the details were already these',
  })
  changed: Array<'name' | 'email'>;
  @ApiProperty({ example: 2, description: "the candidate's cases whose history notes the change" })
  casesNoted: number;
}

/**
 * Candidates by the employer's own id. Opening a case never changes a candidate's details (a
 * different name or e-mail is 409 CANDIDATE_CONFLICT); this is where they change.
 */
@ApiTags('candidates')
@ApiBearerAuth()
@Controller('api/v1/candidates')
export class CandidatesController {
  constructor(private readonly services: ServiceClient) {}

  // Not `externalId`: path parameters named `…id` are UUIDs (ContractPipe); this one is any text.
  @Patch(':externalIdentifier')
  @ApiParam({
    name: 'externalIdentifier',
    description: "the employer's own id for the person (the cases' `candidate.externalId`)",
    example: 'HR-000123',
    schema: { type: 'string', minLength: 1, maxLength: EXTERNAL_ID_MAX_LENGTH },
  })
  @ApiOperation({
    summary:
      "Change a candidate's name or e-mail; each of their cases' history notes which fields changed, never the values",
  })
  @ApiOkResponse({ type: CandidateUpdateView })
  @ApiErrors(...BODY_ERRORS, ErrorCode.CANDIDATE_NOT_FOUND)
  update(
    @Caller() caller: CommandContext,
    @Param('externalIdentifier') externalId: string,
    @Body() changes: UpdateCandidateDto,
  ) {
    // Stored ids hold neither NUL nor unpaired surrogates (PostgreSQL's text cannot).
    if (externalId.length > EXTERNAL_ID_MAX_LENGTH || !storable(externalId))
      throw validationError([
        {
          field: 'externalIdentifier',
          message: `must be 1-${EXTERNAL_ID_MAX_LENGTH} characters, without NUL`,
        },
      ]);
    return this.services.call('identify', Command.identify.updateCandidate, caller, {
      body: { externalId, changes },
    });
  }
}
