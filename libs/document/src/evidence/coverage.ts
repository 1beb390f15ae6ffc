import { DomainError, ErrorCode } from '@balanse/contracts';

/** Evidence may name only outcomes in the case's scope. */
export function requireInScope(scope: readonly string[], outcomeIds: readonly string[]): void {
  const inScope = new Set(scope);
  const outside = outcomeIds.filter((id) => !inScope.has(id));
  if (outside.length > 0) {
    throw new DomainError(
      422,
      ErrorCode.OUTCOME_NOT_IN_SCOPE,
      "evidence names outcomes outside the case's scope",
      { outcomeIds: outside },
      outcomeIds.flatMap((id, i) =>
        inScope.has(id)
          ? []
          : [{ field: `outcomeIds.${i}`, message: `outcome ${id} is not in the case's scope` }],
      ),
    );
  }
}

/** The outcomes in scope that no evidence names, in scope order. */
export function uncovered(
  scope: readonly string[],
  evidence: ReadonlyArray<{ outcomeIds: readonly string[] }>,
): string[] {
  const covered = new Set(evidence.flatMap((e) => e.outcomeIds));
  return scope.filter((id) => !covered.has(id));
}

/** Documentation is complete only when every outcome in scope has evidence. */
export function requireCoverage(
  scope: readonly string[],
  evidence: ReadonlyArray<{ outcomeIds: readonly string[] }>,
): void {
  const missing = uncovered(scope, evidence);
  if (missing.length > 0) {
    throw new DomainError(
      422,
      ErrorCode.EVIDENCE_MISSING,
      `${missing.length} outcome(s) in scope have no evidence`,
      { uncoveredOutcomeIds: missing },
    );
  }
}

/** Evidence is added, and documentation completed, only while the portfolio is open. */
export function requireOpen(status: 'open' | 'complete'): void {
  if (status !== 'open') {
    throw new DomainError(
      409,
      ErrorCode.CASE_NOT_IN_PHASE,
      'documentation of this case is complete',
      { expected: 'document' },
    );
  }
}
