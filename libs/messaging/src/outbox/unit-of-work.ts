import type { DataSource, EntityManager } from 'typeorm';
import { validatePayload, type EventDefinition } from '@balanse/contracts';
import { newEvent, toCloudEvent, type DomainEvent, type EventMeta } from '../events/domain-event';
import { OutboxRecord } from '../entities';

/** A transaction in progress: its EntityManager, and `emit` to add events to the outbox in it. */
export class Tx {
  constructor(
    readonly manager: EntityManager,
    readonly meta: EventMeta,
    private readonly source: string,
  ) {}

  get tenantId(): string {
    return this.meta.tenantId;
  }

  /** Writes the event to the outbox in this transaction; the relay publishes it after commit. */
  async emit<T extends object>(
    definition: EventDefinition<T>,
    subject: string,
    data: T,
  ): Promise<DomainEvent<T>> {
    validatePayload(definition.payload, data); // a bad payload is our bug: fail the transaction
    const event = newEvent(definition.type, this.source, subject, data, this.meta);
    await this.manager.insert(OutboxRecord, {
      id: event.id,
      tenantId: event.tenantId,
      type: event.type,
      envelope: toCloudEvent(event) as never,
    });
    return event;
  }
}

/** Runs a state change and the events it causes in one transaction, then wakes the relay. */
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    /** CloudEvents `source` of the events this service emits, e.g. `/balanse/identify`. */
    private readonly source: string,
    private readonly afterCommit: () => void,
  ) {}

  async run<T>(meta: EventMeta, work: (tx: Tx) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction((manager) =>
      work(new Tx(manager, meta, this.source)),
    );
    this.afterCommit();
    return result;
  }
}
