import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  VerifyCode,
  type VerifyCheck,
  type VerifyProblem,
  type VerifyResult,
} from '@balanse/contracts';

export class VerifyProblemView implements VerifyProblem {
  @ApiProperty({
    enum: Object.values(VerifyCode),
    enumName: 'VerifyCode',
    example: 'PROOF_INVALID',
  })
  code: VerifyCode;
  @ApiProperty({ example: 'The signature does not match the credential' }) message: string;
  @ApiPropertyOptional({ example: 'proof.proofValue', description: 'the failing part, when known' })
  path?: string;
}

/** The W3C VC API verify answer. */
export class VerifyResultView implements VerifyResult {
  @ApiProperty({ example: false, description: 'true when no check found an error' })
  verified: boolean;
  @ApiProperty({
    type: [String],
    enum: ['jwt', 'schema', 'issuer', 'proof', 'validFrom', 'validUntil', 'credentialStatus'],
    example: ['schema', 'issuer', 'proof', 'validFrom', 'validUntil', 'credentialStatus'],
    description: 'the checks that ran',
  })
  checks: VerifyCheck[];
  @ApiProperty({
    type: [VerifyProblemView],
    example: [],
    description: 'what could not be checked (`STATUS_UNCHECKED`); not a failure',
  })
  warnings: VerifyProblemView[];
  @ApiProperty({
    type: [VerifyProblemView],
    example: [
      {
        code: 'PROOF_INVALID',
        message: 'The signature does not match the credential',
        path: 'proof.proofValue',
      },
    ],
    description: 'each failure with its stable code (see VerifyCode); empty when verified',
  })
  errors: VerifyProblemView[];
}

@ApiExtraModels()
export class VerifyRequestView {
  @ApiProperty({
    oneOf: [{ type: 'object', additionalProperties: true }, { type: 'string' }],
    description:
      'the credential: a JSON object (Open Badges 3.0 AchievementCredential with an eddsa-rdfc-2022 proof), or a VC-JWT (compact JWS) string',
  })
  verifiableCredential: Record<string, unknown> | string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'W3C VC API verify options: accepted and ignored',
  })
  options?: Record<string, unknown>;
}
