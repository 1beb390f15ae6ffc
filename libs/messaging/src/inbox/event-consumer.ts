import { Logger } from '@nestjs/common';
import type { DomainEvent } from '../events/domain-event';
import { eventSubject } from '../events/event-subjects';
import type { DeadLetters, DeadLetterView } from '../dead-letters/dead-letters';
import { storableLetter, type StorableLetter } from '../dead-letters/storable';
import { deadLettered, handlerFailures, terminated } from '../metrics';
import type { Tx, UnitOfWork } from '../outbox/unit-of-work';
import type { Delivery } from '../transport/transport';
import { checkEnvelope, type EnvelopeRules } from './envelope-check';
import { describeFailure, isContractFailure, isDatabaseUnavailable } from '../failures';
import { maxDeliveries, type RetryPolicy } from './retry-policy';

export type EventHandlerFn = (event: DomainEvent, tx: Tx) => Promise<void>;

/** Why an event was given up on; the first word of its reason, and a metric label. */
type Verdict = 'invalid envelope' | 'invalid payload' | 'handler failed' | 'database unavailable';

export type ReplayOutcome =
  { outcome: 'replayed' | 'not_found' } | { outcome: 'failed'; reason: string };

/** How a consumer's handler runs. */
export interface HandlerOptions {
  /**
   * The handler's effect is idempotent by itself (one `INSERT … ON CONFLICT DO NOTHING` of a
   * fact that never changes, say) and it writes no events: it runs without an inbox row and a
   * transaction, one statement instead of four. A repeated delivery repeats the statement, which
   * changes nothing. Replaying its dead letters still goes through the inbox.
   */
  idempotent?: boolean;
}

interface Registered extends EnvelopeRules, HandlerOptions {
  handle: EventHandlerFn;
}

/**
 * Runs event handlers with the inbox guarantee: the inbox row and the handler's effect commit
 * together, and the delivery is acked only after that commit. Every delivery is settled: an
 * envelope that fails `checkEnvelope` or a payload that fails its contract is dead-lettered at
 * once; a failing handler or an unreachable database is retried by the RetryPolicy, then
 * dead-lettered; what cannot even be kept as a dead letter is terminated, with a log line (no
 * payload) and a metric. So nothing is redelivered forever, and nothing holds the consumer's
 * ack window.
 */
