import { DomainError, ErrorCode, type Decision, type Judgement } from '@balanse/contracts';

export interface Judged {
  outcomeId: string;
  judgement: Judgement;
}

/** Judgements are recorded, and the decision taken, only while the assessment is open. */
export function requireOpen(assessment: { status: 'open' | 'decided'; decision: Decision | null }) {
  if (assessment.status !== 'open') {
    throw new DomainError(
      409,
      ErrorCode.CASE_NOT_IN_PHASE,
      'the assessment of this case is decided',
      {
        expected: 'assess',
        decision: assessment.decision,
      },
    );
  }
}

/** Only outcomes in the case's scope are judged. */
export function requireInScope(scope: readonly string[], outcomeId: string): void {
  if (!scope.includes(outcomeId)) {
    throw new DomainError(
      422,
      ErrorCode.OUTCOME_NOT_IN_SCOPE,
      `outcome ${outcomeId} is not in the case's scope`,
      { outcomeId },
      [{ field: 'outcomeId', message: "not in the case's scope" }],
    );
  }
}

/**
 * The judgement of each outcome in scope, in scope order, once every one is judged;
 * JUDGEMENTS_MISSING naming the unjudged ones until then.
 */
export function judgedScope<J extends Judged>(
  scope: readonly string[],
  judgements: readonly J[],
): J[] {
  const judged = new Map(judgements.map((j) => [j.outcomeId, j]));
  const missing = scope.filter((id) => !judged.has(id));
  if (missing.length > 0) {
    throw new DomainError(
      422,
      ErrorCode.JUDGEMENTS_MISSING,
      `${missing.length} outcome(s) in scope are not judged`,
      { missingOutcomeIds: missing },
    );
  }
  return scope.map((id) => judged.get(id)!);
}
