import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, ErrorCode, isUuid } from '@balanse/contracts';
import { fromCloudEvent, type DomainEvent } from '../events/domain-event';
import type { DeadLetters } from '../dead-letters/dead-letters';
import type { Tx, UnitOfWork } from '../outbox/unit-of-work';
import type { Delivery } from '../transport/transport';

export type EventHandlerFn = (event: DomainEvent, tx: Tx) => Promise<void>;

export interface RetryPolicy {
  /** Deliveries before an event is dead-lettered. */
  maxAttempts: number;
  /** Delay before delivery n+1, in ms. */
  backoffMs(attempt: number): number;
}

/** 250 ms, doubling, at most 30 s between deliveries; `maxAttempts` deliveries in all. */
export function retryPolicy(maxAttempts = 5): RetryPolicy {
  return { maxAttempts, backoffMs: (attempt) => Math.min(30_000, 250 * 2 ** (attempt - 1)) };
}

/**
 * Runs event handlers with the inbox guarantee: the inbox row and the handler's effect commit
 * together, and the delivery is acked only after that commit. Failures are redelivered with
 * backoff up to `maxAttempts`, then kept as dead letters; an event that breaks its contract
 * (not a CloudEvent, or a payload that fails validation) is dead-lettered at once, since
 * retrying cannot fix it.
 */
export class EventConsumer {
  private readonly log: Logger;
  private readonly handlers = new Map<string, { type: string; handle: EventHandlerFn }>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly deadLetters: DeadLetters,
    private readonly retry: RetryPolicy,
    service: string,
    /** Told after each commit of a new event (commands waiting for it run again). */
    private readonly onCommitted: (event: DomainEvent) => void = () => undefined,
  ) {
    this.log = new Logger(`${service}:consumer`);
  }

  register(
    consumer: string,
    type: string,
    handle: EventHandlerFn,
  ): (delivery: Delivery) => Promise<void> {
    this.handlers.set(consumer, { type, handle });
    return (delivery) => this.onDelivery(consumer, delivery);
  }

  private async onDelivery(consumer: string, delivery: Delivery): Promise<void> {
    const { type, handle } = this.handlers.get(consumer)!;
    let event: DomainEvent;
    try {
      event = parse(type, delivery.envelope);
    } catch (err) {
      const raw = (delivery.envelope ?? {}) as Record<string, unknown>;
      const eventId = isUuid(raw['id']) ? raw['id'] : randomUUID();
      const tenantId = typeof raw['tenantid'] === 'string' ? raw['tenantid'] : '_unknown';
      this.log.error(`rejected ${type} ${eventId}: ${describe(err)}`);
      await this.deadLetters.add({
        consumer,
        eventId,
        tenantId,
        type,
        envelope: raw,
        error: `invalid event: ${describe(err)}`,
        attempts: delivery.attempt,
      });
      delivery.ack();
      return;
    }
    try {
      await this.handleOnce(consumer, event, handle);
      delivery.ack();
    } catch (err) {
      const broken = err instanceof DomainError && err.code === ErrorCode.VALIDATION_FAILED;
      if (broken || delivery.attempt >= this.retry.maxAttempts) {
        this.log.error(
          broken
            ? `rejected ${event.type} ${event.id}: payload breaks its contract: ${describe(err)}`
            : `dead-lettered ${event.type} ${event.id} after ${delivery.attempt} attempts: ${describe(err)}`,
        );
        await this.deadLetters.add({
          consumer,
          eventId: event.id,
          tenantId: event.tenantId,
          type: event.type,
          envelope: delivery.envelope as Record<string, unknown>,
          error: broken ? `invalid event: ${describe(err)}` : describe(err),
          attempts: delivery.attempt,
        });
        delivery.ack();
      } else {
        const delay = this.retry.backoffMs(delivery.attempt);
        this.log.warn(
          `${event.type} ${event.id} failed (attempt ${delivery.attempt}), retry in ${delay} ms: ${describe(err)}`,
        );
        delivery.nak(delay);
      }
    }
  }

  /** Replays a dead letter through its handler; on success the dead letter is removed in the same transaction. */
  async replay(tenantId: string, id: string): Promise<'replayed' | 'not_found'> {
    const letter = await this.deadLetters.get(tenantId, id);
    if (!letter) return 'not_found';
    const registered = this.handlers.get(letter.consumer);
    if (!registered) throw new Error(`no handler for consumer ${letter.consumer}`);
    try {
      const event = parse(registered.type, letter.envelope);
      await this.handleOnce(letter.consumer, event, registered.handle, (tx) =>
        this.deadLetters.remove(tx.manager, id),
      );
    } catch (err) {
      await this.deadLetters.recordFailure(id, describe(err));
      throw err;
    }
    return 'replayed';
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
}

/** The envelope as a DomainEvent of `type`; its payload is validated by the handler's pipe. */
function parse(type: string, envelope: unknown): DomainEvent {
  const event = fromCloudEvent(envelope);
  if (event.type !== type) throw new Error(`expected ${type}, got ${event.type}`);
  return event;
}

function describe(err: unknown): string {
  if (err instanceof DomainError) {
    const fields = err.fields?.map((f) => `${f.field}: ${f.message}`).join('; ');
    return `${err.code}: ${err.message}${fields ? ` (${fields})` : ''}`;
  }
  return err instanceof Error ? err.message : String(err);
}
