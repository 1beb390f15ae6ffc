/**
 * How often, and how far apart, an event is delivered again after a failure. Three kinds:
 * a broken contract (envelope or payload) is dead-lettered at once, since no retry can fix it;
 * a handler failure is retried `maxAttempts` times with a short backoff, then dead-lettered; a
 * database that cannot be reached (`isDatabaseUnavailable`) is waited for over `transientBudgetMs`, so that
 * a database restart delays events but never turns them into dead letters.
 */
export interface RetryPolicy {
  /** Deliveries of an event whose handler fails before it is dead-lettered. */
  maxAttempts: number;
  /** Delay before delivery n+1 after a handler failure, in ms. */
  backoffMs(attempt: number): number;
  /** Deliveries while the database is unreachable before the event is dead-lettered. */
  transientAttempts: number;
  /** Delay before delivery n+1 while the database is unreachable, in ms. */
  transientBackoffMs(attempt: number): number;
}

/** Deliveries beyond the retries, to keep an event as a dead letter when that write fails too. */
export const DEAD_LETTER_MARGIN = 3;

export interface RetryOptions {
  /** How long an unreachable database is waited for (default 15 min). */
  transientBudgetMs?: number;
  /** First delay after a handler failure (default 250 ms; doubling, at most 30 s). */
  firstBackoffMs?: number;
}

/**
 * Handler failures: 250 ms, doubling, at most 30 s apart; `maxAttempts` deliveries in all. An
 * unreachable database: 1 s, doubling, at most 60 s apart, for `transientBudgetMs`.
 */
export function retryPolicy(maxAttempts = 5, options: RetryOptions = {}): RetryPolicy {
  const first = options.firstBackoffMs ?? 250;
  const transientBackoffMs = (attempt: number) => Math.min(60_000, 1000 * 2 ** (attempt - 1));
  return {
    maxAttempts,
    backoffMs: (attempt) => Math.min(30_000, first * 2 ** (attempt - 1)),
    transientAttempts: attemptsWithin(options.transientBudgetMs ?? 15 * 60_000, transientBackoffMs),
    transientBackoffMs,
  };
}

/** The bus's bound on deliveries (JetStream `max_deliver`): every retry, plus the margin. */
export function maxDeliveries(policy: RetryPolicy): number {
  return Math.max(policy.maxAttempts, policy.transientAttempts) + DEAD_LETTER_MARGIN;
}

/** Deliveries whose backoffs add up to `budgetMs`. */
function attemptsWithin(budgetMs: number, backoffMs: (attempt: number) => number): number {
  let attempts = 1;
  for (let waited = 0; waited < budgetMs; attempts++) waited += backoffMs(attempts);
  return attempts;
}
