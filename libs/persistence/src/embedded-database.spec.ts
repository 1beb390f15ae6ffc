import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { openServiceDataSource } from './data-source';
import { EmbeddedDatabase } from './embedded-database';

/** What every service has: tables of the same names (like outbox and inbox) in each schema. */
class Ledger1764300000998 {
  name = 'Ledger1764300000998';
  async up(q: { query(sql: string): Promise<unknown> }) {
    await q.query(`
      CREATE TABLE account (id int PRIMARY KEY, owner text NOT NULL, n int NOT NULL);
      CREATE TABLE entry (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id int NOT NULL REFERENCES account (id),
        at timestamptz NOT NULL DEFAULT now(),
        doc jsonb NOT NULL DEFAULT '{}'
      );
      INSERT INTO account VALUES (1, current_schema(), 0);`);
  }
  async down() {}
}

const open = (database: EmbeddedDatabase, schema: string) =>
  openServiceDataSource({
    storage: { kind: 'pglite-schema', database, schema },
    entities: [],
    migrations: [Ledger1764300000998],
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('one PGlite database, a schema per service (embedded mode)', () => {
  let database: EmbeddedDatabase;
  let identify: DataSource;
  let assess: DataSource;
  beforeAll(async () => {
    database = await EmbeddedDatabase.open('memory://');
    [identify, assess] = await Promise.all([open(database, 'identify'), open(database, 'assess')]);
  });
  afterAll(async () => {
    await identify?.destroy();
    await assess?.destroy();
    await database?.close();
  });

  it('gives each service its own tables, migrations and role', async () => {
    expect(await identify.query('SELECT owner FROM account')).toEqual([{ owner: 'identify' }]);
    expect(await assess.query('SELECT owner FROM account')).toEqual([{ owner: 'assess' }]);
    const [who] = await assess.query('SELECT current_user AS role, current_schema() AS schema');
    expect(who).toEqual({ role: 'assess', schema: 'assess' });
    const migrations = await identify.query('SELECT name FROM migrations');
    expect(migrations).toEqual([{ name: 'Ledger1764300000998' }]);
  });

  it("does not let a service read or change another service's tables", async () => {
    await expect(assess.query('SELECT * FROM identify.account')).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '42501' }), // permission denied
    });
    await expect(assess.query('UPDATE identify.account SET n = $1', [666])).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '42501' }),
    });
    await expect(
      assess.query('SET search_path TO identify; SELECT * FROM account'),
    ).rejects.toThrow(
      /does not exist/, // a schema without the USAGE privilege is skipped on the search path
    );
    // Whatever the previous statement did to the session, the next turn is in its own schema again.
    expect(await identify.query('SELECT n FROM account')).toEqual([{ n: 0 }]);
  });

  it('keeps concurrent transactions of two services isolated and both complete', async () => {
    const bump = (ds: DataSource) =>
      ds.transaction(async (m) => {
        const [{ n }] = await m.query('SELECT n FROM account WHERE id = 1');
        await sleep(1); // let the other service's callers run in between
        await m.query('UPDATE account SET n = $1 WHERE id = 1', [n + 1]);
        await m.query('INSERT INTO entry (account_id) VALUES ($1)', [1]);
      });
    await Promise.all(Array.from({ length: 30 }, (_, i) => bump(i % 2 === 0 ? identify : assess)));
    expect(await identify.query('SELECT n FROM account')).toEqual([{ n: 15 }]);
    expect(await assess.query('SELECT n FROM account')).toEqual([{ n: 15 }]);
    expect(await identify.query('SELECT count(*)::int AS c FROM entry')).toEqual([{ c: 15 }]);
  });

  it("does not show one service's uncommitted or rolled-back writes to another", async () => {
    let seen: unknown;
    const failing = identify.transaction(async (m) => {
      await m.query('UPDATE account SET n = n + 1000 WHERE id = 1');
      await sleep(5);
      throw new Error('boom');
    });
    const reader = assess.query('SELECT n FROM account').then((rows) => (seen = rows));
    await expect(failing).rejects.toThrow('boom');
    await reader;
    expect(seen).toEqual([{ n: 15 }]);
    expect(await identify.query('SELECT n FROM account')).toEqual([{ n: 15 }]);
  });

  it('keeps each schema on its own prepared statements (same text, other tables)', async () => {
    const text = 'SELECT owner FROM account WHERE id = $1';
    for (let i = 0; i < 3; i++) {
      expect(await identify.query(text, [1])).toEqual([{ owner: 'identify' }]);
      expect(await assess.query(text, [1])).toEqual([{ owner: 'assess' }]);
    }
  });

  it('rolls back a transaction its holder left open before the next holder runs', async () => {
    const runner = identify.createQueryRunner();
    await runner.connect();
    await runner.query('BEGIN');
    await runner.query('UPDATE account SET n = 999 WHERE id = 1');
    // Released without COMMIT or ROLLBACK (a bug in the caller): the next turn must not inherit it.
    (runner as unknown as { databaseConnection: { release(): void } }).databaseConnection.release();
    expect(await assess.query('SELECT n FROM account')).toEqual([{ n: 15 }]);
    expect(await identify.query('SELECT n FROM account')).toEqual([{ n: 15 }]);
    await runner.release().catch(() => undefined);
  });
});

