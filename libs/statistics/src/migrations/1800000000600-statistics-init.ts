import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics' own database: anonymous facts written by the event consumers (`facts/`), and the
 * rollups every table is read from (`rollups/`). Unknown text dimensions are '' (never NULL), so
 * that they can be part of a rollup's primary key.
 */
export class StatisticsInit1800000000600 implements MigrationInterface {
  name = 'StatisticsInit1800000000600';

  async up(q: QueryRunner): Promise<void> {
    // One row per case, filled by whichever of its events arrives first (any order). `dirty`: the
    // rollups do not hold this row as it is now (the roller takes it, see rollups/roller.ts).
    await q.query(`
      CREATE TABLE case_fact (
        case_id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        standard_id uuid,
        standard_version text,
        need_id uuid,
        sector text,
        region text,
        opened_at timestamptz,
        identified_at timestamptz,
        documented_at timestamptz,
        assessed_at timestamptz,
        certified_at timestamptz,
        decision text,
        result text,
        met uuid[],
        partly_met uuid[],
        not_met uuid[],
        credential_id uuid,
        credential_status text,
        credential_status_at timestamptz,
        revoked_at timestamptz,
        dirty boolean NOT NULL DEFAULT true
      )`);
    await q.query(`CREATE INDEX case_fact_dirty ON case_fact (case_id) WHERE dirty`);
    await q.query(`CREATE INDEX case_fact_need ON case_fact (need_id) WHERE need_id IS NOT NULL`);

    // A competence need as identify last described it (need.recorded, need.changed).
    await q.query(`
      CREATE TABLE need_fact (
        need_id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        standard_id uuid NOT NULL,
        outcome_ids uuid[],
        people_min int,
        people_max int,
        skilled_min int,
        skilled_max int,
        sector text NOT NULL,
        region text,
        needed_by date NOT NULL,
        changed_at timestamptz NOT NULL
      )`);

    // Labels of standards and outcomes (standard.announced): not personal, shown in tables.
    await q.query(`
      CREATE TABLE standard_label (
        standard_id uuid NOT NULL,
        standard_version text NOT NULL,
        code text NOT NULL,
        title_nb text NOT NULL,
        title_en text NOT NULL,
        PRIMARY KEY (standard_id, standard_version)
      )`);
    await q.query(`
      CREATE TABLE outcome_label (
        outcome_id uuid PRIMARY KEY,
        standard_id uuid NOT NULL,
        code text NOT NULL,
        title_nb text NOT NULL,
        title_en text NOT NULL
      )`);

    // What the rollups hold of each case: its contribution as last rolled up, subtracted when
    // the case changes. Months are 'YYYY-MM'; lead times whole days (NULL: phase not closed).
    await q.query(`
      CREATE TABLE case_rolled (
        case_id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        standard_id text NOT NULL,
        standard_version text NOT NULL,
        sector text NOT NULL,
        region text NOT NULL,
        need_id text NOT NULL,
        month text NOT NULL,
        phase text NOT NULL,
        result text NOT NULL,
        identify_days int,
        document_days int,
        assess_days int,
        certify_days int,
        total_days int,
        met uuid[] NOT NULL,
        partly_met uuid[] NOT NULL,
        not_met uuid[] NOT NULL,
        issued_month text,
        issued_result text,
        revoked_month text,
        supply_month text,
        coverage text
      )`);

    const base = `tenant_id text NOT NULL, standard_id text NOT NULL, standard_version text NOT NULL,
      sector text NOT NULL, region text NOT NULL, need_id text NOT NULL, month text NOT NULL`;
    const key = `tenant_id, standard_id, standard_version, sector, region, need_id, month`;
    // Cases by their phase now and result ('' while open); month: opened.
    await q.query(`CREATE TABLE stat_cases (${base}, phase text NOT NULL, result text NOT NULL,
      n int NOT NULL, PRIMARY KEY (${key}, phase, result))`);
    // A histogram per closed phase ('total': opened to completed) in whole days; month: opened.
    await q.query(`CREATE TABLE stat_lead_times (${base}, phase text NOT NULL, days int NOT NULL,
      n int NOT NULL, PRIMARY KEY (${key}, phase, days))`);
    // Judgements per outcome (met, partly_met, not_met) of assessed cases; month: opened.
    await q.query(`CREATE TABLE stat_outcomes (${base}, outcome_id uuid NOT NULL,
      judgement text NOT NULL, n int NOT NULL, PRIMARY KEY (${key}, outcome_id, judgement))`);
    // Credentials issued and revoked (event), by result; month: of the event.
    await q.query(`CREATE TABLE stat_credentials (${base}, event text NOT NULL,
      result text NOT NULL, n int NOT NULL, PRIMARY KEY (${key}, event, result))`);
    // Cases that meet a need's outcomes in full or in part (coverage); month: completed.
    await q.query(`CREATE TABLE stat_supply (${base}, coverage text NOT NULL, n int NOT NULL,
      PRIMARY KEY (${key}, coverage))`);

    // When the rollups last took in changes, and the rebuild's progress (one row).
    await q.query(`
      CREATE TABLE rollup_state (
        id int PRIMARY KEY CHECK (id = 1),
        rolled_at timestamptz,
        rebuild_id uuid,
        rebuild_state text,
        rebuild_total int,
        rebuild_done int,
        rebuild_started_at timestamptz,
        rebuild_finished_at timestamptz,
        rebuild_error text
      )`);
    await q.query(`INSERT INTO rollup_state (id) VALUES (1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'rollup_state',
      'stat_supply',
      'stat_credentials',
      'stat_outcomes',
      'stat_lead_times',
      'stat_cases',
      'case_rolled',
      'outcome_label',
      'standard_label',
      'need_fact',
      'case_fact',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
