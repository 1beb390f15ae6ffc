import { IsIn, IsUUID } from 'class-validator';
import { defineEvent } from '../event-type';

export const DECISIONS = ['certified', 'partial', 'not_certified'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The assessor's decision over every outcome in scope. */
export class CaseAssessedV1 {
  @IsUUID() caseId: string;
  @IsUUID() standardId: string;
  @IsIn(DECISIONS) decision: Decision;
  @IsUUID('all', { each: true }) met: string[];
  @IsUUID('all', { each: true }) partlyMet: string[];
  @IsUUID('all', { each: true }) notMet: string[];
}
export const CaseAssessed = defineEvent('balanse.case.assessed.v1', CaseAssessedV1);
