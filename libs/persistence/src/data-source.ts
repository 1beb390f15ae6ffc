import { mkdir } from 'node:fs/promises';
import { Client } from 'pg';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import type { EmbeddedDatabase } from './embedded-database';
import { importLegacyFolder } from './legacy-import';
import { openPGliteEngine, PGLITE_SETTINGS } from './pglite-engine';
import { pgliteDriver } from './pglite-pool';
import { PreparingClient } from './preparing-client';

/**
 * Where a service keeps its data: a PostgreSQL URL (distributed), its schema in the embedded
 * mode's shared PGlite database (`EmbeddedDatabase`), or a PGlite database of its own (a folder
 * or `memory://`; tests).
 */
export type StorageTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite-schema'; database: EmbeddedDatabase; schema: string }
  | { kind: 'pglite'; dir: string };

export interface ServiceDataSourceOptions {
  storage: StorageTarget;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

/**
 * Opens a service's own database and brings it to the latest migration. The same migrations run
 * on PostgreSQL and on PGlite; `synchronize` is never used.
 */
export async function openServiceDataSource(
  options: ServiceDataSourceOptions,
): Promise<DataSource> {
  const common = {
    type: 'postgres' as const,
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: false,
    synchronize: false,
    // TypeORM would log each failing query with its parameters: personal data (a candidate's
    // name) in the log, and noise for errors the caller expects (a duplicate key). Errors reach
    // the caller, and the one that is not expected is logged there (RpcErrorsFilter).
    logging: false,
  };
  let dataSource: DataSource;
  const storage = options.storage;
  if (storage.kind === 'pglite-schema') {
    // The service's own schema and role; the database stays open for the other services.
    const { database, schema } = storage;
    await database.createSchema(schema);
    dataSource = new DataSource({
      ...common,
      schema,
      driver: pgliteDriver(database.connection, schema),
    });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      const folder = database.legacyFolder(schema);
      if (folder)
        await database.oneImportAtATime(() =>
          importLegacyFolder({
            target: dataSource,
            schema,
            folder,
            dataDir: database.dataDir,
            openLegacy: () =>
              openServiceDataSource({ ...options, storage: { kind: 'pglite', dir: folder } }),
          }),
        );
    } catch (err) {
      await dataSource.destroy();
      throw err;
    }
    return dataSource;
  } else if (storage.kind === 'postgres') {
    await ensureDatabase(storage.url);
    dataSource = new DataSource({
      ...common,
      url: storage.url,
      poolSize: options.poolSize ?? 10,
      // Plans made once per connection, as in the embedded mode (PGLITE_SETTINGS says why);
      // PGOPTIONS, where an operator sets some, still applies.
      extra: {
        Client: PreparingClient,
        options: [process.env['PGOPTIONS'], '-c plan_cache_mode=force_generic_plan']
          .filter(Boolean)
          .join(' '),
      },
    });
  } else {
    const dir = storage.dir;
    if (dir !== 'memory://') await mkdir(dir, { recursive: true });
    const db = await openPGliteEngine(dir, { settings: PGLITE_SETTINGS });
    dataSource = new DataSource({ ...common, driver: pgliteDriver(db) });
    // TypeORM's pool.end() is a no-op for PGlite; close the engine with the data source.
    const destroy = dataSource.destroy.bind(dataSource);
    dataSource.destroy = async () => {
      await destroy();
      await db.close();
    };
  }
  await dataSource.initialize();
  if (storage.kind === 'postgres')
    await withMigrationLock(storage.url, () => dataSource.runMigrations({ transaction: 'each' }));
  else await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

/** Replicas starting together take turns migrating (a session advisory lock on a side connection). */
async function withMigrationLock(url: string, run: () => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('balanse:migrations'))");
    await run();
  } finally {
    await client.end(); // ends the session, which releases the lock
  }
}

/** Creates the database named in `url` if it does not exist (the server must). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new Error(`DATABASE_URL names no database: ${redact(url)}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client
        .query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`)
        .catch((err: { code?: string }) => {
          if (err.code !== '42P04') throw err; // created meanwhile by a replica
        });
    }
  } finally {
    await client.end();
  }
}

/** A URL safe to log: the password replaced. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
