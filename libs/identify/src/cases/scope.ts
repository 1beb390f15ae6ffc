import { DomainError, ErrorCode } from '@balanse/contracts';

/** A case's scope: the learning outcomes in it and the candidate's own rating of each (0-4). */
export interface Scope {
  outcomeIds: string[];
  selfAssessment: Record<string, number>;
}

/**
 * Checks a requested scope against the standard's outcomes: every outcome must be in the
 * standard, and the self-assessment may rate only outcomes in the scope.
 */
export function checkScope(
  standardOutcomeIds: readonly string[],
  requested: { outcomeIds: string[]; selfAssessment?: Record<string, number> },
): Scope {
  const known = new Set(standardOutcomeIds);
  const unknown = requested.outcomeIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new DomainError(
      422,
      ErrorCode.OUTCOME_NOT_IN_STANDARD,
      "some outcomes are not in the case's standard",
      { outcomeIds: unknown },
      requested.outcomeIds.flatMap((id, i) =>
        known.has(id)
          ? []
          : [{ field: `outcomeIds.${i}`, message: `outcome ${id} is not in the standard` }],
      ),
    );
  }
  const selfAssessment = requested.selfAssessment ?? {};
  const inScope = new Set(requested.outcomeIds);
  const stray = Object.keys(selfAssessment).filter((id) => !inScope.has(id));
  if (stray.length > 0) {
    throw new DomainError(
      422,
      ErrorCode.OUTCOME_NOT_IN_SCOPE,
      'self-assessment names outcomes outside the scope',
      { outcomeIds: stray },
      stray.map((id) => ({
        field: `selfAssessment.${id}`,
        message: 'outcome is not in outcomeIds',
      })),
    );
  }
  return { outcomeIds: requested.outcomeIds, selfAssessment };
}

/** Identification cannot complete before the scope names at least one outcome. */
export function requireScope(outcomeIds: readonly string[]): void {
  if (outcomeIds.length === 0) {
    throw new DomainError(
      422,
      ErrorCode.SCOPE_EMPTY,
      'set the scope (PUT /cases/{id}/scope) before completing identification',
    );
  }
}
