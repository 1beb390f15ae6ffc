import { Counter, Registry } from 'prom-client';

/**
 * The process's Prometheus registry (prom-client: the standard Node client, text format every
 * scraper reads). Counters are labelled by service, never by tenant or case (no personal data,
 * bounded cardinality). Served at `/metrics` by every process with an HTTP port.
 */
export const metrics = new Registry();

/** A message handler failed in a way the caller saw as an error answer (5xx) or a retry. */
export const handlerFailures = new Counter({
  name: 'balanse_handler_failures_total',
  help: 'Command or event handler runs that failed unexpectedly',
  labelNames: ['service', 'kind'] as const,
  registers: [metrics],
});

/** Events kept as dead letters, by why. */
export const deadLettered = new Counter({
  name: 'balanse_events_dead_lettered_total',
  help: 'Events a consumer gave up on and stored as dead letters',
  labelNames: ['service', 'reason'] as const,
  registers: [metrics],
});

/** Events that could not even be stored as dead letters, and were terminated (JetStream term). */
export const terminated = new Counter({
  name: 'balanse_events_terminated_total',
  help: 'Events terminated because they could not be stored as dead letters',
  labelNames: ['service', 'reason'] as const,
  registers: [metrics],
});

/** Answers refused because they would not fit in one bus message. */
export const repliesTooLarge = new Counter({
  name: 'balanse_replies_too_large_total',
  help: 'Command answers larger than the bus max payload, answered REPLY_TOO_LARGE instead',
  labelNames: ['service'] as const,
  registers: [metrics],
});

/**
 * Commands and answers of calls opted in as large that were over the bus max payload, so moved
 * in chunks (NATS) or whole (in-process).
 */
export const largeMessages = new Counter({
  name: 'balanse_large_messages_total',
  help: 'Commands and answers over the bus max payload moved in chunks (calls opted in as large)',
  labelNames: ['service', 'kind'] as const,
  registers: [metrics],
});

/** Large commands whose parts stopped coming: dropped after the idle time, memory freed. */
export const uploadsDropped = new Counter({
  name: 'balanse_large_uploads_dropped_total',
  help: 'Large commands dropped because their parts stopped arriving',
  labelNames: ['service'] as const,
  registers: [metrics],
});
