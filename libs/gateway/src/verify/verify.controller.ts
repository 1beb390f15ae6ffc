import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiExtension, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Command,
  ErrorCode,
  unsafeShape,
  validationError,
  VerifyCode,
  type CommandContext,
  type FieldError,
  type VerifyResult,
} from '@balanse/contracts';
import { Caller } from '../http/principal';
import { Public } from '../http/public.decorator';
import { ServiceClient } from '../http/service-client';
import { ApiErrors, BODY_ERRORS } from '../openapi/api-errors';
import { VerifyRequestView, VerifyResultView } from './verify.views';

export const VERIFY_PATH = '/api/v1/credentials/verify';

/**
 * `POST /api/v1/credentials/verify`, shaped as the W3C VC API verify endpoint: public (no
 * token), it answers 200 with `verified` and a stable code for each failure. Certify verifies
 * (it holds the issuer keys and the status lists); the gateway forwards.
 */
@ApiTags('credentials')
@Controller('api/v1')
export class VerifyController {
  constructor(private readonly services: ServiceClient) {}

  @Post('credentials/verify')
  @HttpCode(200)
  @Public()
  // Any credential gets an answer (verified or not, with codes): the fuzz suite's schema-derived
  // body defects do not apply, its JSON ones do.
  @ApiExtension('x-balanse-lenient-body', true)
  @ApiOperation({
    summary: 'Verify a credential (W3C VC API): no token needed',
    description: `The body is \`{"verifiableCredential": <credential object or VC-JWT string>, "options": {…}}\` (\`options\` and unknown fields are ignored). The answer is 200 \`{verified, checks, warnings, errors}\` whatever the credential: each error has a stable \`code\`: ${Object.values(
      VerifyCode,
    )
      .filter((c) => c !== VerifyCode.STATUS_UNCHECKED)
      .map((c) => `\`${c}\``)
      .join(
        ', ',
      )}. Verification is offline: only this platform's issuer (its did:web) and keys are trusted, status is read from its own revocation and suspension lists, and JSON-LD contexts are pinned. A body over the limit is 413 with \`code: PAYLOAD_TOO_LARGE\` and the verify shape (\`verified: false\`, an error \`TOO_LARGE\`).`,
  })
  @ApiBody({ type: VerifyRequestView })
  @ApiOkResponse({ type: VerifyResultView })
  @ApiErrors(...BODY_ERRORS, ErrorCode.PAYLOAD_TOO_LARGE, {
    code: ErrorCode.VALIDATION_FAILED,
    message: 'invalid fields: verifiableCredential',
    fields: [{ field: 'verifiableCredential', message: 'verifiableCredential is required' }],
  })
  verify(@Caller() caller: CommandContext, @Body() body: unknown): Promise<VerifyResult> {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const fields: FieldError[] = [];
    if (!('verifiableCredential' in b) || b.verifiableCredential === undefined)
      fields.push({
        field: 'verifiableCredential',
        message: 'verifiableCredential is required (a credential object or a VC-JWT string)',
      });
    if (
      b.options !== undefined &&
      (typeof b.options !== 'object' || b.options === null || Array.isArray(b.options))
    )
      fields.push({ field: 'options', message: 'options must be an object' });
    // Nesting deeper than any credential goes, prototype keys: refused as in any body.
    if (fields.length === 0) fields.push(...unsafeShape(b));
    if (fields.length) throw validationError(fields);
    return this.services.call<VerifyResult>('certify', Command.certify.verifyCredential, caller, {
      body: { verifiableCredential: b.verifiableCredential },
    });
  }
}

/** What a body over the limit on the verify route answers: the error and the verify shape in one. */
export function tooLargeVerifyAnswer(message: string): VerifyResult {
  return {
    verified: false,
    checks: [],
    warnings: [],
    errors: [{ code: VerifyCode.TOO_LARGE, message }],
  };
}
