/**
 * How long a phase's command waits for the event that opens the phase. A client that completes
 * documentation and at once sends a judgement would otherwise race the `case.documented` event
 * to the assess service; in practice the event arrives within milliseconds.
 */
export const ARRIVAL_WAIT_MS = 3000;

/** Polls `find` until it returns a value or `timeoutMs` passes (then resolves null). */
export async function waitForArrival<T>(
  find: () => Promise<T | null>,
  timeoutMs = ARRIVAL_WAIT_MS,
): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  for (;;) {
    const found = await find();
    if (found !== null || Date.now() >= deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 100);
  }
}
