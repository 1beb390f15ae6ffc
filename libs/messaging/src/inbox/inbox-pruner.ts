import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/**
 * How long an inbox row is kept. It must exceed the event stream's max age (30 days by default):
 * a row exists to recognise a redelivery, and the stream can deliver an event again (a consumer
 * recreated or reset, a replay) for as long as it keeps it; a row pruned before then would let
 * that event take effect twice. Beyond the stream's age nothing can bring the event back.
 */
export const DEFAULT_INBOX_RETENTION_MS = 35 * 24 * 3600_000;

const EVERY_MS = 3600_000;
/** Rows deleted per statement, so that no statement holds the (PGlite: only) connection long. */
const BATCH = 1000;

/**
 * Deletes inbox rows older than the retention, hourly and at start. There is no index on
 * `handled_at`: an hourly scan of a table bounded by the retention costs less than an index
 * written with every event.
 */
export class InboxPruner {
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly retentionMs: number,
    service: string,
  ) {
    this.log = new Logger(`${service}:inbox`);
  }

  start(): void {
    const run = () => {
      this.running = this.prune().then(
        (n) => void (n > 0 && this.log.log(`pruned ${n} inbox rows past the retention`)),
        (err: Error) => this.log.warn(`pruning the inbox failed, will retry: ${err.message}`),
      );
    };
    run();
    this.timer = setInterval(run, EVERY_MS).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Deletes the rows past the retention; how many. */
  async prune(): Promise<number> {
    let total = 0;
    for (;;) {
      // TypeORM answers a DELETE with [rows, affected].
      const [, deleted] = (await this.dataSource.query(
        `DELETE FROM inbox WHERE ctid IN (
           SELECT ctid FROM inbox WHERE handled_at < now() - ($1 || ' milliseconds')::interval LIMIT ${BATCH}
         )`,
        [String(this.retentionMs)],
      )) as [unknown, number];
      total += deleted;
      if (deleted < BATCH || !this.dataSource.isInitialized) return total;
    }
  }
}
