import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, validatePayload, type EventDefinition } from '@balanse/contracts';
import { fromCloudEvent, type DomainEvent } from '../events/domain-event';
import type { DeadLetters } from '../dead-letters/dead-letters';
import type { Tx, UnitOfWork } from '../outbox/unit-of-work';
import type { Delivery } from '../transport/transport';

export type EventHandlerFn<T = unknown> = (event: DomainEvent<T>, tx: Tx) => Promise<void>;

export interface RetryPolicy {
  /** Deliveries before an event is dead-lettered. */
  maxAttempts: number;
  /** Delay before delivery n+1, in ms. */
  backoffMs(attempt: number): number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  backoffMs: (attempt) => Math.min(30_000, 250 * 2 ** (attempt - 1)),
};

interface Registered {
  definition: EventDefinition;
  handle: EventHandlerFn;
}

/**
 * Runs event handlers with the inbox guarantee: the inbox row and the handler's effect commit
 * together, and the delivery is acked only after that commit. Failures are redelivered with
 * backoff up to `maxAttempts`, then kept as dead letters; a payload that fails validation is
 * dead-lettered at once, since retrying cannot fix it.
 */
export class EventConsumer {
  private readonly log: Logger;
  private readonly handlers = new Map<string, Registered>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly deadLetters: DeadLetters,
    private readonly retry: RetryPolicy,
    service: string,
  ) {
    this.log = new Logger(`${service}:consumer`);
  }

  register(
    consumer: string,
    definition: EventDefinition,
    handle: EventHandlerFn,
  ): (delivery: Delivery) => Promise<void> {
    this.handlers.set(consumer, { definition, handle });
    return (delivery) => this.onDelivery(consumer, delivery);
  }

  private async onDelivery(consumer: string, delivery: Delivery): Promise<void> {
    const { definition, handle } = this.handlers.get(consumer)!;
    let event: DomainEvent;
    try {
      event = this.parse(definition, delivery.envelope);
    } catch (err) {
      const raw = (delivery.envelope ?? {}) as Record<string, unknown>;
      const eventId = typeof raw['id'] === 'string' && isUuid(raw['id']) ? raw['id'] : randomUUID();
      const tenantId = typeof raw['tenantid'] === 'string' ? raw['tenantid'] : '_unknown';
      this.log.error(`rejected ${definition.type} ${eventId}: ${describe(err)}`);
      await this.deadLetters.add({
        consumer,
        eventId,
        tenantId,
        type: definition.type,
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
      if (delivery.attempt >= this.retry.maxAttempts) {
        this.log.error(
          `dead-lettered ${event.type} ${event.id} after ${delivery.attempt} attempts: ${describe(err)}`,
        );
        await this.deadLetters.add({
          consumer,
          eventId: event.id,
          tenantId: event.tenantId,
          type: event.type,
          envelope: delivery.envelope as Record<string, unknown>,
          error: describe(err),
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
      const event = this.parse(registered.definition, letter.envelope);
      await this.handleOnce(letter.consumer, event, registered.handle, (tx) =>
        this.deadLetters.remove(tx.manager, id),
      );
    } catch (err) {
      await this.deadLetters.recordFailure(id, describe(err));
      throw err;
    }
    return 'replayed';
  }

  private parse(definition: EventDefinition, envelope: unknown): DomainEvent {
    const event = fromCloudEvent(envelope);
    if (event.type !== definition.type)
      throw new Error(`expected ${definition.type}, got ${event.type}`);
    return { ...event, data: validatePayload(definition.payload, event.data) };
  }

  private async handleOnce(
    consumer: string,
    event: DomainEvent,
    handle: EventHandlerFn,
    alsoInTx?: (tx: Tx) => Promise<void>,
  ): Promise<void> {
    await this.uow.run(
      { tenantId: event.tenantId, correlationId: event.correlationId, causationId: event.id },
      async (tx) => {
        const inserted: unknown[] = await tx.manager.query(
          'INSERT INTO inbox (consumer, event_id, tenant_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id',
          [consumer, event.id, event.tenantId],
        );
        if (inserted.length > 0) await handle(event, tx);
        await alsoInTx?.(tx);
      },
    );
  }
}

function describe(err: unknown): string {
  if (err instanceof DomainError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
