// jsonstat-toolkit 2.x ships CommonJS (main.cjs) beside its ESM build, so jest loads it.
import JSONstat from 'jsonstat-toolkit';
import type { DataSource } from 'typeorm';
import {
  DomainError,
  StatisticsQueryDto,
  validatePayload,
  type ErrorBody,
  type StatisticsTableReply,
} from '@balanse/contracts';
import { openServiceDataSource } from '@balanse/persistence';
import { disclosureRules } from '../disclosure';
import type { JsonStatDataset, StatCell, StatTable } from '../export';
import { StatisticsInit1800000000600 } from '../migrations/1800000000600-statistics-init';
import { StatisticsAllTime1800000000700 } from '../migrations/1800000000700-statistics-all-time';
import type { TableAnswer } from './build-table';
import { StatisticsRules } from './rules-config';
import { TableQueriesService } from './table-queries.service';
import { TableRollups } from './table-rollups';

const S1 = '51000000-0000-4000-8000-000000000001';
const O1 = 'a1000000-0000-4000-8000-000000000001';
const O2 = 'a2000000-0000-4000-8000-000000000002';
const O3 = 'a3000000-0000-4000-8000-000000000003';
const N1 = 'b1000000-0000-4000-8000-000000000001';
const N2 = 'b2000000-0000-4000-8000-000000000002';

/** One rollup row: the base dimensions (defaults below), the table's own columns, and `n`. */
type Row = Partial<Record<'tenant' | 'region' | 'month' | 'need', string>> &
  Record<string, string | number>;

async function insert(db: DataSource, table: string, rows: Row[]): Promise<void> {
  for (const { tenant, region, month, need, n, ...own } of rows) {
    const columns = [
      'tenant_id',
      'standard_id',
      'standard_version',
      'sector',
      'region',
      'need_id',
      'month',
      ...Object.keys(own),
      'n',
    ];
    const values = [tenant, S1, '1', '86', region ?? '03', need ?? '', month ?? '2026-01'];
    await db.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      [...values, ...Object.values(own), n],
    );
  }
}

/**
 * The fixed data set, four employers A-D. Every expectation below is worked out by hand from it
 * with the default rules: k = 5, m = 3 employers, no employer over 80 %.
 */
