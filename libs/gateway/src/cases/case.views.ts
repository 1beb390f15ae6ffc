import { ApiProperty } from '@nestjs/swagger';
import {
  CASE_VIEW_HISTORY_ENTRIES,
  EXAMPLE_IDS as ID,
  PHASES,
  RESULTS,
  WORK_PHASES,
  type CaseResult,
  type Phase,
  type PhaseCompletion,
  type WorkPhase,
} from '@balanse/contracts';
import { PageView } from '../openapi/api-paging';

/** What identify answers about a case (its `view`), and what every phase completion answers. */

export class CandidateView {
  @ApiProperty({
    format: 'uuid',
    example: ID.candidate,
    description: 'pseudonymous reference; events carry only this',
  })
  id: string;
  @ApiProperty({ example: 'HR-000123' }) externalId: string;
  @ApiProperty({ example: 'Kari Nordmann' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: 'kari@example.org' })
  email: string | null;
}

export class ScopeView {
  @ApiProperty({ type: [String], format: 'uuid', example: [ID.outcome, ID.outcome2] })
  outcomeIds: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0, maximum: 4 },
    example: { [ID.outcome]: 3, [ID.outcome2]: 1 },
  })
  selfAssessment: Record<string, number>;
}

export class HistoryEntryView {
  @ApiProperty({ format: 'date-time', example: '2025-03-03T09:15:02.114Z' }) at: string;
  @ApiProperty({
    enum: PHASES,
    example: 'document',
    description: 'the phase the case is in after it',
  })
  phase: Phase;
  @ApiProperty({
    example: 'identified',
    description: 'opened, scope_set, identified, documented, …',
  })
  event: string;
  @ApiProperty({ example: 'admin', description: 'who acted; `system` for what an event did' })
  actor: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { outcomes: 2 } })
  detail: Record<string, unknown>;
}

export class CaseView {
  @ApiProperty({ format: 'uuid', example: ID.case }) id: string;
  @ApiProperty({ enum: PHASES, example: 'document' }) phase: Phase;
  @ApiProperty({
    enum: RESULTS,
    nullable: true,
    example: null,
    description: 'set once the phase is `completed`',
  })
  result: CaseResult | null;
  @ApiProperty({ format: 'uuid', example: ID.standard }) standardId: string;
  @ApiProperty({
    example: 1,
    description: 'the published version of the standard the case was opened on; it keeps it',
  })
  standardVersion: number;
  @ApiProperty({ type: CandidateView }) candidate: CandidateView;
  @ApiProperty({ type: ScopeView }) scope: ScopeView;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: ID.need,
    description: 'the need the case serves',
  })
  needId: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '27.20',
    description: "NACE Rev. 2 code of the candidate's workplace",
  })
  sector: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '42',
    description: 'county number (fylkesnummer)',
  })
  region: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0, maximum: 4 },
    example: { [ID.outcome]: 3 },
    description: "the employer's view per outcome, 0 (none) to 4 (expert)",
  })
  employerView: Record<string, number>;
  @ApiProperty({ format: 'date-time', example: '2025-03-03T09:12:40.503Z' }) openedAt: string;
  @ApiProperty({ format: 'date-time', example: '2025-03-03T09:15:02.114Z' }) updatedAt: string;
  @ApiProperty({
    type: [HistoryEntryView],
    description: `the latest ${CASE_VIEW_HISTORY_ENTRIES} entries, oldest first, from every phase; all of them at GET /cases/{id}/history`,
  })
  history: HistoryEntryView[];
}

export const HistoryPageView = PageView(HistoryEntryView, 'HistoryPage');

/** The answer of `POST /cases/{id}/<phase>/complete`; the summary depends on the phase. */
export class PhaseCompletionView implements PhaseCompletion {
  @ApiProperty({ format: 'uuid', example: ID.case }) caseId: string;
  @ApiProperty({ enum: WORK_PHASES, example: 'identify', description: 'the phase just completed' })
  completed: WorkPhase;
  @ApiProperty({ enum: PHASES, example: 'document', description: 'where the case is now' })
  phase: Phase;
  @ApiProperty({
    enum: RESULTS,
    nullable: true,
    example: null,
    description: 'known once the assessment decides',
  })
  result: CaseResult | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { outcomes: 2 },
    description: 'what the phase ended with (see the examples of each completion)',
  })
  summary: Record<string, unknown>;
}

/** One example per completion, so each endpoint shows its own summary. */
export const COMPLETION_EXAMPLES: Record<Exclude<WorkPhase, 'certify'>, PhaseCompletion> = {
  identify: {
    caseId: ID.case,
    completed: 'identify',
    phase: 'document',
    result: null,
    summary: { outcomes: 2 },
  },
  document: {
    caseId: ID.case,
    completed: 'document',
    phase: 'assess',
    result: null,
    summary: { evidenceCount: 1 },
  },
  assess: {
    caseId: ID.case,
    completed: 'assess',
    phase: 'certify',
    result: null,
    summary: { decision: 'partial', met: 1, partlyMet: 1, notMet: 0, standardOutcomes: 19 },
  },
};
