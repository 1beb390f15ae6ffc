/**
 * Statistics tables benchmark: fills the rollups as about a million cases would (generated in SQL,
 * seeded), then asks each table with several `by` many times and prints, per query, the p50 and
 * p99 of the whole answer and of its parts: the SQL (TableRollups) and disclosure control with
 * the table built around it (buildTable, protectTable inside), plus the cells and the JSON size,
 * and an answer asked again before the rollups change (`kept`: TableQueriesService's cache).
 *
 *   node -r ./tools/swc-register.cjs tools/bench/statistics-tables.ts [--pg URL] [--runs N]
 *     [--scale F] [--only 'cases?by=region'] [--keep]
 *
 * Without `--pg` it runs on PGlite in memory (the embedded mode's engine); with it, on a fresh
 * database created (and dropped) on that PostgreSQL server, e.g. postgres://postgres@127.0.0.1/postgres.
 */
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { StatisticsQueryDto, validatePayload } from '@balanse/contracts';
import { openServiceDataSource } from '@balanse/persistence';
import {
  buildTable,
  disclosureRules,
  StatisticsInit1800000000600,
  StatisticsRules,
  TableQueriesService,
  TableRollups,
  tablePlan,
  tableSpec,
} from '@balanse/statistics';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
};
const pgUrl = arg('--pg');
const runs = Number(arg('--runs') ?? 30);
const scale = Number(arg('--scale') ?? 1);
const only = arg('--only');
/** Keep the database afterwards (for EXPLAIN), printing its name. */
const keep = args.includes('--keep');

/** Rollup rows for about 1,000,000 cases (n averages 4.5 in stat_cases). */
const ROWS = {
  stat_cases: 250_000,
  stat_lead_times: 300_000,
  stat_outcomes: 500_000,
  stat_credentials: 100_000,
  stat_supply: 50_000,
};

const pick = (list: string[]) =>
  `(ARRAY[${list.map((s) => `'${s}'`).join(',')}])[1 + floor(random() * ${list.length})::int]`;
const BASE = `'t' || floor(random() * 200)::int,
  '00000000-0000-4000-8000-0000000000' || lpad(floor(random() * 10)::int::text, 2, '0'),
  (1 + floor(random() * 2)::int)::text,
  ${pick(['86', '85', '47', '41', 'C', '27.20', '49', '56', '62', '84'])},
  ${pick(['03', '11', '15', '18', '31', '32', '33', '34', '39', '40', '42', '46', '50', '55', '56', ''])},
  CASE WHEN random() < 0.7 THEN '' ELSE 'b0000000-0000-4000-8000-0000000000' || lpad(floor(random() * 50)::int::text, 2, '0') END,
  to_char(date '2024-01-01' + floor(random() * 36)::int * interval '1 month', 'YYYY-MM')`;
const BASE_COLUMNS = 'tenant_id, standard_id, standard_version, sector, region, need_id, month';

async function fill(db: DataSource): Promise<void> {
  const rows = (table: keyof typeof ROWS) => Math.round(ROWS[table] * scale);
  await db.query(`SELECT setseed(0.42)`);
  await db.query(
    `INSERT INTO stat_cases (${BASE_COLUMNS}, phase, result, n)
     SELECT ${BASE}, p, CASE WHEN p = 'completed' THEN ${pick(['certified', 'partial', 'not_certified'])} ELSE '' END,
            1 + floor(random() * 8)::int
       FROM (SELECT ${pick(['identify', 'document', 'assess', 'certify', 'completed'])} AS p
               FROM generate_series(1, ${rows('stat_cases')})) g
     ON CONFLICT DO NOTHING`,
  );
  await db.query(
    `INSERT INTO stat_lead_times (${BASE_COLUMNS}, phase, days, n)
     SELECT ${BASE}, ${pick(['identify', 'document', 'assess', 'certify', 'total'])},
            floor(random() * random() * 200)::int, 1 + floor(random() * 5)::int
       FROM generate_series(1, ${rows('stat_lead_times')}) ON CONFLICT DO NOTHING`,
  );
  await db.query(
    `INSERT INTO stat_outcomes (${BASE_COLUMNS}, outcome_id, judgement, n)
     SELECT ${BASE}, ('a0000000-0000-4000-8000-0000000000' || lpad(floor(random() * 30)::int::text, 2, '0'))::uuid,
            ${pick(['met', 'met', 'partly_met', 'not_met'])}, 1 + floor(random() * 20)::int
       FROM generate_series(1, ${rows('stat_outcomes')}) ON CONFLICT DO NOTHING`,
  );
  await db.query(
    `INSERT INTO stat_credentials (${BASE_COLUMNS}, event, result, n)
     SELECT ${BASE}, ${pick(['issued', 'issued', 'issued', 'revoked'])}, ${pick(['certified', 'partial'])},
            1 + floor(random() * 5)::int
       FROM generate_series(1, ${rows('stat_credentials')}) ON CONFLICT DO NOTHING`,
  );
  await db.query(
    `INSERT INTO stat_supply (${BASE_COLUMNS}, coverage, n)
     SELECT ${BASE.replace(/CASE WHEN random\(\) < 0.7 THEN '' ELSE (.*?) END/s, '$1')}, ${pick(['full', 'partial'])},
            1 + floor(random() * 5)::int
       FROM generate_series(1, ${rows('stat_supply')}) ON CONFLICT DO NOTHING`,
  );
  await db.query(
    `INSERT INTO need_fact (need_id, tenant_id, standard_id, people_min, people_max, sector, region, needed_by, changed_at)
     SELECT ('b0000000-0000-4000-8000-0000000000' || lpad(i::text, 2, '0'))::uuid, 't' || i,
            ('00000000-0000-4000-8000-0000000000' || lpad((i % 10)::text, 2, '0'))::uuid, 100, 200, '86', '42', '2030-12-31', now()
       FROM generate_series(0, 49) i`,
  );
  await db.query(`UPDATE rollup_state SET rolled_at = now()`);
  for (const table of Object.keys(ROWS)) await db.query(`ANALYZE ${table}`);
}