export class EventConsumer {
  private readonly log: Logger;
  private readonly handlers = new Map<string, Registered>();
  private readonly maxDeliver: number;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly deadLetters: DeadLetters,
    private readonly retry: RetryPolicy,
    private readonly service: string,
    /** Told after each commit of a new event (commands waiting for it run again). */
    private readonly onCommitted: (event: DomainEvent) => void = () => undefined,
  ) {
    this.log = new Logger(`${service}:consumer`);
    this.maxDeliver = maxDeliveries(retry);
  }

  /** The bound on deliveries the bus must enforce (JetStream `max_deliver`). */
  get maxDeliveries(): number {
    return this.maxDeliver;
  }

  register(
    consumer: string,
    rules: EnvelopeRules,
    handle: EventHandlerFn,
    options: HandlerOptions = {},
  ): (delivery: Delivery) => Promise<void> {
    this.handlers.set(consumer, { ...rules, ...options, handle });
    return (delivery) => this.onDelivery(consumer, delivery);
  }

  private async onDelivery(consumer: string, delivery: Delivery): Promise<void> {
    const registered = this.handlers.get(consumer)!;
    const checked = checkEnvelope(delivery, registered);
    if (!checked.ok) {
      const letter = storableLetter(checked.parsed, delivery.body);
      return this.giveUp(consumer, delivery, 'invalid envelope', checked.problem, letter);
    }
    const { event } = checked;
    try {
      if (registered.idempotent) await this.handleAlone(event, registered.handle);
      else await this.handleOnce(consumer, event, registered.handle);
      delivery.ack();
    } catch (err) {
      await this.onFailure(consumer, delivery, event, err);
    }
  }

  private async onFailure(
    consumer: string,
    delivery: Delivery,
    event: DomainEvent,
    err: unknown,
  ): Promise<void> {
    if (isContractFailure(err))
      return this.giveUp(consumer, delivery, 'invalid payload', describeFailure(err));
    handlerFailures.inc({ service: this.service, kind: 'event' });
    const n = delivery.attempt;
    const transient = isDatabaseUnavailable(err);
    const limit = transient ? this.retry.transientAttempts : this.retry.maxAttempts;
    if (n < limit) {
      const delay = transient ? this.retry.transientBackoffMs(n) : this.retry.backoffMs(n);
      this.log.warn(
        `${consumer} event ${event.id} failed (delivery ${n}), again in ${delay} ms: ${logged(err)}`,
      );
      return delivery.nak(delay);
    }
    this.log.error(`${consumer} event ${event.id} failed ${n} times: ${logged(err)}`);
    return transient
      ? this.giveUp(consumer, delivery, 'database unavailable', `after ${n} deliveries`)
      : this.giveUp(
          consumer,
          delivery,
          'handler failed',
          `${describeFailure(err)} (${n} deliveries)`,
        );
  }

  /**
   * Keeps the event as a dead letter and acks it. If that write fails because the database is
   * away, the delivery is retried while the bus still allows; otherwise it is terminated.
   * `letter` defaults to the envelope of a delivery that passed the check, parsed again: only on
   * this rare path, so the hot path keeps the event and not the envelope.
   */
  private async giveUp(
    consumer: string,
    delivery: Delivery,
    verdict: Verdict,
    detail: string,
    letter: StorableLetter = storableLetter(JSON.parse(delivery.body), delivery.body),
  ): Promise<void> {
    const reason = `${verdict}: ${detail}`;
    const label = { service: this.service, reason: verdict };
    try {
      await this.deadLetters.add({
        consumer,
        type: this.handlers.get(consumer)!.type,
        reason,
        attempts: delivery.attempt,
        ...letter,
      });
      // Retried failures were logged with their error already; a broken contract is told here.
      if (verdict === 'invalid envelope' || verdict === 'invalid payload')
        this.log.warn(`${consumer} dead-lettered event ${letter.eventId ?? '(no id)'}: ${reason}`);
      deadLettered.inc(label);
      delivery.ack();
    } catch (err) {
      if (isDatabaseUnavailable(err) && delivery.attempt < this.maxDeliver) {
        const delay = this.retry.transientBackoffMs(delivery.attempt);
        this.log.warn(
          `${consumer} cannot keep a dead letter yet, again in ${delay} ms: ${logged(err)}`,
        );
        return delivery.nak(delay);
      }
      this.log.error(
        `${consumer} terminated event ${letter.eventId ?? '(no id)'} (${reason}): it cannot be kept as a dead letter: ${logged(err)}`,
      );
      terminated.inc(label);
      delivery.term();
    }
  }

  /**
   * Runs a dead letter through its consumer again: checked as on arrival, then handled; on
   * success it is removed, with an audit row, in the handler's transaction. A failure leaves it,
   * with the new reason.
   */
  async replay(tenantId: string, id: string, actor: string): Promise<ReplayOutcome> {
    const letter = await this.deadLetters.get(tenantId, id);
    if (!letter) return { outcome: 'not_found' };
    const reason = await this.replayLetter(letter, actor);
    if (reason === undefined) return { outcome: 'replayed' };
    await this.deadLetters.recordFailure(id, reason);
    return { outcome: 'failed', reason };
  }

  /** Why the replay failed, or undefined when it succeeded. */
  private async replayLetter(letter: DeadLetterView, actor: string): Promise<string | undefined> {
    const registered = this.handlers.get(letter.consumer);
    if (!registered) return `invalid envelope: no consumer ${letter.consumer} in this service`;
    const body = JSON.stringify(letter.envelope);
    const checked = checkEnvelope({ subject: eventSubject(registered.type), body }, registered);
    if (!checked.ok) return `invalid envelope: ${checked.problem}`;
    try {
      await this.handleOnce(letter.consumer, checked.event, registered.handle, (tx) =>
        this.deadLetters.replayed(tx.manager, letter, actor),
      );
      return undefined;
    } catch (err) {
      this.log.warn(`replay of dead letter ${letter.id} failed: ${logged(err)}`);
      if (isContractFailure(err)) return `invalid payload: ${describeFailure(err)}`;
      return isDatabaseUnavailable(err)
        ? 'database unavailable'
        : `handler failed: ${describeFailure(err)}`;
    }
  }

  private async handleOnce(
    consumer: string,
    event: DomainEvent,
    handle: EventHandlerFn,
    alsoInTx?: (tx: Tx) => Promise<void>,
  ): Promise<void> {
    const handled = await this.uow.run(
      { tenantId: event.tenantId, correlationId: event.correlationId, causationId: event.id },
      async (tx) => {
        const inserted: unknown[] = await tx.manager.query(
          'INSERT INTO inbox (consumer, event_id, tenant_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id',
          [consumer, event.id, event.tenantId],
        );
        if (inserted.length > 0) await handle(event, tx);
        await alsoInTx?.(tx);
        return inserted.length > 0;
      },
    );
    if (handled) this.onCommitted(event);
  }

  /** An idempotent handler (HandlerOptions): no inbox, no transaction. */
  private async handleAlone(event: DomainEvent, handle: EventHandlerFn): Promise<void> {
    await this.uow.alone(
      { tenantId: event.tenantId, correlationId: event.correlationId, causationId: event.id },
      (tx) => handle(event, tx),
    );
    this.onCommitted(event);
  }
}

/** An error for the log: its message (a database error's text too), never the event's payload. */
function logged(err: unknown): string {
  const e = err as { code?: unknown; message?: string } | undefined;
  const code = typeof e?.code === 'string' ? `${e.code} ` : '';
  return `${code}${err instanceof Error ? err.message : String(err)}`.slice(0, 500);
}
