import {
  afterDecision,
  DomainError,
  ErrorCode,
  phaseAfter,
  type CaseAssessedV2,
  type CaseCertifiedV1,
  type CaseDocumentedV2,
  type CaseResult,
  type Phase,
} from '@balanse/contracts';

/** Where a later phase's report takes a case, and what its history records of it. */
export interface Progress {
  phase: Phase;
  /** The history entry's event name. */
  event: string;
  /** Set once the case has a result; null leaves the result as it is. */
  result: CaseResult | null;
  detail: Record<string, unknown>;
}

export function documented(data: CaseDocumentedV2): Progress {
  return {
    phase: phaseAfter('document'),
    event: 'documented',
    result: null,
    detail: { evidenceCount: data.evidenceCount },
  };
}

/** The decision decides where the case goes: nothing met ends it (see afterDecision). */
export function assessed(data: CaseAssessedV2): Progress {
  const { decision, met, partlyMet, notMet } = data;
  return {
    ...afterDecision(decision),
    event: 'assessed',
    detail: { decision, met: met.length, partlyMet: partlyMet.length, notMet: notMet.length },
  };
}

export function certified(data: CaseCertifiedV1): Progress {
  const { credentialId, result } = data;
  return {
    phase: phaseAfter('certify'),
    event: 'certified',
    result,
    detail: { credentialId, result },
  };
}

/** A command of one phase is refused once the case has left it (or before it got there). */
export function requirePhase(current: Phase, expected: Phase): void {
  if (current !== expected) {
    throw new DomainError(
      409,
      ErrorCode.CASE_NOT_IN_PHASE,
      `case is in phase ${current}, not ${expected}`,
      { phase: current, expected },
    );
  }
}
