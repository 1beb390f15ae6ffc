import { Logger } from '@nestjs/common';
import { collectDefaultMetrics } from 'prom-client';
import { handlerFailures, metrics } from '@balanse/messaging';

let installed = false;

/**
 * Once per process (or thread): last-resort handlers for errors nothing else caught, and the
 * default Node metrics (CPU, memory, event loop lag) in its registry unless `metrics` is false
 * (the embedded gateway's thread serves the main thread's). Such an error is logged
 * and counted (`balanse_handler_failures_total{kind="process"}`), and the process keeps
 * running: every handler path answers its own failures, so what reaches here belongs to one
 * piece of work, and exiting would turn it into an outage for every tenant, again after each
 * restart if a poisoned record caused it.
 */
export function guardProcess(
  name: string,
  options: { metrics: boolean } = { metrics: true },
): void {
  if (installed) return;
  installed = true;
  if (options.metrics) collectDefaultMetrics({ register: metrics });
  const log = new Logger(name);
  const report = (what: string) => (err: unknown) => {
    handlerFailures.inc({ service: name, kind: 'process' });
    log.error(
      `${what}, kept running: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
  };
  process.on('unhandledRejection', report('unhandled rejection'));
  process.on('uncaughtException', report('uncaught exception'));
}
