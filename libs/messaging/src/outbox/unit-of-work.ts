import type { DataSource, EntityManager } from 'typeorm';
import { validatePayload, type EventDefinition } from '@balanse/contracts';
import { newEvent, toCloudEvent, type DomainEvent, type EventMeta } from '../events/domain-event';

/** An outbox row as the relay publishes it. */
export interface OutboxRow {
  id: string;
  envelope: Record<string, unknown> & { id: string; type: string };
}

/** A transaction in progress: its EntityManager, and `emit` to add events to the outbox in it. */
export class Tx {
  constructor(
    readonly manager: EntityManager,
    readonly meta: EventMeta,
    private readonly source: string,
  ) {}

  /** Outbox rows written in this transaction so far, handed to the relay after commit. */
  readonly written: OutboxRow[] = [];

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
    const envelope = toCloudEvent(event) as OutboxRow['envelope'];
    await this.manager.query(
      'INSERT INTO outbox (id, tenant_id, type, envelope) VALUES ($1, $2, $3, $4)',
      [event.id, event.tenantId, event.type, JSON.stringify(envelope)],
    );
    this.written.push({ id: event.id, envelope });
    return event;
  }
}

/**
 * Runs a state change and the events it causes in one transaction, then hands the rows it wrote
 * to the relay, which publishes them without reading them back.
 */
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    /** CloudEvents `source` of the events this service emits, e.g. `/balanse/identify`. */
    private readonly source: string,
    private readonly afterCommit: (rows: OutboxRow[]) => void,
  ) {}

  async run<T>(meta: EventMeta, work: (tx: Tx) => Promise<T>): Promise<T> {
    let tx: Tx | undefined;
    const result = await this.dataSource.transaction((manager) => {
      tx = new Tx(manager, meta, this.source);
      return work(tx);
    });
    if (tx && tx.written.length > 0) this.afterCommit(tx.written);
    return result;
  }
}
