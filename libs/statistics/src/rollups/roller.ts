import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ROLL_STATEMENT } from './roll-statement';

/** Cases taken per statement: big enough to amortise the round trip, small enough to be brief. */
export const ROLL_BATCH = 2000;
/** How often the roller looks for changed facts when it found none the last time. */
const IDLE_MS = 500;
/** Only one roller at a time across replicas: concurrent rollers would wait on rollup rows. */
export const ROLLER_LOCK = 0x5a7a_0001;

/**
 * Keeps the rollups current: whenever facts have changed (`case_fact.dirty`), it applies their
 * difference in batches (ROLL_STATEMENT), until none is left, then looks again after IDLE_MS.
 * Tables are therefore at most about a second behind the events. The rebuild (rebuild.ts) only
 * empties the rollups and marks every case dirty: the roller does the work, in any replica, and
 * goes on after a restart.
 */
@Injectable()
export class RollupRoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('statistics:roller');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then(() => undefined)
        .catch((err: Error) => this.log.warn(`rolling up failed, will retry: ${err.message}`))
        .finally(() => this.schedule(IDLE_MS));
    }, ms);
  }

  /** Rolls batches until a batch comes back short; how many cases it took. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const taken = await this.rollOnce();
      total += taken;
      if (taken < ROLL_BATCH || this.stopped) return total;
    }
  }

  /** One batch in one transaction under the roller lock; 0 when another roller holds it. */
  async rollOnce(batch = ROLL_BATCH): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const [{ locked }] = await m.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
        ROLLER_LOCK,
      ]);
      if (!locked) return 0;
      const [{ taken }] = await m.query(ROLL_STATEMENT, [batch]);
      // A short batch means the backlog is drained: a rebuild that was running is done.
      await m.query(
        `UPDATE rollup_state SET
           rolled_at = CASE WHEN $1 > 0 THEN now() ELSE rolled_at END,
           rebuild_state = CASE WHEN rebuild_state = 'running' AND rebuild_total IS NOT NULL AND $1 < $2
                                THEN 'done'
                                ELSE rebuild_state END,
           rebuild_finished_at = CASE WHEN rebuild_state = 'running' AND rebuild_total IS NOT NULL
                                      AND $1 < $2 THEN now()
                                      ELSE rebuild_finished_at END
         WHERE id = 1 AND ($1 > 0 OR rebuild_state = 'running')`,
        [taken, batch],
      );
      return taken as number;
    });
  }
}
