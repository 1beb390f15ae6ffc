import { ApiProperty } from '@nestjs/swagger';
import { EXAMPLE_IDS as ID, JUDGEMENTS, type Judgement } from '@balanse/contracts';
import { PageView } from '../openapi/api-paging';

/** What assess answers about judgements (its `view`). */
export class JudgementView {
  @ApiProperty({ format: 'uuid', example: ID.outcome }) outcomeId: string;
  @ApiProperty({ enum: JUDGEMENTS, example: 'met' }) judgement: Judgement;
  @ApiProperty({ example: 'Attestation and work sample show daily rota planning for 3 years.' })
  rationale: string;
  @ApiProperty({ example: 'admin' }) assessor: string;
  @ApiProperty({ format: 'date-time', example: '2025-03-04T13:02:11.871Z' }) judgedAt: string;
}

export const JudgementPageView = PageView(JudgementView, 'JudgementPage');
