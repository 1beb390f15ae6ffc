import { ApiProperty } from '@nestjs/swagger';
import {
  EXAMPLE_IDS as ID,
  PHASES,
  RESULTS,
  type CaseResult,
  type Phase,
} from '@balanse/contracts';
import { PageView } from '../openapi/api-paging';

/** What `GET /cases` and `GET /cases/{id}/gap` answer (identify's case list and gap report). */

class CandidateRefView {
  @ApiProperty({ format: 'uuid', example: ID.candidate }) id: string;
  @ApiProperty({ example: 'HR-000123' }) externalId: string;
}

export class CaseSummaryView {
  @ApiProperty({ format: 'uuid', example: ID.case }) id: string;
  @ApiProperty({ enum: PHASES, example: 'identify' }) phase: Phase;
  @ApiProperty({ enum: RESULTS, nullable: true, example: null }) result: CaseResult | null;
  @ApiProperty({ format: 'uuid', example: ID.standard }) standardId: string;
  @ApiProperty({ example: '1.0' }) standardVersion: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: ID.need })
  needId: string | null;
  @ApiProperty({ type: String, nullable: true, example: '27.20' }) sector: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) region: string | null;
  @ApiProperty({
    type: CandidateRefView,
    description: 'by id and external id; the name is on GET /cases/{id}',
  })
  candidate: CandidateRefView;
  @ApiProperty({ format: 'date-time', example: '2025-03-03T09:12:40.503Z' }) openedAt: string;
  @ApiProperty({ format: 'date-time', example: '2025-03-03T09:15:02.114Z' }) updatedAt: string;
}

export const CaseSummaryPageView = PageView(CaseSummaryView, 'CaseSummaryPage');

export class GapOutcomeView {
  @ApiProperty({ format: 'uuid', example: ID.outcome }) outcomeId: string;
  @ApiProperty({ example: 'FR-1' }) code: string;
  @ApiProperty({ enum: ['likely_met', 'uncertain', 'missing'], example: 'likely_met' })
  status: string;
  @ApiProperty({ example: true }) inScope: boolean;
  @ApiProperty({ type: 'integer', nullable: true, example: 4 }) selfAssessment: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 3 }) employerView: number | null;
  @ApiProperty({
    type: [String],
    enum: [
      'not_in_scope',
      'no_rating',
      'every_rating_strong',
      'every_rating_weak',
      'ratings_disagree',
      'rating_in_between',
    ],
    example: ['every_rating_strong'],
    description:
      'why: 3-4 from every view available is likely met, 0-1 from every view missing, anything else uncertain; required but outside the scope is missing',
  })
  reasons: string[];
}

export class GapSummaryView {
  @ApiProperty({ example: 2 }) outcomes: number;
  @ApiProperty({ example: 1 }) likelyMet: number;
  @ApiProperty({ example: 1 }) uncertain: number;
  @ApiProperty({ example: 0 }) missing: number;
  @ApiProperty({ example: 0.5, description: 'likelyMet / outcomes, two decimals' })
  shareLikelyMet: number;
}

export class GapReportView {
  @ApiProperty({ format: 'uuid', example: ID.case }) caseId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) needId:
    string | null;
  @ApiProperty({
    enum: ['need', 'scope'],
    example: 'scope',
    description: "the need's outcomes, or the case's scope when it serves no need",
  })
  basis: string;
  @ApiProperty({ type: [GapOutcomeView], description: "in the standard's order" })
  outcomes: GapOutcomeView[];
  @ApiProperty({ type: GapSummaryView }) summary: GapSummaryView;
}
