import type { DataSource, EntityManager } from 'typeorm';
import { validatePayload, type EventDefinition } from '@balanse/contracts';
import { newEvent, toCloudEvent, type DomainEvent, type EventMeta } from '../events/domain-event';

/** A transaction in progress: its EntityManager, and `emit` to add events to the outbox in it. */
export class Tx {
  constructor(
    readonly manager: EntityManager,
    readonly meta: EventMeta,
    private readonly source: string,
  ) {}

  /** Events written in this transaction so far. */
  emitted = 0;

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
    await this.manager.query(
      'INSERT INTO outbox (id, tenant_id, type, envelope) VALUES ($1, $2, $3, $4)',
      [event.id, event.tenantId, event.type, JSON.stringify(toCloudEvent(event))],
    );
    this.emitted++;
    return event;
  }
}

/** Runs a state change and the events it causes in one transaction, then wakes the relay if it wrote any. */
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    /** CloudEvents `source` of the events this service emits, e.g. `/balanse/identify`. */
    private readonly source: string,
    private readonly afterCommit: () => void,
  ) {}

  async run<T>(meta: EventMeta, work: (tx: Tx) => Promise<T>): Promise<T> {
    let tx: Tx | undefined;
    const result = await this.dataSource.transaction((manager) => {
      tx = new Tx(manager, meta, this.source);
      return work(tx);
    });
    if (tx && tx.emitted > 0) this.afterCommit();
    return result;
  }
}
