/**
 * How long a phase's command may wait for the event that opens the phase. A client that completes
 * documentation and at once sends a judgement races the `case.documented` event to the assess
 * service; usually the event wins by milliseconds. The gateway asks for the wait (`wait=true`)
 * only after identify has confirmed the case is past the previous phase. Below the gateway's
 * default command timeout (10 s).
 */
export const ARRIVAL_WAIT_MS = 8000;

/** Whether the gateway asked this command to wait for its case to arrive. */
export function waitRequested(query: Record<string, string>): boolean {
  return query['wait'] === 'true';
}

const waiting = new Map<string, Promise<unknown>>();

/**
 * Polls `find` until it returns a value or `timeoutMs` passes (then resolves null). Callers
 * waiting for the same `key` (the 19 judgements of one case) share one poll, so waiting
 * commands do not crowd out the event handler they are waiting for.
 */
export function waitForArrival<T>(
  key: string,
  find: () => Promise<T | null>,
  timeoutMs = ARRIVAL_WAIT_MS,
): Promise<T | null> {
  const shared = waiting.get(key) as Promise<T | null> | undefined;
  if (shared) return shared;
  const poll = (async () => {
    const deadline = Date.now() + timeoutMs;
    let delay = 5;
    for (;;) {
      const found = await find();
      if (found !== null || Date.now() >= deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 100);
    }
  })().finally(() => waiting.delete(key));
  waiting.set(key, poll);
  return poll;
}
