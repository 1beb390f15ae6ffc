import type { DataSource, EntityManager } from 'typeorm';
import { validatePayload, type EventDefinition } from '@balanse/contracts';
import { newEvent, toCloudEvent, type DomainEvent, type EventMeta } from '../events/domain-event';
import { MAX_EVENT_BYTES } from '../inbox/envelope-check';
import { claimKey, idempotencyScope, KeyPruner, storeReply } from '../idempotency/idempotency';

/** An outbox row as the relay publishes it. */
export interface OutboxRow {
  id: string;
  envelope: Record<string, unknown> & { id: string; type: string };
}

/**
 * A transaction in progress: its EntityManager, and `emit` to add events to the outbox in it.
 * Without a transaction (`UnitOfWork.alone`), each statement commits by itself and `emit` fails.
 */
export class Tx {
  constructor(
    readonly manager: EntityManager,
    readonly meta: EventMeta,
    private readonly source: string,
    private readonly transactional = true,
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
    return (await this.emitMany(definition, [{ subject, data }]))[0]!;
  }

  /** Several events of one type in one statement (a bulk chunk's cases), in order. */
  async emitMany<T extends object>(
    definition: EventDefinition<T>,
    events: ReadonlyArray<{ subject: string; data: T }>,
  ): Promise<DomainEvent<T>[]> {
    if (events.length === 0) return [];
    if (!this.transactional)
      throw new Error(`${definition.type}: an event is only written in a transaction`);
    const written = events.map(({ subject, data }) => {
      validatePayload(definition.payload, data); // a bad payload is our bug: fail the transaction
      const event = newEvent(definition.type, this.source, subject, data, this.meta);
      const envelope = toCloudEvent(event) as OutboxRow['envelope'];
      const json = JSON.stringify(envelope);
      // Consumers refuse a larger one (envelope-check): our bug, fail here, not at them.
      if (Buffer.byteLength(json) > MAX_EVENT_BYTES)
        throw new Error(`a ${definition.type} event is over the limit of ${MAX_EVENT_BYTES} bytes`);
      return { event, envelope, json };
    });
    await this.manager.query(
      `INSERT INTO outbox (id, tenant_id, type, envelope)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[])`,
      [
        written.map((w) => w.event.id),
        written.map((w) => w.event.tenantId),
        written.map((w) => w.event.type),
        written.map((w) => w.json),
      ],
    );
    for (const w of written) this.written.push({ id: w.event.id, envelope: w.envelope });
    return written.map((w) => w.event);
  }
}

/**
 * Runs a state change and the events it causes in one transaction, then hands the rows it wrote
 * to the relay, which publishes them without reading them back.
 *
 * Under a command's `Idempotency-Key` (`idempotencyScope`), the key is claimed first in the same
 * transaction and what `work` returns, which is then the command's reply, is stored with it
 * before commit: a repeat answers that reply and runs nothing (see `claimKey`).
 */
export class UnitOfWork {
  private readonly pruner: KeyPruner;

  constructor(
    private readonly dataSource: DataSource,
    /** CloudEvents `source` of the events this service emits, e.g. `/balanse/identify`. */
    private readonly source: string,
    private readonly afterCommit: (rows: OutboxRow[]) => void,
  ) {
    this.pruner = new KeyPruner(dataSource);
  }

  async run<T>(meta: EventMeta, work: (tx: Tx) => Promise<T>): Promise<T> {
    const keyed = idempotencyScope.getStore();
    const scope = keyed && !keyed.settled ? keyed : undefined;
    let tx: Tx | undefined;
    const result = await this.dataSource.transaction(async (manager) => {
      if (scope) {
        const stored = await claimKey(manager, scope);
        if (stored) return stored.reply as T;
      }
      tx = new Tx(manager, meta, this.source);
      const reply = await work(tx);
      if (scope) await storeReply(manager, scope, reply);
      return reply;
    });
    if (scope) {
      scope.settled = true;
      this.pruner.maybePrune();
    }
    // Consumers the relay reaches in-process must not run inside this command's scope.
    const written = tx?.written ?? [];
    if (written.length > 0) idempotencyScope.exit(() => this.afterCommit(written));
    return result;
  }

  /**
   * Runs `work` outside a transaction, each statement committing by itself: for an event handler
   * that is idempotent by itself (see EventConsumer), which writes no events.
   */
  alone<T>(meta: EventMeta, work: (tx: Tx) => Promise<T>): Promise<T> {
    return work(new Tx(this.dataSource.manager, meta, this.source, false));
  }
}
