import type { DataSource } from 'typeorm';
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

  it('runs multi-statement migrations and reports affected rows like pg', async () => {
    const result = await ds.query('UPDATE counter SET n = n WHERE id = 1');
    expect(result[1]).toBe(1);
  });
});
