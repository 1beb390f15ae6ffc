import { isNotArrived } from '@balanse/contracts';
import { isErrorBody } from './rpc-errors.filter';

/**
 * How long a command may wait for the event that opens its case's phase. A client that completes
 * documentation and at once sends a judgement races `case.documented` to assess; usually the
 * event wins by milliseconds. Below the gateway's default command timeout (10 s).
 */
export const ARRIVAL_WAIT_MS = 8000;
/** Another replica may handle the event: look again this often even without a local signal. */
const RECHECK_MS = 250;

/**
 * Commands that arrived before the event that opens their case's phase. The gateway marks a
 * command `awaitCase` only once the case is known to be on its way (see PhaseGate); the server
 * then runs it again each time this service commits an event for that case, until the handler
 * no longer answers "not arrived" or ARRIVAL_WAIT_MS has passed. Handlers know nothing of this.
 * Its waiters are bounded by the command limit: each is a running command holding its slot in
 * the CommandGate (BALANSE_MAX_CONCURRENT_COMMANDS), and keeps one waker at a time.
 */
export class ArrivalWait {
  private readonly waiting = new Map<string, Set<() => void>>();

  /** An event for this case was committed here. */
  arrived(tenantId: string, caseId: string): void {
    const key = `${tenantId}/${caseId}`;
    const wakers = this.waiting.get(key);
    if (!wakers) return;
    this.waiting.delete(key);
    for (const wake of wakers) wake();
  }

  async retry<T>(
    tenantId: string,
    caseId: string,
    attempt: () => Promise<T>,
    timeoutMs = ARRIVAL_WAIT_MS,
  ): Promise<T> {
    const key = `${tenantId}/${caseId}`;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Listen before trying, so an event committed while the attempt runs is not missed.
      const signal = this.listen(key, Math.min(RECHECK_MS, Math.max(0, deadline - Date.now())));
      try {
        return await attempt();
      } catch (err) {
        if (!isErrorBody(err) || !isNotArrived(err) || Date.now() >= deadline) {
          signal.cancel();
          throw err;
        }
      }
      await signal.done;
    }
  }

  private listen(key: string, ms: number): { done: Promise<void>; cancel(): void } {
    let wake!: () => void;
    const done = new Promise<void>((resolve) => (wake = resolve));
    const timer = setTimeout(() => cancel(), ms);
    const set = this.waiting.get(key) ?? new Set();
    this.waiting.set(key, set);
    set.add(wake);
    const cancel = () => {
      clearTimeout(timer);
      set.delete(wake);
      if (set.size === 0 && this.waiting.get(key) === set) this.waiting.delete(key);
      wake();
    };
    void done.then(() => clearTimeout(timer));
    return { done, cancel };
  }
}