const QUERIES: Array<[string, Record<string, string>]> = [
  ['cases', {}],
  ['cases', { by: 'region' }],
  ['cases', { by: 'region,month,phase' }],
  ['cases', { by: 'standard,sector,region', from: '2025-01', to: '2025-12' }],
  ['cases', { by: 'phase,region', scope: 'tenant' }],
  ['lead-times', {}],
  ['lead-times', { by: 'region,month' }],
  ['lead-times', { by: 'standard,region' }],
  ['outcomes', {}],
  ['outcomes', { by: 'sector,standard' }],
  ['needs', { by: 'coverage,region' }],
  ['credentials', { by: 'result,month' }],
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (n: number) => n.toFixed(1).padStart(7);

async function main(): Promise<void> {
  let dbName: string | undefined;
  let url = 'memory://';
  if (pgUrl) {
    dbName = `stat_bench_${process.pid}`;
    const admin = new Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    url = pgUrl.replace(/\/[^/]*$/, `/${dbName}`);
  }
  const db = await openServiceDataSource({
    storage: pgUrl ? { kind: 'postgres', url } : { kind: 'pglite', dir: 'memory://' },
    entities: [],
    migrations: [StatisticsInit1800000000600],
  });
  try {
    const filled = Date.now();
    await fill(db);
    const cases = await db.query(`SELECT sum(n)::int AS n FROM stat_cases`);
    console.log(
      `${pgUrl ? 'PostgreSQL' : 'PGlite'}: ${cases[0].n} cases in the rollups, filled in ${((Date.now() - filled) / 1000).toFixed(1)} s; ${runs} runs per query`,
    );
    const rollups = new TableRollups(db);
    const config = new StatisticsRules(disclosureRules());
    const rules = config.rules;
    const service = new TableQueriesService(rollups, config);
    console.log(
      'table        by                                    cells   KB   total p50/p99   sql p50/p99   build p50/p99  kept p50/p99',
    );
    for (const [table, query] of QUERIES) {
      if (only && `${table}?${new URLSearchParams(query)}` !== only) continue;
      const plan = tablePlan(tableSpec(table), validatePayload(StatisticsQueryDto, query), 't1');
      const total: number[] = [];
      const sql: number[] = [];
      const build: number[] = [];
      let cells = 0;
      let bytes = 0;
      for (let i = 0; i < runs + 3; i++) {
        const t0 = performance.now();
        const rows = await rollups.cells(plan);
        const sums = await rollups.sums(plan, rows);
        const needs =
          table === 'needs' ? await rollups.needsInScope(plan) : await rollups.needsById([]);
        const standards = await rollups.standardLabels([]);
        const rolledAt = await rollups.rolledAt();
        const t1 = performance.now();
        const answer = buildTable(
          plan,
          { cells: rows, sums, standards, outcomes: [], needs, rolledAt },
          rules,
        );
        const json = JSON.stringify(answer);
        const t2 = performance.now();
        if (i < 3) continue; // warm-up
        sql.push(t1 - t0);
        build.push(t2 - t1);
        total.push(t2 - t0);
        cells = answer.table.cells.length;
        bytes = Buffer.byteLength(json);
      }
      const kept: number[] = [];
      await service.answer(plan);
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await service.answer(plan);
        kept.push(performance.now() - t0);
      }
      const by = `${query.by ?? '(default)'}${query.from ? ' 2025' : ''}${query.scope ? ' own' : ''}`;
      console.log(
        `${table.padEnd(12)} ${by.padEnd(36)} ${String(cells).padStart(6)} ${String(Math.round(bytes / 1024)).padStart(4)} ${ms(pct(total, 50))}/${ms(pct(total, 99))} ${ms(pct(sql, 50))}/${ms(pct(sql, 99))} ${ms(pct(build, 50))}/${ms(pct(build, 99))} ${ms(pct(kept, 50))}/${ms(pct(kept, 99))}`,
      );
    }
  } finally {
    await db.destroy();
    if (keep) console.log(`kept database ${dbName}`);
    else if (dbName) {
      const admin = new Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE ${dbName}`);
      await admin.end();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