async function fill(db: DataSource): Promise<void> {
  await insert(db, 'stat_cases', [
    { tenant: 'a', region: '03', phase: 'identify', result: '', n: 4 },
    { tenant: 'b', region: '03', phase: 'identify', result: '', n: 3 },
    { tenant: 'c', region: '03', month: '2026-02', phase: 'identify', result: '', n: 2 },
    { tenant: 'a', region: '03', phase: 'completed', result: 'certified', n: 6 },
    { tenant: 'b', region: '03', month: '2026-02', phase: 'completed', result: 'certified', n: 1 },
    { tenant: 'c', region: '03', month: '2026-02', phase: 'completed', result: 'partial', n: 2 },
    { tenant: 'a', region: '42', phase: 'identify', result: '', n: 5 },
    { tenant: 'b', region: '42', phase: 'document', result: '', n: 2 },
    { tenant: 'd', region: '42', month: '2026-03', phase: 'completed', result: 'certified', n: 3 },
    { tenant: 'd', region: '42', month: '2026-03', phase: 'assess', result: '', n: 0 },
  ]);
  await insert(db, 'stat_lead_times', [
    { tenant: 'a', phase: 'identify', days: 10, n: 3 },
    { tenant: 'a', phase: 'identify', days: 20, n: 2 },
    { tenant: 'b', phase: 'identify', days: 30, n: 1 },
    { tenant: 'c', phase: 'identify', days: 40, n: 1 },
    { tenant: 'd', phase: 'identify', days: 5, n: 1 },
    { tenant: 'a', phase: 'document', days: 7, n: 9 },
    { tenant: 'b', phase: 'document', days: 9, n: 1 },
    { tenant: 'c', phase: 'document', days: 12, n: 1 },
    { tenant: 'a', phase: 'total', days: 60, n: 2 },
    { tenant: 'b', phase: 'total', days: 90, n: 2 },
    { tenant: 'c', phase: 'total', days: 120, n: 1 },
  ]);
  await insert(db, 'stat_outcomes', [
    { tenant: 'a', outcome_id: O1, judgement: 'met', n: 3 },
    { tenant: 'a', outcome_id: O1, judgement: 'partly_met', n: 1 },
    { tenant: 'b', outcome_id: O1, judgement: 'met', n: 2 },
    { tenant: 'c', outcome_id: O1, judgement: 'not_met', n: 1 },
    { tenant: 'd', outcome_id: O1, judgement: 'met', n: 1 },
    { tenant: 'a', outcome_id: O2, judgement: 'met', n: 2 },
    { tenant: 'b', outcome_id: O2, judgement: 'not_met', n: 1 },
    { tenant: 'a', outcome_id: O3, judgement: 'met', n: 1 },
    { tenant: 'b', outcome_id: O3, judgement: 'met', n: 2 },
    { tenant: 'c', outcome_id: O3, judgement: 'partly_met', n: 2 },
    { tenant: 'd', outcome_id: O3, judgement: 'not_met', n: 1 },
  ]);
  await insert(db, 'stat_supply', [
    { tenant: 'a', region: '42', need: N1, coverage: 'full', n: 3 },
    { tenant: 'b', region: '42', need: N1, coverage: 'full', n: 2 },
    { tenant: 'c', region: '03', need: N1, coverage: 'full', n: 2 },
  ]);
  await insert(db, 'stat_credentials', [
    { tenant: 'a', event: 'issued', result: 'certified', n: 2 },
    { tenant: 'b', event: 'issued', result: 'certified', n: 2 },
    { tenant: 'c', event: 'issued', result: 'partial', n: 2 },
    { tenant: 'd', event: 'issued', result: 'certified', n: 2 },
    { tenant: 'a', event: 'revoked', result: 'certified', month: '2026-02', n: 1 },
  ]);
  await db.query(
    `INSERT INTO standard_label VALUES ($1, '1', 'AVD', 'Avdelingsleder', 'Department leader')`,
    [S1],
  );
  await db.query(
    `INSERT INTO outcome_label VALUES ($1, $2, 'K1', 'Kan lede', 'Can lead'),
       ($3, $2, 'K2', 'Kan planlegge', 'Can plan'), ($4, $2, 'K3', 'Kan følge opp', 'Can follow up')`,
    [O1, S1, O2, O3],
  );
  await db.query(
    `INSERT INTO need_fact (need_id, tenant_id, standard_id, people_min, people_max, skilled_min,
                            skilled_max, sector, region, needed_by, changed_at)
     VALUES ($1, 'a', $3, 100, 120, 50, 80, '86', '42', '2030-12-31', now()),
            ($2, 'b', $3, 10, 10, NULL, NULL, '86', '03', '2028-06-30', now())`,
    [N1, N2, S1],
  );
  await db.query(`UPDATE rollup_state SET rolled_at = '2026-11-29T06:00:00Z'`);
}

/** A cell of the table by its categories (`total` for a margin). */
function cell(table: StatTable, categories: Record<string, string>): StatCell {
  const found = table.cells.find((c) =>
    table.dimensions.every((d) => c.categories[d.id] === categories[d.id]),
  );
  if (!found) throw new Error(`no cell ${JSON.stringify(categories)}`);
  return found;
}

/** What a cell shows: its values, or the reason it is withheld. */
function shown(table: StatTable, categories: Record<string, string>): unknown {
  const c = cell(table, categories);
  return 'suppressed' in c ? c.suppressed : c.values;
}

