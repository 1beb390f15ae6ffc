import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ALL_TIME } from '../migrations/1800000000700-statistics-all-time';
import { ROLLER_LOCK } from './roller';

export type RebuildState = 'idle' | 'running' | 'done' | 'failed';

/** A rebuild's progress (`GET /api/v1/statistics/rebuild`). */
export interface RebuildProgress {
  id: string | null;
  state: RebuildState;
  /** Cases to roll up again, and how many are done. */
  total: number;
  done: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

const ROLLUPS = [
  'stat_cases',
  'stat_lead_times',
  'stat_outcomes',
  'stat_credentials',
  'stat_supply',
  ...Object.keys(ALL_TIME).map((rollup) => `${rollup}_all`),
];

/**
 * Rebuilds every rollup from the facts: empties them and `case_rolled` and marks every case
 * dirty, in one transaction under the roller's lock; the roller (any replica) then rolls all of
 * them up again, and says when it is done. Progress is the cases no longer dirty. While it runs
 * the tables answer 503 (they would show part of the figures).
 */
@Injectable()
export class Rebuild {
  private readonly log = new Logger('statistics:rebuild');

  constructor(private readonly dataSource: DataSource) {}

  /** Starts a rebuild, or answers the one already running. */
  async start(): Promise<RebuildProgress> {
    const id = randomUUID();
    const claimed: unknown[] = await this.dataSource.query(
      `UPDATE rollup_state SET rebuild_id = $1, rebuild_state = 'running', rebuild_total = NULL,
         rebuild_started_at = now(), rebuild_finished_at = NULL, rebuild_error = NULL
       WHERE id = 1 AND rebuild_state IS DISTINCT FROM 'running' RETURNING id`,
      [id],
    );
    if (claimed.length > 0) {
      this.log.log(`rebuild ${id} started`);
      void this.empty(id);
    }
    return this.progress();
  }

  private async empty(id: string): Promise<void> {
    try {
      await this.dataSource.transaction(async (m) => {
        await m.query(`SELECT pg_advisory_xact_lock($1)`, [ROLLER_LOCK]);
        await m.query(`TRUNCATE ${ROLLUPS.join(', ')}, case_rolled`);
        const [{ total }] = await m.query(
          `WITH marked AS (UPDATE case_fact SET dirty = true RETURNING 1)
           SELECT count(*)::int AS total FROM marked`,
        );
        await m.query(
          `UPDATE rollup_state SET rebuild_total = $2 WHERE id = 1 AND rebuild_id = $1`,
          [id, total],
        );
      });
    } catch (err) {
      const message = (err as Error).message.slice(0, 500);
      this.log.error(`rebuild ${id} failed: ${message}`);
      await this.dataSource
        .query(
          `UPDATE rollup_state SET rebuild_state = 'failed', rebuild_error = $2,
             rebuild_finished_at = now() WHERE id = 1 AND rebuild_id = $1`,
          [id, message],
        )
        .catch(() => undefined);
    }
  }

  async progress(): Promise<RebuildProgress> {
    const [row] = await this.dataSource.query(
      `SELECT rebuild_id AS id, rebuild_state AS state, rebuild_total AS total,
         rebuild_started_at AS "startedAt", rebuild_finished_at AS "finishedAt",
         rebuild_error AS error,
         (SELECT count(*)::int FROM case_fact WHERE dirty) AS dirty
       FROM rollup_state WHERE id = 1`,
    );
    const total: number = row.total ?? 0;
    const state: RebuildState = row.state ?? 'idle';
    return {
      id: row.id,
      state,
      total,
      done: state === 'done' ? total : Math.max(0, total - row.dirty),
      startedAt: iso(row.startedAt),
      finishedAt: iso(row.finishedAt),
      error: row.error,
    };
  }

  async running(): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT rebuild_state = 'running' AS running FROM rollup_state WHERE id = 1`,
    );
    return row.running === true;
  }
}

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
