import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { EventTransport } from '../transport/transport';
import type { OutboxRow } from './unit-of-work';

export interface RelayOptions {
  /** How often to look for unpublished rows that were not handed over (rows from before a restart, or another replica's). */
  pollMs: number;
  batchSize: number;
  /** Published rows older than this are deleted. */
  retentionMs: number;
  /** Published rows are marked in one UPDATE at most this often (or once a batch is full). */
  markMs: number;
  /**
   * Publishes awaiting the transport at once (default 256). Rows beyond wait in memory up to as
   * many again; rows a commit hands over beyond that are left to the poll (they are in the
   * outbox anyway).
   */
  maxInFlight?: number;
}

export const DEFAULT_RELAY_MAX_IN_FLIGHT = 256;

/**
 * Publishes outbox rows and marks each published once the transport has accepted it (JetStream:
 * stored; in-process: handled by every consumer). Rows a commit wrote are handed over in memory
 * (`kick(rows)`), so the common path never reads the outbox; a poll every `pollMs` finds the rest.
 * The event id is the `Nats-Msg-Id`, so a row published twice (a crash before its mark, or a
 * poll racing a hand-over) is dropped by JetStream's deduplication and, beyond its window, by
 * the consumers' inboxes.
 */
export class OutboxRelay {
  private readonly log: Logger;
  private running = false;
  /** Rows being published, or published and not yet marked (so they are not picked up again). */
  private readonly inFlight = new Set<string>();
  /** Rows handed over by commits, waiting to be published. */
  private readonly ready: OutboxRow[] = [];
  /** Published rows waiting to be marked, in one UPDATE per pass. */
  private readonly published: string[] = [];
  private wake: (() => void) | undefined;
  private loopDone: Promise<void> | undefined;
  private lastSweep = 0;
  private lastMark = 0;
  private lookNow = true;
  private pausedUntil = 0;
  /** Publishes the transport has not answered yet (at most `maxInFlight`). */
  private publishing = 0;
  private readonly maxInFlight: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: EventTransport,
    private readonly options: RelayOptions,
    service: string,
  ) {
    this.log = new Logger(`${service}:outbox`);
    this.maxInFlight = options.maxInFlight ?? DEFAULT_RELAY_MAX_IN_FLIGHT;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Called after a commit that wrote `rows`; without rows, look in the outbox now. */
  kick(rows?: OutboxRow[]): void {
    if (rows && this.ready.length + rows.length > this.maxInFlight) this.lookNow = true;
    else if (rows) {
      for (const row of rows) {
        if (this.inFlight.has(row.id)) continue;
        this.inFlight.add(row.id);
        this.ready.push(row);
      }
    } else this.lookNow = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loopDone;
    await this.markPublished().catch(() => undefined);
  }

  private async loop(): Promise<void> {
    let lastLook = 0;
    while (this.running) {
      const pause = this.pausedUntil - Date.now();
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
      try {
        this.publishReady();
        if (this.markDue()) await this.markPublished();
        if (this.lookNow || Date.now() - lastLook >= this.options.pollMs) {
          this.lookNow = false;
          lastLook = Date.now();
          if ((await this.publishBatch()) >= this.options.batchSize) this.lookNow = true;
        }
        await this.sweep();
      } catch (err) {
        if (!this.running) break;
        this.log.warn(`relay pass failed, retrying: ${(err as Error).message}`);
        await this.sleep(1000);
      }
      if (this.canPublish() || this.lookNow) continue;
      const untilLook = lastLook + this.options.pollMs - Date.now();
      const untilMark =
        this.published.length > 0 ? this.lastMark + this.options.markMs - Date.now() : Infinity;
      await this.sleep(Math.max(0, Math.min(untilLook, untilMark)));
    }
  }

  private markDue(): boolean {
    return (
      this.published.length >= this.options.batchSize ||
      (this.published.length > 0 && Date.now() - this.lastMark >= this.options.markMs)
    );
  }

  /** Rows the outbox holds that nobody handed over. */
  private async publishBatch(): Promise<number> {
    if (this.inFlight.size >= this.options.batchSize * 4 || this.ready.length > 0) return 0;
    const rows: OutboxRow[] = await this.dataSource.query(
      'SELECT id, envelope FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1',
      [this.options.batchSize + this.inFlight.size],
    );
    const fresh = rows.filter((row) => !this.inFlight.has(row.id));
    for (const row of fresh) this.inFlight.add(row.id);
    this.ready.push(...fresh);
    this.publishReady();
    return fresh.length;
  }

  private canPublish(): boolean {
    return this.ready.length > 0 && this.publishing < this.maxInFlight;
  }

  private publishReady(): void {
    while (this.canPublish()) {
      const row = this.ready.shift()!;
      this.publishing++;
      this.transport
        .publish(row.envelope)
        .then(
          () => {
            this.published.push(row.id);
          },
          (err: Error) => {
            this.inFlight.delete(row.id); // the poll finds it again
            this.pausedUntil = Date.now() + 1000; // the transport is failing: no tight retry loop
            if (this.running)
              this.log.warn(
                `publishing ${row.envelope.type} ${row.id} failed, will retry: ${err.message}`,
              );
          },
        )
        .finally(() => {
          this.publishing--;
          // Room for the rows waiting, or the first of a batch to mark: let the loop run.
          if (this.ready.length > 0 || this.published.length === 1) this.wake?.();
        });
    }
  }

  private async markPublished(): Promise<void> {
    if (this.published.length === 0) return;
    this.lastMark = Date.now();
    const ids = this.published.splice(0);
    try {
      await this.dataSource.query(
        'UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[])',
        [ids],
      );
    } finally {
      for (const id of ids) this.inFlight.delete(id); // on failure they are published again: deduplicated
    }
  }

  private async sweep(): Promise<void> {
    if (Date.now() - this.lastSweep < 60_000) return;
    this.lastSweep = Date.now();
    await this.dataSource.query(
      `DELETE FROM outbox WHERE published_at < now() - ($1 || ' milliseconds')::interval`,
      [String(this.options.retentionMs)],
    );
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }
}