describe('statistics tables (PGlite, hand-computed)', () => {
  let db: DataSource;
  let tables: TableQueriesService;

  beforeAll(async () => {
    db = await openServiceDataSource({
      storage: { kind: 'pglite', dir: 'memory://' },
      entities: [],
      migrations: [StatisticsInit1800000000600],
    });
    await fill(db);
    // The all-time rollups, filled from the monthly ones by their migration.
    const runner = db.createQueryRunner();
    await new StatisticsAllTime1800000000700().up(runner);
    await runner.release();
    tables = new TableQueriesService(new TableRollups(db), new StatisticsRules(disclosureRules()));
  });
  afterAll(() => db?.destroy());

  async function reply(
    table: string,
    query: Record<string, unknown> = {},
    tenant = 'a',
  ): Promise<StatisticsTableReply> {
    return tables.table(table, validatePayload(StatisticsQueryDto, query), tenant);
  }

  async function answer(
    table: string,
    query: Record<string, unknown> = {},
    tenant = 'a',
  ): Promise<TableAnswer> {
    const r = await reply(table, query, tenant);
    expect(r.mediaType).toBe('application/json');
    return r.body as TableAnswer;
  }

  async function refusal(table: string, query: Record<string, unknown>): Promise<ErrorBody> {
    try {
      await reply(table, query);
    } catch (err) {
      if (err instanceof DomainError) return err.toBody();
      throw err;
    }
    throw new Error('not refused');
  }

  describe('cases', () => {
    it('by phase (the default): k, then the smallest published figure of the line withheld', async () => {
      const { table, scope, rules, updated } = await answer('cases');
      expect({ scope, rules, updated }).toEqual({
        scope: 'all',
        rules: { k: 5, minEmployers: 3, dominance: 0.8 },
        updated: '2026-11-29T06:00:00.000Z',
      });
      expect(table.dimensions.map((d) => [d.id, d.categories.map((c) => c.id)])).toEqual([
        ['phase', ['identify', 'document', 'assess', 'certify', 'completed', 'total']],
      ]);
      expect(table.dimensions[0].categories[5].label).toEqual({ nb: 'I alt', en: 'Total' });
      // identify 4+3+2+5 = 14 (a 9 of 14); document 2 (< k); completed 6+1+2+3 = 12, the
      // smallest non-zero figure of the line, withheld so that document cannot be derived.
      expect(
        ['identify', 'document', 'assess', 'certify', 'completed', 'total'].map((phase) =>
          shown(table, { phase }),
        ),
      ).toEqual([{ count: 14 }, 'k', { count: 0 }, { count: 0 }, 'secondary', { count: 28 }]);
    });

    it('by result: open while no result; too few employers', async () => {
      const { table } = await answer('cases', { by: 'result', region: '03' });
      // Oslo: certified a 6 + b 1 = 7 from two employers; partial c 2; open a 4, b 3, c 2 = 9.
      // Two withheld figures in the line (7 + 2 = 9): neither can be derived, no secondary.
      expect(
        ['certified', 'partial', 'not_certified', 'open', 'total'].map((result) =>
          shown(table, { result }),
        ),
      ).toEqual(['employers', 'k', { count: 0 }, { count: 9 }, { count: 18 }]);
    });

    it('from a month on (a date counts as its month), by phase and region', async () => {
      const { table } = await answer('cases', { by: 'region,phase', from: '2026-02-15' });
      // From February: c 2 identify (03), b 1 + c 2 completed (03), d 3 completed (42).
      expect(table.dimensions.map((d) => d.id)).toEqual(['region', 'phase']);
      expect(table.dimensions[0].categories).toEqual([
        { id: '03', label: { nb: 'Oslo', en: 'Oslo' } },
        { id: '42', label: { nb: 'Agder', en: 'Agder' } },
        { id: 'total', label: { nb: 'I alt', en: 'Total' } },
      ]);
      expect(shown(table, { region: 'total', phase: 'total' })).toEqual({ count: 8 });
      expect(shown(table, { region: '03', phase: 'identify' })).toBe('k');
      expect(shown(table, { region: '42', phase: 'document' })).toEqual({ count: 0 });
      expect(table.cells).toHaveLength(3 * 6);
    });

    it("an employer's own tenant: its figures under k only", async () => {
      const { table, scope, rules } = await answer('cases', { scope: 'tenant' }, 'a');
      expect({ scope, rules }).toEqual({
        scope: 'tenant',
        rules: { k: 5, minEmployers: null, dominance: null },
      });
      // a: identify 4 + 5 = 9, completed 6: one employer, published.
      expect(
        ['identify', 'document', 'completed', 'total'].map((phase) => shown(table, { phase })),
      ).toEqual([{ count: 9 }, { count: 0 }, { count: 6 }, { count: 15 }]);
      const own = await answer('cases', { scope: 'tenant', by: 'tenant,region' }, 'a');
      expect(own.table.dimensions[0].categories.map((c) => c.id)).toEqual(['a', 'total']);
      expect(shown(own.table, { tenant: 'a', region: '42' })).toEqual({ count: 5 });
    });
  });

  describe('lead-times', () => {
    it('per phase: counts, nearest-rank p50 and p90, none for withheld figures', async () => {
      const { table } = await answer('lead-times');
      expect(table.dimensions[0].categories.map((c) => c.id)).toEqual([
        'identify',
        'document',
        'assess',
        'certify',
        'endToEnd',
        'total',
      ]);
      // identify: 5, 10 ×3, 20 ×2, 30, 40 (8 cases): rank 4 → 10 days, rank ceil(7.2) = 8 → 40.
      expect(shown(table, { phase: 'identify' })).toEqual({ count: 8, p50Days: 10, p90Days: 40 });
      // document: a holds 9 of 11 (82 %).
      expect(shown(table, { phase: 'document' })).toBe('dominance');
      expect(shown(table, { phase: 'assess' })).toEqual({ count: 0, p50Days: null, p90Days: null });
      // end to end: 5 cases, the smallest published figure of the line: withheld with its
      // percentiles (p50 would be 90 days).
      expect(shown(table, { phase: 'endToEnd' })).toBe('secondary');
      // Across phases a count, but no lead time.
      expect(shown(table, { phase: 'total' })).toEqual({ count: 24, p50Days: null, p90Days: null });
    });

    it('percentiles of margins come from the summed histograms', async () => {
      // An employer of its own: e, 3 days ×5 in January, 8 days ×5 in February.
      await insert(db, 'stat_lead_times', [
        { tenant: 'e', phase: 'identify', days: 3, n: 5 },
        { tenant: 'e', phase: 'identify', month: '2026-02', days: 8, n: 5 },
      ]);
      try {
        const { table } = await answer('lead-times', { scope: 'tenant', by: 'month' }, 'e');
        expect(shown(table, { phase: 'identify', month: '2026-01' })).toEqual({
          count: 5,
          p50Days: 3,
          p90Days: 3,
        });
        // 10 cases: rank 5 → 3 days, rank 9 → 8 days.
        expect(shown(table, { phase: 'identify', month: 'total' })).toEqual({
          count: 10,
          p50Days: 3,
          p90Days: 8,
        });
      } finally {
        await db.query(`DELETE FROM stat_lead_times WHERE tenant_id = 'e'`);
      }
    });
  });

  it('outcomes: shares met, partly met and not met; labels code and statement', async () => {
    const { table } = await answer('outcomes');
    expect(table.dimensions[0].categories.map((c) => c.label.en)).toEqual([
      'K1 Can lead',
      'K2 Can plan',
      'K3 Can follow up',
      'Total',
    ]);
    // K1: 6 met, 1 partly, 1 not of 8. K2: 3 (< k). K3 (6) the line's smallest: secondary.
    expect(shown(table, { outcome: O1 })).toEqual({
      count: 8,
      metShare: 0.75,
      partlyMetShare: 0.125,
      notMetShare: 0.125,
    });
    expect(shown(table, { outcome: O2 })).toBe('k');
    expect(shown(table, { outcome: O3 })).toBe('secondary');
    // All 17: met 11, partly 3, not 3.
    expect(shown(table, { outcome: 'total' })).toEqual({
      count: 17,
      metShare: 0.647,
      partlyMetShare: 0.176,
      notMetShare: 0.176,
    });
  });

  it('needs: every need in scope, its planning figures and the gap left', async () => {
    const { table, needs } = await answer('needs');
    expect(table.dimensions.map((d) => d.id)).toEqual(['need', 'coverage']);
    expect(table.dimensions[0].categories.map((c) => c.label.nb)).toEqual([
      'AVD · 86 · Agder · 2030-12-31',
      'AVD · 86 · Oslo · 2028-06-30',
      'I alt',
    ]);
    // N1: a 3, b 2, c 2 full (7 from three employers); N2: no cases yet.
    expect(shown(table, { need: N1, coverage: 'full' })).toEqual({ count: 7 });
    expect(shown(table, { need: N2, coverage: 'total' })).toEqual({ count: 0 });
    expect(needs).toEqual([
      {
        id: N1,
        needed: {
          peopleMin: 100,
          peopleMax: 120,
          skilledWorkerShareMin: 50,
          skilledWorkerShareMax: 80,
          neededBy: '2030-12-31',
          standardId: S1,
          sector: '86',
          region: '42',
        },
        gap: { min: 93, max: 113 },
      },
      {
        id: N2,
        needed: {
          peopleMin: 10,
          peopleMax: 10,
          skilledWorkerShareMin: null,
          skilledWorkerShareMax: null,
          neededBy: '2028-06-30',
          standardId: S1,
          sector: '86',
          region: '03',
        },
        gap: { min: 10, max: 10 },
      },
    ]);
    // By region of the cases: Agder a 3 + b 2 (two employers), Oslo c 2; the gap needs the
    // need's full total, which is published (7).
    const byRegion = await answer('needs', { by: 'coverage,region', region: '42' });
    expect(byRegion.needs!.map((n) => n.id)).toEqual([N1]);
    expect(shown(byRegion.table, { need: N1, coverage: 'full', region: '42' })).toBe('employers');
    expect(byRegion.needs![0].gap).toEqual({ min: 93, max: 113 });
    // Without coverage in the table, there is no published full total to subtract.
    const noCoverage = await answer('needs', { by: 'month' });
    expect(noCoverage.needs!.map((n) => n.gap)).toEqual([null, null]);
  });

  it('credentials: issued and revoked, by result and month of the event', async () => {
    const { table } = await answer('credentials');
    // issued a 2, b 2, c 2, d 2 = 8; revoked a 1 (< k), so issued is withheld too.
    expect(['issued', 'revoked', 'total'].map((event) => shown(table, { event }))).toEqual([
      'secondary',
      'k',
      { count: 9 },
    ]);
    const byResult = await answer('credentials', { by: 'result' });
    expect(byResult.table.dimensions.map((d) => [d.id, d.categories.map((c) => c.id)])).toEqual([
      ['event', ['issued', 'revoked', 'total']],
      ['result', ['certified', 'partial', 'total']],
    ]);
    expect(shown(byResult.table, { event: 'issued', result: 'partial' })).toBe('k');
    expect(shown(byResult.table, { event: 'total', result: 'total' })).toEqual({ count: 9 });
    const february = await answer('credentials', { from: '2026-02', to: '2026-02' });
    expect(shown(february.table, { event: 'issued' })).toEqual({ count: 0 });
    expect(shown(february.table, { event: 'revoked' })).toBe('k');
  });

  it('a table with nothing in scope: its totals, 0', async () => {
    const { table } = await answer('outcomes', { region: '11', by: 'need' });
    expect(table.dimensions.map((d) => d.categories.map((c) => c.id))).toEqual([
      ['total'],
      ['total'],
    ]);
    expect(table.cells).toEqual([
      {
        categories: { outcome: 'total', need: 'total' },
        values: { count: 0, metShare: null, partlyMetShare: null, notMetShare: null },
      },
    ]);
    const csv = (await reply('outcomes', { region: '11', format: 'csv' })).body as string;
    expect(csv.split('\r\n')[1]).toBe('total,I alt,0,,,,.');
  });

  describe('refuses', () => {
    it.each([
      [
        'cases',
        { by: 'outcome' },
        'by',
        /cases has no dimension "outcome"; it has phase, result, standard/,
      ],
      ['cases', { by: 'tenant' }, 'by', /only with scope=tenant/],
      ['cases', { by: 'phase,phase' }, 'by', /twice/],
      ['lead-times', { by: 'standard,sector,region,month' }, 'by', /at most 3/],
      ['needs', { by: 'standard' }, 'by', /it has need, coverage, region, month/],
      ['cases', { from: '2026-05', to: '2026-04' }, 'to', /before from/],
      ['people', {}, 'table', /cases, lead-times, outcomes, needs, credentials/],
    ])('%s %j: 400 naming %s', async (table, query, field, message) => {
      const body = await refusal(table, query);
      expect(body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(body.fields).toEqual([{ field, message: expect.stringMatching(message) }]);
    });

    it.each([
      [{ region: '99' }, 'region'],
      [{ standard: 'x' }, 'standard'],
      [{ from: '2026-13' }, 'from'],
      [{ scope: 'everyone' }, 'scope'],
      [{ format: 'xml' }, 'format'],
      [{ sector: '12345678901' }, 'sector'],
      [{ tenant: 'b' }, 'tenant'],
    ])('a bad or unknown query field %j: 400 naming %s', (query, field) => {
      try {
        validatePayload(StatisticsQueryDto, query);
        throw new Error('not refused');
      } catch (err) {
        expect((err as DomainError).toBody()).toMatchObject({
          status: 400,
          code: 'VALIDATION_FAILED',
          fields: [expect.objectContaining({ field })],
        });
      }
    });
  });

  describe('exports', () => {
    it('CSV: one row per cell and margin, withheld cells empty with status :', async () => {
      const r = await reply('lead-times', { format: 'csv', lang: 'en' });
      expect(r.mediaType).toBe('text/csv; charset=utf-8; header=present');
      const lines = (r.body as string).trimEnd().split('\r\n');
      expect(lines).toEqual([
        'phase,phase_label,count,p50Days,p90Days,status',
        'identify,Identify,8,10,40,',
        'document,Document,,,,:',
        'assess,Assess,0,,,.',
        'certify,Certify,0,,,.',
        'endToEnd,End to end,,,,:',
        'total,Total,24,,,.',
      ]);
    });

    it('JSON-stat 2.0, read back with jsonstat-toolkit', async () => {
      const r = await reply('cases', { format: 'jsonstat', by: 'result' });
      expect(r.mediaType).toBe('application/json+stat');
      const doc = r.body as JsonStatDataset;
      const dataset = JSONstat(doc as any) as any;
      expect(dataset.Dimension('result').Category('total').label).toBe('I alt');
      expect(dataset.Data({ result: 'open', measure: 'count' })).toEqual({
        value: 16,
        status: null,
      });
      expect(dataset.Data({ result: 'partial', measure: 'count' })).toEqual({
        value: null,
        status: ':',
      });
      expect(doc.extension.suppression.reason).toEqual({ '0': 'secondary', '1': 'k' });
      expect(doc.note).toEqual([expect.stringMatching(/^Tall under 5 saker, fra færre enn 3/)]);
    });

    it('JSON-stat: a measure that does not apply is null with status .', async () => {
      const doc = (await reply('lead-times', { format: 'jsonstat' })).body as JsonStatDataset;
      const dataset = JSONstat(doc as any) as any;
      expect(dataset.Data({ phase: 'assess', measure: 'p50Days' })).toEqual({
        value: null,
        status: '.',
      });
      expect(dataset.Data({ phase: 'assess', measure: 'count' })).toEqual({
        value: 0,
        status: null,
      });
      expect(doc.extension.status.label['.']).toMatch(/^Ikke mulig å oppgi tall/);
    });
  });

  it('keeps an answer until the rollups take in changes', async () => {
    const before = await answer('credentials', { by: 'month' });
    await insert(db, 'stat_credentials', [
      { tenant: 'b', event: 'revoked', result: 'partial', n: 4 },
    ]);
    try {
      expect(await answer('credentials', { by: 'month' })).toEqual(before);
      await db.query(`UPDATE rollup_state SET rolled_at = '2026-11-29T07:00:00Z'`);
      const after = await answer('credentials', { by: 'month' });
      // revoked: a 1 + b 4 = 5, past k now, but from two employers.
      expect(shown(before.table, { event: 'revoked', month: 'total' })).toBe('k');
      expect(shown(after.table, { event: 'revoked', month: 'total' })).toBe('employers');
    } finally {
      await db.query(`DELETE FROM stat_credentials WHERE tenant_id = 'b' AND event = 'revoked'`);
      await db.query(`UPDATE rollup_state SET rolled_at = '2026-11-29T06:00:00Z'`);
    }
  });

  it('answers 503 STATISTICS_REBUILDING while a rebuild runs: the rollups hold part of it', async () => {
    await db.query(`UPDATE rollup_state SET rebuild_state = 'running'`);
    try {
      expect(await refusal('cases', {})).toMatchObject({
        status: 503,
        code: 'STATISTICS_REBUILDING',
        details: { retryAfterSeconds: 5 },
      });
    } finally {
      await db.query(`UPDATE rollup_state SET rebuild_state = NULL`);
    }
    expect((await answer('cases')).table.id).toBe('cases');
  });
});
