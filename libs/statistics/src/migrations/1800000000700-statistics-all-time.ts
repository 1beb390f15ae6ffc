import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The all-time rollups: keyed like their monthly ones without month, need and version. */
export const ALL_TIME = {
  stat_cases: 'phase, result',
  stat_lead_times: 'phase, days',
  stat_outcomes: 'outcome_id, judgement',
  stat_credentials: 'event, result',
} as const;

const COLUMNS: Record<string, string> = {
  phase: 'phase text NOT NULL',
  result: 'result text NOT NULL',
  days: 'days int NOT NULL',
  outcome_id: 'outcome_id uuid NOT NULL',
  judgement: 'judgement text NOT NULL',
  event: 'event text NOT NULL',
};

/**
 * Most national questions name neither a month nor a need nor a version ("outcomes by region"),
 * yet the monthly rollups make every such table group two years of months. These hold the same
 * counts summed over all time (`<rollup>_all`), 20-50 times fewer rows; the roller keeps them in
 * the same statement, and a table without month, need or version reads them.
 */
export class StatisticsAllTime1800000000700 implements MigrationInterface {
  name = 'StatisticsAllTime1800000000700';

  async up(q: QueryRunner): Promise<void> {
    const base = 'tenant_id, standard_id, sector, region';
    for (const [rollup, key] of Object.entries(ALL_TIME)) {
      const columns = key.split(', ').map((c) => COLUMNS[c]);
      await q.query(`CREATE TABLE ${rollup}_all (tenant_id text NOT NULL, standard_id text NOT NULL,
        sector text NOT NULL, region text NOT NULL, ${columns.join(', ')}, n int NOT NULL,
        PRIMARY KEY (${base}, ${key}))`);
      await q.query(`INSERT INTO ${rollup}_all (${base}, ${key}, n)
        SELECT ${base}, ${key}, sum(n)::int FROM ${rollup} GROUP BY ${base}, ${key}
        HAVING sum(n) <> 0`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const rollup of Object.keys(ALL_TIME)) await q.query(`DROP TABLE ${rollup}_all`);
  }
}
