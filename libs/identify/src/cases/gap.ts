/**
 * The gap report: for each outcome a case is measured against, how likely the candidate already
 * meets it, from what identification knows (no evidence or judgement yet). A pure rule.
 *
 * The outcomes measured are those the case's need requires (all of the standard's when the need
 * names none); a case without a need is measured against its own scope.
 *
 * Ratings are on the self-assessment scale, 0 (none) to 4 (expert). Thresholds, once:
 * - STRONG (3): a rating of 3 or 4 says the candidate does this independently, so it is likely
 *   met if every view available says so (the lower rating counts where two disagree: an
 *   employer's 2 against a self-assessed 4 is not good enough).
 * - WEAK (1): a rating of 0 or 1 says little or none of it, so it is missing if every view says
 *   so.
 * - Anything else (a 2, views on either side of the line, or no view at all) is uncertain: the
 *   assessment will have to find out.
 * - An outcome the need requires but the case's scope leaves out is missing whatever the ratings
 *   say: this case will not validate it.
 */
export const STRONG = 3;
export const WEAK = 1;

export const GAP_STATUSES = ['likely_met', 'uncertain', 'missing'] as const;
export type GapStatus = (typeof GAP_STATUSES)[number];

/** Why an outcome has its status, as stable codes (the ratings themselves sit beside them). */
export const GAP_REASONS = [
  'not_in_scope',
  'no_rating',
  'every_rating_strong',
  'every_rating_weak',
  'ratings_disagree',
  'rating_in_between',
] as const;
export type GapReason = (typeof GAP_REASONS)[number];

export interface GapInput {
  /** Every outcome of the standard, in the standard's order, with its code. */
  standardOutcomes: ReadonlyArray<{ id: string; code: string }>;
  /** The need's required outcomes; null: all of the standard. Undefined: the case has no need. */
  required?: readonly string[] | null;
  scope: readonly string[];
  selfAssessment: Readonly<Record<string, number>>;
  employerView: Readonly<Record<string, number>>;
}

export interface GapOutcome {
  outcomeId: string;
  code: string;
  status: GapStatus;
  inScope: boolean;
  selfAssessment: number | null;
  employerView: number | null;
  reasons: GapReason[];
}

export interface GapReport {
  /** What the outcomes are measured against: the case's need, or its scope when it has none. */
  basis: 'need' | 'scope';
  outcomes: GapOutcome[];
  summary: {
    outcomes: number;
    likelyMet: number;
    uncertain: number;
    missing: number;
    /** likelyMet / outcomes, to two decimals; 0 when nothing is measured. */
    shareLikelyMet: number;
  };
}

export function gapReport(input: GapInput): GapReport {
  const basis = input.required === undefined ? 'scope' : 'need';
  const measured = new Set(
    basis === 'scope' ? input.scope : (input.required ?? input.standardOutcomes.map((o) => o.id)),
  );
  const inScope = new Set(input.scope);
  const outcomes = input.standardOutcomes
    .filter((o) => measured.has(o.id))
    .map((o) =>
      judgeOutcome(
        o,
        inScope.has(o.id),
        input.selfAssessment[o.id] ?? null,
        input.employerView[o.id] ?? null,
      ),
    );
  const count = (s: GapStatus) => outcomes.filter((o) => o.status === s).length;
  const likelyMet = count('likely_met');
  return {
    basis,
    outcomes,
    summary: {
      outcomes: outcomes.length,
      likelyMet,
      uncertain: count('uncertain'),
      missing: count('missing'),
      shareLikelyMet:
        outcomes.length === 0 ? 0 : Math.round((likelyMet / outcomes.length) * 100) / 100,
    },
  };
}

function judgeOutcome(
  outcome: { id: string; code: string },
  inScope: boolean,
  selfAssessment: number | null,
  employerView: number | null,
): GapOutcome {
  const ratings = [selfAssessment, employerView].filter((r): r is number => r !== null);
  const { status, reason } = fromRatings(ratings);
  return {
    outcomeId: outcome.id,
    code: outcome.code,
    status: inScope ? status : 'missing',
    inScope,
    selfAssessment,
    employerView,
    reasons: inScope ? [reason] : ['not_in_scope', reason],
  };
}

function fromRatings(ratings: number[]): { status: GapStatus; reason: GapReason } {
  if (ratings.length === 0) return { status: 'uncertain', reason: 'no_rating' };
  const low = Math.min(...ratings);
  const high = Math.max(...ratings);
  if (low >= STRONG) return { status: 'likely_met', reason: 'every_rating_strong' };
  if (high <= WEAK) return { status: 'missing', reason: 'every_rating_weak' };
  if (high >= STRONG && low <= WEAK) return { status: 'uncertain', reason: 'ratings_disagree' };
  return { status: 'uncertain', reason: 'rating_in_between' };
}
