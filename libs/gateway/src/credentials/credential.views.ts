import { ApiProperty } from '@nestjs/swagger';
import { EXAMPLE_IDS as ID } from '@balanse/contracts';
import { PageView } from '../openapi/api-paging';

/** What certify answers about a credential (its `view`). */
export class CredentialView {
  @ApiProperty({ format: 'uuid', example: ID.credential }) id: string;
  @ApiProperty({ format: 'uuid', example: ID.case }) caseId: string;
  @ApiProperty({ format: 'uuid', example: ID.standard }) standardId: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '1',
    description:
      "the standard's version the case pinned; null for credentials issued before it was carried",
  })
  standardVersion: string | null;
  @ApiProperty({
    enum: ['full', 'partial'],
    example: 'partial',
    description: '`full`: the whole standard; `partial`: a kompetansebevis for the outcomes met',
  })
  kind: 'full' | 'partial';
  @ApiProperty({
    type: [String],
    format: 'uuid',
    example: [ID.outcome],
    description: 'the outcomes the credential attests',
  })
  outcomeIds: string[];
  @ApiProperty({ example: 1, description: 'how many learning outcomes were met' })
  outcomesMet: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 19,
    description: "the standard's outcomes in all (null for a case opened before this was recorded)",
  })
  standardOutcomeCount: number | null;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    nullable: true,
    example: [ID.outcome2],
    description:
      "the standard's outcomes not yet met (partly met, not met or outside the scope): what a training plan builds on",
  })
  notYetMetOutcomeIds: string[] | null;
  @ApiProperty({ format: 'date-time', example: '2025-03-04T13:05:00.412Z' }) issuedAt: string;
  @ApiProperty({
    enum: ['active', 'suspended', 'revoked'],
    example: 'active',
    description:
      '`revoked` is final; `suspended` until reinstated. Verifiers read it from the status lists',
  })
  status: 'active' | 'suspended' | 'revoked';
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: null,
    description: 'when it was revoked or suspended; null while active',
  })
  statusChangedAt: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'the reason given when it was revoked or suspended; null while active',
  })
  statusReason: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'the credential exactly as issued: an Open Badges 3.0 AchievementCredential (W3C VC 2.0) with an eddsa-rdfc-2022 Data Integrity proof (shortened here)',
    example: {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
      ],
      id: `urn:uuid:${ID.credential}`,
      type: ['VerifiableCredential', 'AchievementCredential'],
      issuer: { id: 'did:web:balanse.example.no', type: ['Profile'], name: 'Balanse' },
      validFrom: '2025-03-04T13:05:00.412Z',
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: {
          id: `urn:uuid:${ID.standard}`,
          type: ['Achievement'],
          achievementType: 'Certificate',
          name: 'Avdelingsleder',
          version: '1',
        },
        result: [
          { type: ['Result'], resultDescription: `urn:uuid:${ID.outcome}`, status: 'Completed' },
        ],
      },
      proof: [
        {
          type: 'DataIntegrityProof',
          created: '2025-03-04T13:05:00Z',
          verificationMethod: 'did:web:balanse.example.no#key-1',
          cryptosuite: 'eddsa-rdfc-2022',
          proofPurpose: 'assertionMethod',
          proofValue: 'z5v…',
        },
      ],
    },
  })
  credential: Record<string, unknown>;
}

export const CredentialPageView = PageView(CredentialView, 'CredentialPage');
