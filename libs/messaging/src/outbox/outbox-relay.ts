import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { EventTransport } from '../transport/transport';

export interface RelayOptions {
  /** How often to look for unpublished rows when nobody kicks the relay. */
  pollMs: number;
  batchSize: number;
  /** Published rows older than this are deleted. */
  retentionMs: number;
}

/**
 * Publishes outbox rows in order of writing and marks each published once the transport has
 * accepted it (JetStream: stored; in-process: handled by every consumer). The event id is the
 * `Nats-Msg-Id`, so a row published twice (crash before the mark) is dropped by JetStream's
 * deduplication and, beyond its window, by the consumers' inboxes.
 */
export class OutboxRelay {
  private readonly log: Logger;
  private running = false;
  /** Rows being published, or published and not yet marked (so they are not picked up again). */
  private readonly inFlight = new Set<string>();
  /** Published rows waiting to be marked, in one UPDATE per pass. */
  private readonly published: string[] = [];
  private wake: (() => void) | undefined;
  private loopDone: Promise<void> | undefined;
  private lastSweep = 0;
  private newRows = false;
  private pausedUntil = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: EventTransport,
    private readonly options: RelayOptions,
    service: string,
  ) {
    this.log = new Logger(`${service}:outbox`);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Called after a commit that wrote events: look for new rows now. */
  kick(): void {
    this.newRows = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.kick();
    await this.loopDone;
    await this.markPublished().catch(() => undefined);
  }

  private async loop(): Promise<void> {
    let lastLook = 0;
    while (this.running) {
      const pause = this.pausedUntil - Date.now();
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
      // Look for rows when a commit wrote some, or every pollMs (rows from before a restart,
      // or written by another replica); otherwise only mark what was published.
      const look = this.newRows || Date.now() - lastLook >= this.options.pollMs;
      this.newRows = false;
      try {
        await this.markPublished();
        if (look) {
          lastLook = Date.now();
          if ((await this.publishBatch()) >= this.options.batchSize) this.newRows = true;
        }
        await this.sweep();
      } catch (err) {
        if (!this.running) break;
        this.log.warn(`relay pass failed, retrying: ${(err as Error).message}`);
        await this.sleep(1000);
      }
      if (!this.newRows && this.published.length === 0) await this.sleep(this.options.pollMs);
    }
  }

  private async publishBatch(): Promise<number> {
    if (this.inFlight.size >= this.options.batchSize * 4) return 0;
    const rows: Array<{
      id: string;
      envelope: Record<string, unknown> & { id: string; type: string };
    }> = await this.dataSource.query(
      'SELECT id, envelope FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1',
      [this.options.batchSize + this.inFlight.size],
    );
    const fresh = rows.filter((row) => !this.inFlight.has(row.id));
    for (const row of fresh) {
      this.inFlight.add(row.id);
      this.transport
        .publish(row.envelope)
        .then(
          () => this.published.push(row.id),
          (err: Error) => {
            this.inFlight.delete(row.id);
            this.pausedUntil = Date.now() + 1000; // the transport is failing: no tight retry loop
            if (this.running)
              this.log.warn(
                `publishing ${row.envelope.type} ${row.id} failed, will retry: ${err.message}`,
              );
          },
        )
        .finally(() => this.wake?.());
    }
    return fresh.length;
  }

  private async markPublished(): Promise<void> {
    if (this.published.length === 0) return;
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
