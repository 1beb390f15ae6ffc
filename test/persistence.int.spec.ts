import type { DataSource } from 'typeorm';
import { openServiceDataSource } from '@balanse/persistence';
import { databaseUrlFor, dropDatabases, uniqueName } from '@balanse/testing';

class CounterTable1764300000997 {
  name = 'CounterTable1764300000997';
  async up(q: { query(sql: string): Promise<unknown> }) {
    await q.query('CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)');
  }
  async down() {}
}

describe('PostgreSQL through TypeORM (distributed mode)', () => {
  const dbName = uniqueName('bt_persist');
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openServiceDataSource({
      storage: { kind: 'postgres', url: databaseUrlFor(dbName) },
      entities: [],
      migrations: [CounterTable1764300000997],
      poolSize: 2,
    });
  });
  afterAll(async () => {
    await ds?.destroy();
    await dropDatabases([dbName]);
  });

  it('sends statements with parameters as prepared statements, parsed once per connection', async () => {
    const insert = 'INSERT INTO counter (id, n) VALUES ($1, $2)';
    const prepared = await ds.transaction(async (m) => {
      await m.query(insert, [1, 0]);
      await m.query(insert, [2, 0]);
      return m.query('SELECT statement FROM pg_prepared_statements WHERE statement = $1', [insert]);
    });
    expect(prepared).toEqual([{ statement: insert }]);
  });

  it('keeps a statement that failed usable, and reports errors with their code', async () => {
    const insert = 'INSERT INTO counter (id, n) VALUES ($1, $2) RETURNING id';
    await ds.query(insert, [10, 0]);
    await expect(ds.query(insert, [10, 0])).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23505' }),
    });
    expect(await ds.query(insert, [11, 0])).toEqual([{ id: 11 }]);
  });
});
