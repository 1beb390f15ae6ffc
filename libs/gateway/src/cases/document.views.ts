import { ApiProperty } from '@nestjs/swagger';
import { EVIDENCE_KINDS, EXAMPLE_IDS as ID, type EvidenceKind } from '@balanse/contracts';
import { PageView } from '../openapi/api-paging';

/** What document answers about evidence (its `view`). */

export class PeriodView {
  @ApiProperty({ format: 'date', example: '2019-08-01' }) from: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2024-06-30' })
  to: string | null;
}

export class EvidenceView {
  @ApiProperty({ format: 'uuid', example: ID.evidence }) id: string;
  @ApiProperty({ format: 'uuid', example: ID.case }) caseId: string;
  @ApiProperty({ enum: EVIDENCE_KINDS, example: 'attestation' }) kind: EvidenceKind;
  @ApiProperty({ example: 'Attestation from Solsiden sykehjem' }) title: string;
  @ApiProperty({ type: String, nullable: true, example: 'Department leader, 80 % position.' })
  description: string | null;
  @ApiProperty({ type: [String], format: 'uuid', example: [ID.outcome, ID.outcome2] })
  outcomeIds: string[];
  @ApiProperty({ type: String, nullable: true, example: 'Solsiden sykehjem' })
  issuer: string | null;
  @ApiProperty({ type: PeriodView, nullable: true }) period: PeriodView | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 80 }) positionPercent: number | null;
  @ApiProperty({ type: [String], example: ['Rota planning for 40 staff'] }) tasks: string[];
  @ApiProperty({ example: 'admin' }) addedBy: string;
  @ApiProperty({ format: 'date-time', example: '2025-03-03T09:16:30.020Z' }) addedAt: string;
}

export const EvidencePageView = PageView(EvidenceView, 'EvidencePage');
