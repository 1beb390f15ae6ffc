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
  private readonly inFlight = new Set<string>();
  private wake: (() => void) | undefined;
  private loopDone: Promise<void> | undefined;
  private lastSweep = 0;
  private kicked = false;

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

  /** Called after every commit that may have written events. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.kick();
    await this.loopDone;
  }

  /** Rows not yet published (for readiness and tests). */
  async pending(): Promise<number> {
    const rows: Array<{ n: string | number }> = await this.dataSource.query(
      'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL',
    );
    return Number(rows[0]?.n ?? 0);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let started = 0;
      this.kicked = false;
      try {
        started = await this.publishBatch();
        await this.sweep();
      } catch (err) {
        if (!this.running) break;
        this.log.warn(`relay pass failed, retrying: ${(err as Error).message}`);
        await this.sleep(1000);
      }
      if (started === 0 && !this.kicked) await this.sleep(this.options.pollMs);
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
        .then(() =>
          this.dataSource.query('UPDATE outbox SET published_at = now() WHERE id = $1', [row.id]),
        )
        .catch((err: Error) => {
          if (this.running)
            this.log.warn(
              `publishing ${row.envelope.type} ${row.id} failed, will retry: ${err.message}`,
            );
        })
        .finally(() => {
          this.inFlight.delete(row.id);
          this.kick();
        });
    }
    return fresh.length;
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
