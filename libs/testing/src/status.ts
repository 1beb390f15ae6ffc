import type { ApiClient } from './api-client';

/**
 * The one status helper: every "wait until" in the tests and the benchmark polls through
 * `pollUntil`, so each wait has a deadline and says what it waited for when it gives up.
 */
export interface PollOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** Pause between attempts (default 20 ms). */
  pollMs?: number;
}

/**
 * Calls `probe` until it returns something other than `undefined`, and returns that. `describe`
 * (given the last value the probe saw, if it reports one through `seen`) explains the timeout.
 */
export async function pollUntil<T>(
  probe: (seen: (state: unknown) => void) => Promise<T | undefined>,
  describe: (last: unknown) => string,
  options: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let last: unknown;
  for (;;) {
    const found = await probe((state) => (last = state));
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(describe(last));
    await new Promise((r) => setTimeout(r, options.pollMs ?? 20));
  }
}

/** GET `<url>/ready` once: true on 200, false on any other answer or none. */
export async function isReady(url: string): Promise<boolean> {
  return fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) }).then(
    async (r) => {
      await r.arrayBuffer();
      return r.status === 200;
    },
    () => false,
  );
}

/**
 * Waits until `<url>/ready` answers 200 (every dependency of the process is up). `alive` lets a
 * caller stop waiting at once when the process it waits for has exited.
 */
export async function waitForReady(
  url: string,
  options: PollOptions & { alive?: () => boolean; name?: string } = {},
): Promise<void> {
  await pollUntil(
    async (seen) => {
      if (options.alive && !options.alive()) throw new Error(`${options.name ?? url} exited`);
      const ready = await isReady(url);
      seen(ready);
      return ready ? true : undefined;
    },
    () => `${options.name ?? url} not ready within ${options.timeoutMs ?? 30_000} ms`,
    { pollMs: 100, ...options },
  );
}

/** Polls GET /cases/{id} until `accept` takes the case; returns it. */
export async function waitForCase(
  api: ApiClient,
  caseId: string,
  accept: (found: any) => boolean,
  what: string,
  options: PollOptions = {},
): Promise<any> {
  return pollUntil(
    async (seen) => {
      const res = await api.get(`/cases/${caseId}`);
      if (res.status !== 200)
        throw new Error(`get case answered ${res.status}: ${JSON.stringify(res.body)}`);
      seen(res.body);
      return accept(res.body) ? res.body : undefined;
    },
    (last: any) =>
      `case ${caseId}: expected ${what}, still phase ${last?.phase} with ${last?.history?.length} history entries`,
    options,
  );
}

/** Polls GET /cases/{id} until it reports `phase`. */
export function waitForPhase(
  api: ApiClient,
  caseId: string,
  phase: string,
  options: PollOptions = {},
): Promise<any> {
  return waitForCase(api, caseId, (c) => c.phase === phase, `phase ${phase}`, options);
}