describe('the data folder', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'balanse-pglite-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps every schema in <dataDir>/pglite across a restart', async () => {
    let database = await EmbeddedDatabase.open(dataDir);
    let ds = await open(database, 'document');
    await ds.query('UPDATE account SET n = $1', [42]);
    await ds.destroy();
    await database.close();
    expect((await readdir(dataDir)).sort()).toEqual(['pglite']);

    database = await EmbeddedDatabase.open(dataDir);
    ds = await open(database, 'document');
    expect(await ds.query('SELECT n FROM account')).toEqual([{ n: 42 }]);
    await ds.destroy();
    await database.close();
  });

  it('imports a service folder of the earlier layout (one database per service) once', async () => {
    // The earlier layout: <dataDir>/<service>, a PGlite database of its own, tables in public.
    const legacy = await openServiceDataSource({
      storage: { kind: 'pglite', dir: join(dataDir, 'certify') },
      entities: [],
      migrations: [Ledger1764300000998],
    });
    await legacy.query('UPDATE account SET n = $1', [7]);
    for (let i = 0; i < 3; i++)
      await legacy.query('INSERT INTO entry (account_id, doc) VALUES ($1, $2)', [1, { i }]);
    await legacy.destroy();

    const database = await EmbeddedDatabase.open(dataDir);
    const ds = await open(database, 'certify');
    expect(await ds.query('SELECT id, owner, n FROM account')).toEqual([
      { id: 1, owner: 'public', n: 7 },
    ]);
    expect(await ds.query('SELECT seq::int AS seq, doc FROM entry ORDER BY seq')).toEqual([
      { seq: 1, doc: { i: 0 } },
      { seq: 2, doc: { i: 1 } },
      { seq: 3, doc: { i: 2 } },
    ]);
    // The identity column carries on after the copied rows.
    expect(
      await ds.query('INSERT INTO entry (account_id) VALUES ($1) RETURNING seq::int AS seq', [1]),
    ).toEqual([{ seq: 4 }]);
    expect(await ds.query('SELECT name FROM migrations')).toEqual([
      { name: 'Ledger1764300000998' },
    ]);
    expect(existsSync(join(dataDir, 'certify'))).toBe(false);
    expect(existsSync(join(dataDir, 'legacy', 'certify', 'PG_VERSION'))).toBe(true);
    await ds.destroy();
    await database.close();
  });

  it('never imports over a schema created without the old folder', async () => {
    let database = await EmbeddedDatabase.open(dataDir);
    let ds = await open(database, 'assess');
    await ds.query('INSERT INTO entry (account_id) VALUES ($1)', [1]);
    await ds.destroy();
    await database.close();
    const legacy = await openServiceDataSource({
      storage: { kind: 'pglite', dir: join(dataDir, 'assess') },
      entities: [],
      migrations: [Ledger1764300000998],
    });
    await legacy.destroy();

    database = await EmbeddedDatabase.open(dataDir);
    await expect(open(database, 'assess')).rejects.toThrow(/was created without it/);
    expect(existsSync(join(dataDir, 'assess', 'PG_VERSION'))).toBe(true); // left where it was
    ds = await open(database, 'document'); // the other services are not affected
    await ds.destroy();
    await database.close();
  });
});
