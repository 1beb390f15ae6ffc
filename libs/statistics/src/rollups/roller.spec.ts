import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openServiceDataSource } from '@balanse/persistence';
import type { EventContext } from '@balanse/messaging';
import { CaseFactEvents } from '../facts/case-facts';
import { ReferenceFactEvents } from '../facts/reference-facts';
import { statisticsService } from '../service';
import { Rebuild } from './rebuild';
import { RollupRoller } from './roller';

const S = randomUUID();
const [O1, O2, O3] = [randomUUID(), randomUUID(), randomUUID()];
const cases = new CaseFactEvents();
const refs = new ReferenceFactEvents();

describe('facts and rollups (PGlite)', () => {
  let db: DataSource;
  let roller: RollupRoller;
  const ctx = (tenantId: string, time: string) =>
    ({ tx: { manager: db.manager, tenantId }, event: { time } }) as unknown as EventContext;

  /** One case through every event, on the dates given (identified, documented, assessed, certified). */
  async function caseEvents(tenant: string, opts: { region?: string; needId?: string } = {}) {
    const caseId = randomUUID();
    const base = { caseId, standardId: S, standardVersion: '1' };
    return {
      caseId,
      opened: () =>
        cases.opened(
          {
            ...base,
            candidateRef: randomUUID(),
            openedAt: '2026-01-05T08:00:00Z',
            sector: 'C',
            region: opts.region ?? '03',
            needId: opts.needId,
          },
          ctx(tenant, '2026-01-05T08:00:00Z'),
        ),
      identified: () =>
        cases.identified(
          {
            ...base,
            candidateRef: randomUUID(),
            outcomeIds: [O1, O2],
            standardOutcomeIds: [O1, O2, O3],
          },
          ctx(tenant, '2026-01-07T08:00:00Z'),
        ),
      documented: () =>
        cases.documented(
          { ...base, outcomeIds: [O1, O2], standardOutcomeIds: [O1, O2, O3], evidenceCount: 2 },
          ctx(tenant, '2026-01-17T09:00:00Z'),
        ),
      assessed: (decision: 'certified' | 'partial' | 'not_certified') =>
        cases.assessed(
          {
            ...base,
            decision,
            met: decision === 'not_certified' ? [] : [O1],
            partlyMet: [],
            notMet: decision === 'not_certified' ? [O1, O2] : [O2],
            standardOutcomeIds: [O1, O2, O3],
          },
          ctx(tenant, '2026-01-20T09:00:00Z'),
        ),
      certified: (result: 'certified' | 'partial') =>
        cases.certified(
          { caseId, credentialId: randomUUID(), result, outcomeIds: [O1] },
          ctx(tenant, '2026-02-01T10:00:00Z'),
        ),
    };
  }

  async function rollups(): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    for (const t of [
      'stat_cases',
      'stat_lead_times',
      'stat_outcomes',
      'stat_credentials',
      'stat_supply',
    ])
      out[t] = (await db.query(`SELECT * FROM ${t} WHERE n <> 0`))
        .map((row: object) => JSON.stringify(row))
        .sort();
    return out;
  }

  beforeAll(async () => {
    db = await openServiceDataSource({
      storage: { kind: 'pglite', dir: 'memory://' },
      entities: [],
      migrations: statisticsService.migrations,
    });
    roller = new RollupRoller(db);
  });
  afterAll(() => db?.destroy());

  it('counts a case once whatever the order and repetition of its events', async () => {
    const c = await caseEvents('t1');
    // Out of order, some twice; nothing is rolled up before the case is opened.
    await c.assessed('partial');
    await c.documented();
    await roller.drain();
    expect((await db.query(`SELECT count(*)::int AS n FROM case_rolled`))[0].n).toBe(0);
    await c.certified('partial');
    await c.opened();
    await c.identified();
    await c.assessed('partial');
    await c.opened();
    await roller.drain();
    await c.certified('partial');
    await roller.drain();
    const r = await rollups();
    const rows = (t: string) => r[t].map((x) => JSON.parse(x as string));
    expect(rows('stat_cases')).toEqual([
      expect.objectContaining({
        tenant_id: 't1',
        month: '2026-01',
        phase: 'completed',
        result: 'partial',
        n: 1,
      }),
    ]);
    const lead = Object.fromEntries(
      (rows('stat_lead_times') as Array<{ phase: string; days: number }>).map((x) => [
        x.phase,
        x.days,
      ]),
    );
    expect(lead).toEqual({ identify: 2, document: 10, assess: 3, certify: 12, total: 27 });
    expect(rows('stat_outcomes')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome_id: O1, judgement: 'met', n: 1 }),
        expect.objectContaining({ outcome_id: O2, judgement: 'not_met', n: 1 }),
      ]),
    );
    expect(rows('stat_credentials')).toEqual([
      expect.objectContaining({ event: 'issued', result: 'partial', month: '2026-02', n: 1 }),
    ]);
  });

  it('moves a case between phases without counting it twice, and ignores another tenant', async () => {
    const c = await caseEvents('t2');
    await c.opened();
    await roller.drain();
    const phase = async () =>
      db.query(`SELECT phase, result, n FROM stat_cases WHERE tenant_id = 't2' AND n <> 0`);
    expect(await phase()).toEqual([{ phase: 'identify', result: '', n: 1 }]);
    await c.identified();
    await c.documented();
    await roller.drain();
    expect(await phase()).toEqual([{ phase: 'assess', result: '', n: 1 }]);
    // Another tenant's event naming this case changes nothing.
    await cases.assessed(
      {
        caseId: c.caseId,
        standardId: S,
        decision: 'not_certified',
        met: [],
        partlyMet: [],
        notMet: [O1],
        standardOutcomeIds: [],
      },
      ctx('intruder', '2026-01-09T00:00:00Z'),
    );
    await roller.drain();
    expect(await phase()).toEqual([{ phase: 'assess', result: '', n: 1 }]);
    await c.assessed('not_certified');
    await roller.drain();
    expect(await phase()).toEqual([{ phase: 'completed', result: 'not_certified', n: 1 }]);
  });

  it('sets cases against the needs they serve, again when a need changes', async () => {
    const needId = randomUUID();
    const need = (outcomeIds: string[] | null, time: string) =>
      refs.recorded(
        {
          needId,
          standardId: S,
          outcomeIds,
          people: { min: 10, max: 20 },
          skilledWorkerShare: null,
          sector: 'C',
          region: '03',
          neededBy: '2027-01-01',
        },
        ctx('t3', time),
      );
    await need([O1], '2026-01-01T00:00:00Z');
    const c = await caseEvents('t3', { needId });
    await c.opened();
    await c.identified();
    await c.documented();
    await c.assessed('partial');
    await c.certified('partial');
    await roller.drain();
    const supply = () => db.query(`SELECT coverage, month, n FROM stat_supply WHERE n <> 0`);
    expect(await supply()).toEqual([{ coverage: 'full', month: '2026-02', n: 1 }]);
    // The need now asks for O2 as well: the case meets it in part. An older description arriving late loses.
    await refs.changed(
      { ...(await needOf(needId)), outcomeIds: [O1, O2], changed: ['outcomeIds'] } as never,
      ctx('t3', '2026-03-01T00:00:00Z'),
    );
    await need([O1], '2026-02-01T00:00:00Z');
    await roller.drain();
    expect(await supply()).toEqual([{ coverage: 'partial', month: '2026-02', n: 1 }]);
  });

  it('rebuilds the same rollups from the facts', async () => {
    const before = await rollups();
    const rebuild = new Rebuild(db);
    const started = await rebuild.start();
    expect(started.state).toBe('running');
    await waitFor(async () => (await rebuild.progress()).total > 0);
    await roller.drain();
    const progress = await rebuild.progress();
    expect(progress).toMatchObject({ state: 'done', done: progress.total });
    expect(progress.total).toBe(3); // the intruder made no row of its own
    expect(await rollups()).toEqual(before);
  });

  async function needOf(needId: string) {
    const [n] = await db.query(`SELECT * FROM need_fact WHERE need_id = $1`, [needId]);
    return {
      needId,
      standardId: n.standard_id,
      people: { min: n.people_min, max: n.people_max },
      skilledWorkerShare: null,
      sector: n.sector,
      region: n.region,
      neededBy: '2027-01-01',
    };
  }
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out');
}
