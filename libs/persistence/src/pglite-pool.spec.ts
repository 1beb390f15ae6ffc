import type { DataSource } from 'typeorm';
import { openPGliteEngine, type SqlEngine } from './pglite-engine';
import { openServiceDataSource } from './data-source';

class CounterTable1764300000999 {
  name = 'CounterTable1764300000999';
  async up(q: { query(sql: string): Promise<unknown> }) {
    await q.query(
      'CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL); INSERT INTO counter VALUES (1, 0);',
    );
  }
  async down() {}
}

describe('PGlite behind TypeORM (embedded mode)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openServiceDataSource({
      storage: { kind: 'pglite', dir: 'memory://' },
      entities: [],
      migrations: [CounterTable1764300000999],
    });
  });
  afterAll(() => ds?.destroy());

  it('keeps concurrent transactions isolated: no lost updates in read-modify-write', async () => {
    const tasks = Array.from({ length: 50 }, () =>
      ds.transaction(async (m) => {
        const [{ n }] = await m.query('SELECT n FROM counter WHERE id = 1');
        await new Promise((r) => setTimeout(r, 1)); // let other callers run in between
        await m.query('UPDATE counter SET n = $1 WHERE id = 1', [n + 1]);
      }),
    );
    await Promise.all(tasks);
    const [{ n }] = await ds.query('SELECT n FROM counter WHERE id = 1');
    expect(n).toBe(50);
  });

  it('does not let a rolled-back transaction leak into one running beside it', async () => {
    const failing = ds.transaction(async (m) => {
      await m.query('UPDATE counter SET n = n + 1000 WHERE id = 1');
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('boom');
    });
    const reader = ds.query('SELECT n FROM counter WHERE id = 1');
    await expect(failing).rejects.toThrow('boom');
    const [{ n }] = await reader;
    expect(n).toBe(50);
    const [{ n: after }] = await ds.query('SELECT n FROM counter WHERE id = 1');
    expect(after).toBe(50);
  });

  it('keeps a statement that failed usable, and reports errors with their PostgreSQL code', async () => {
    const insert = 'INSERT INTO counter (id, n) VALUES ($1, $2) RETURNING id';
    await expect(ds.query(insert, [1, 0])).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23505' }),
    });
    expect(await ds.query(insert, [2, 0])).toEqual([{ id: 2 }]);
    await expect(ds.query('SELEC $1', [1])).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '42601' }),
    });
    await expect(ds.query('SELEC $1', [1])).rejects.toThrow('syntax error');
    await ds.query('DELETE FROM counter WHERE id = $1', [2]);
  });

  it('sends parameters and reads values as node-postgres does', async () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const [row] = await ds.query(
      'SELECT $1::timestamptz AS at, $2::jsonb AS doc, $3::int AS n, $4::uuid[] AS ids, $5::text AS none',
      [at, JSON.stringify({ a: [1] }), 7, ['00000000-0000-4000-8000-000000000001'], null],
    );
    expect(row).toEqual({
      at,
      doc: { a: [1] },
      n: 7,
      ids: ['00000000-0000-4000-8000-000000000001'],
      none: null,
    });
  });

  it('runs multi-statement migrations and reports affected rows like pg', async () => {
    const result = await ds.query('UPDATE counter SET n = n WHERE id = 1');
    expect(result[1]).toBe(1);
  });
});

describe("the PGlite engine sends BEGIN with the transaction's first statement", () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openPGliteEngine('memory://');
    await engine.createScope('svc');
    await engine.query('CREATE TABLE t (id int PRIMARY KEY)', [], 'svc');
  });
  afterAll(() => engine?.close());

  it('rolls back what the first statement did', async () => {
    await engine.query('START TRANSACTION', [], 'svc');
    expect(engine.inTransaction()).toBe(true);
    await engine.query('INSERT INTO t VALUES ($1)', [1], 'svc');
    await engine.query('ROLLBACK', [], 'svc');
    expect(engine.inTransaction()).toBe(false);
    expect((await engine.query('SELECT count(*)::int AS n FROM t', [], 'svc')).rows).toEqual([
      { n: 0 },
    ]);
  });

  it('ends a transaction that ran nothing without a statement, and is idle after it', async () => {
    await engine.query('START TRANSACTION', [], 'svc');
    await engine.query('COMMIT', [], 'svc');
    expect(engine.inTransaction()).toBe(false);
    await engine.query('INSERT INTO t VALUES ($1)', [2], 'svc');
    expect(engine.inTransaction()).toBe(false); // autocommitted, not inside a stray BEGIN
  });

  it('reports a first statement that fails, the transaction left to roll back', async () => {
    await engine.query('START TRANSACTION', [], 'svc');
    await expect(engine.query('INSERT INTO t VALUES ($1)', [2], 'svc')).rejects.toMatchObject({
      code: '23505',
    });
    expect(engine.inTransaction()).toBe(true);
    await engine.query('ROLLBACK', [], 'svc');
    expect(engine.inTransaction()).toBe(false);
  });
});
