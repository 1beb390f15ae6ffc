import type { Decision } from './events/case-assessed/case-assessed.v2';

/**
 * The case lifecycle, in one place: the phase order, the transitions, and which decision ends a
 * case. identify moves cases along it, each phase service checks commands against it, and the
 * gateway uses it to tell "not yet" from "never" (see PhaseGate).
 */
export const PHASES = ['identify', 'document', 'assess', 'certify', 'completed'] as const;
export type Phase = (typeof PHASES)[number];

/** The phases a service works a case in (each has a service of the same name). */
export const WORK_PHASES = ['identify', 'document', 'assess', 'certify'] as const;
export type WorkPhase = (typeof WORK_PHASES)[number];

export const RESULTS = ['certified', 'partial', 'not_certified'] as const;
export type CaseResult = (typeof RESULTS)[number];

export function phaseRank(phase: Phase): number {
  return PHASES.indexOf(phase);
}

/** True when a case in `phase` has reached `target` (is in it or beyond). */
export function hasReached(phase: Phase, target: Phase): boolean {
  return phaseRank(phase) >= phaseRank(target);
}

/** The phase before `phase`, whose completion opens it; none before identify. */
export function previousPhase(phase: WorkPhase): WorkPhase | undefined {
  const i = WORK_PHASES.indexOf(phase);
  return i > 0 ? WORK_PHASES[i - 1] : undefined;
}

/** Where a completed work phase takes the case. */
export function phaseAfter(phase: WorkPhase): Phase {
  return PHASES[phaseRank(phase) + 1];
}

/**
 * Where the assessment decision takes the case: nothing met means nothing to certify, so the case
 * ends there with `not_certified`; otherwise certify issues a credential.
 */
export function afterDecision(decision: Decision): { phase: Phase; result: CaseResult | null } {
  return decision === 'not_certified'
    ? { phase: 'completed', result: 'not_certified' }
    : { phase: 'certify', result: null };
}

/**
 * What every phase-completion command answers (`POST /cases/{id}/<phase>/complete`): which phase
 * was completed, where the case is now, the result once known, and a summary of that phase.
 */
export interface PhaseCompletion {
  caseId: string;
  completed: WorkPhase;
  phase: Phase;
  result: CaseResult | null;
  summary: Record<string, unknown>;
}
