import { ApiProperty } from '@nestjs/swagger';
import { EXAMPLE_IDS as ID, OUTCOME_CATEGORIES, type OutcomeCategory } from '@balanse/contracts';
import { PageView } from '../openapi/api-paging';

/** What identify answers about standards (its `summary` and `standardView`). */

/** What a standard is called and where it sits; both answers below start with this. */
class StandardHead {
  @ApiProperty({ format: 'uuid', example: ID.standard }) id: string;
  @ApiProperty({ example: 'avdelingsleder-helse-omsorg' }) code: string;
  @ApiProperty({ example: '1.0' }) version: string;
  @ApiProperty({ example: 'Department leader in health and care services (avdelingsleder)' })
  title: string;
  @ApiProperty({ type: 'integer', nullable: true, example: 5, description: 'NKR/EQF level' })
  nqfLevel: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'health-and-care' })
  sector: string | null;
  @ApiProperty({ example: true, description: 'seeded for every tenant, not created by this one' })
  shared: boolean;
}

export class StandardSummaryView extends StandardHead {
  @ApiProperty({ example: 19 }) outcomeCount: number;
}

export const StandardSummaryPageView = PageView(StandardSummaryView, 'StandardSummaryPage');

export class OutcomeView {
  @ApiProperty({ format: 'uuid', example: ID.outcome }) id: string;
  @ApiProperty({ example: 'FR-1' }) code: string;
  @ApiProperty({
    example:
      'Understands how service quality relates to how work is organised, and can make decisions that improve the organisation.',
  })
  statement: string;
  @ApiProperty({ enum: OUTCOME_CATEGORIES, example: 'knowledge' }) category: OutcomeCategory;
}

export class AreaView {
  @ApiProperty({ format: 'uuid', example: ID.area }) id: string;
  @ApiProperty({ example: 'Forbedringsarbeid (improvement work)' }) title: string;
  @ApiProperty({ type: [OutcomeView] }) outcomes: OutcomeView[];
}

export class ClusterView {
  @ApiProperty({ format: 'uuid', example: ID.cluster }) id: string;
  @ApiProperty({ example: 'Fleksibilitet og rutiner (flexibility and routines)' }) title: string;
  @ApiProperty({ type: [AreaView] }) areas: AreaView[];
}

export class StandardView extends StandardHead {
  @ApiProperty({ type: [ClusterView], description: 'clusters → competence areas → outcomes' })
  clusters: ClusterView[];
  @ApiProperty({ format: 'date-time', example: '2025-01-06T08:00:00.000Z' }) createdAt: string;
}
