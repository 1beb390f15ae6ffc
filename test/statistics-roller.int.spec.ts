import type { DataSource } from 'typeorm';
import { openServiceDataSource } from '@balanse/persistence';
import type { DomainEvent, EventContext } from '@balanse/messaging';
import {
  ALL_TIME,
  CaseFactEvents,
  Rebuild,
  ReferenceFactEvents,
  RollupRoller,
  statisticsService,
} from '@balanse/statistics';
import {
  databaseUrlFor,
  dropDatabases,
  syntheticStatisticsStream,
  uniqueName,
} from '@balanse/testing';

/**
 * The statistics facts and rollups on PostgreSQL under real concurrency: the events of 400
 * synthetic cases, shuffled, a fifth of them twice, written 16 at a time while the roller rolls
 * without pause. Afterwards the rollups must equal a rebuild from the facts, and the rollups of
 * a second database fed the same events one at a time in order: nothing lost to a race between
 * a consumer and the roller, nothing counted twice.
 */

const cases = new CaseFactEvents();
const refs = new ReferenceFactEvents();
const HANDLERS: Record<string, (d: never, ctx: EventContext) => Promise<unknown>> = {
  'balanse.case.opened.v1': (d, c) => cases.opened(d, c),
  'balanse.case.identified.v2': (d, c) => cases.identified(d, c),
  'balanse.case.documented.v2': (d, c) => cases.documented(d, c),
  'balanse.case.assessed.v2': (d, c) => cases.assessed(d, c),
  'balanse.case.certified.v1': (d, c) => cases.certified(d, c),
  'balanse.credential.revoked.v1': (d, c) => cases.revoked(d, c),
  'balanse.need.recorded.v1': (d, c) => refs.recorded(d, c),
  'balanse.standard.announced.v1': (d, c) => refs.announced(d, c),
};

function handle(db: DataSource, e: DomainEvent): Promise<unknown> {
  const ctx = { tx: { manager: db.manager, tenantId: e.tenantId }, event: e };
  return HANDLERS[e.type]!(e.data as never, ctx as unknown as EventContext);
}

async function rollups(db: DataSource): Promise<string[]> {
  const out: string[] = [];
  for (const t of [
    'stat_cases',
    'stat_lead_times',
    'stat_outcomes',
    'stat_credentials',
    'stat_supply',
  ])
    for (const row of await db.query(`SELECT * FROM ${t} WHERE n <> 0`))
      out.push(`${t} ${JSON.stringify(row)}`);
  return out.sort();
}

/** A seeded shuffle, so a failure can be run again. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('statistics rollups under concurrency (PostgreSQL)', () => {
  const names = [uniqueName('bt_stat_a'), uniqueName('bt_stat_b')];
  let concurrent: DataSource;
  let ordered: DataSource;
  const open = (name: string) =>
    openServiceDataSource({
      storage: { kind: 'postgres', url: databaseUrlFor(name) },
      entities: [],
      migrations: statisticsService.migrations,
      poolSize: 20,
    });

  beforeAll(async () => {
    [concurrent, ordered] = await Promise.all(names.map(open));
  });
  afterAll(async () => {
    await concurrent?.destroy();
    await ordered?.destroy();
    await dropDatabases(names);
  });

  it('ends with the rollups a rebuild and an orderly replay give', async () => {
    const stream = syntheticStatisticsStream(20, 7);
    const events = [...stream.reference];
    for (let i = 0; i < 400; i++) events.push(...stream.caseEvents(i));

    // The orderly database: one event at a time, in order, rolled at the end.
    for (const e of events) await handle(ordered, e);
    await new RollupRoller(ordered).drain();

    // The concurrent one: shuffled, some twice, 16 writers, the roller rolling all along.
    const roller = new RollupRoller(concurrent);
    const work = shuffled([...events, ...events.filter((_, i) => i % 5 === 0)], 42);
    let writing = true;
    const rolling = (async () => {
      let rolled = 0;
      while (writing) rolled += await roller.rollOnce(50);
      return rolled;
    })();
    await Promise.all(
      Array.from({ length: 16 }, async (_, w) => {
        for (let i = w; i < work.length; i += 16) await handle(concurrent, work[i]!);
      }),
    );
    writing = false;
    expect(await rolling).toBeGreaterThan(0);
    await roller.drain();
    const rolled = await rollups(concurrent);
    expect(rolled.length).toBeGreaterThan(100);
    expect(rolled).toEqual(await rollups(ordered));
    // The all-time rollups hold the monthly ones summed over months, needs and versions.
    for (const [rollup, key] of Object.entries(ALL_TIME)) {
      const base = `tenant_id, standard_id, sector, region, ${key}`;
      const summed = await concurrent.query(
        `SELECT ${base}, sum(n)::int AS n FROM ${rollup} GROUP BY ${base} HAVING sum(n) <> 0
         ORDER BY ${base}`,
      );
      const kept = await concurrent.query(
        `SELECT ${base}, n FROM ${rollup}_all WHERE n <> 0 ORDER BY ${base}`,
      );
      expect({ rollup, rows: kept }).toEqual({ rollup, rows: summed });
    }

    const rebuild = new Rebuild(concurrent);
    await rebuild.start();
    for (let i = 0; i < 100 && (await rebuild.progress()).total === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    await roller.drain();
    expect((await rebuild.progress()).state).toBe('done');
    expect(await rollups(concurrent)).toEqual(rolled);
  }, 120_000);
});
