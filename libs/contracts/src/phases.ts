/** The case's phase, in order; `completed` once a result is known. */
export const PHASES = ['identify', 'document', 'assess', 'certify', 'completed'] as const;
export type Phase = (typeof PHASES)[number];
export const RESULTS = ['certified', 'partial', 'not_certified'] as const;
export type CaseResult = (typeof RESULTS)[number];

export function phaseRank(phase: Phase): number {
  return PHASES.indexOf(phase);
}
