import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { checkSchemaName, openPGliteEngine, PGLITE_SETTINGS } from './pglite-engine';
import { PGliteConnection } from './pglite-pool';

/** The PGlite folder inside the embedded mode's data folder. */
export const EMBEDDED_DATABASE_FOLDER = 'pglite';
/** The start of the comment on a schema created empty (not by an import). */
export const CREATED_MARK = 'created at ';
/** Where database folders of the earlier layout (one per service) are kept once imported. */
export const LEGACY_FOLDER = 'legacy';

/**
 * The embedded mode's one PGlite database: every service in a schema of its own (named after
 * the service, owned by a role of that name), all on PGlite's single connection, taken in
 * turns. One Postgres heap instead of one per service (docs/benchmarks.md, Memory).
 *
 * Data folder layout: `<dataDir>/pglite` (this database), `<dataDir>/admin-token`, and, after an
 * upgrade from the layout with one database per service, `<dataDir>/legacy/<service>` (the old
 * folders, imported; see legacy-import.ts).
 */
export class EmbeddedDatabase {
  private importing: Promise<unknown> = Promise.resolve();

  private constructor(
    /** The data folder, or `memory://`. */
    readonly dataDir: string,
    readonly connection: PGliteConnection,
  ) {}

  /** Opens (creating it if need be) `<dataDir>/pglite`, or an in-memory database for `memory://`. */
  static async open(dataDir: string): Promise<EmbeddedDatabase> {
    let dir = 'memory://';
    if (dataDir !== 'memory://') {
      dir = join(dataDir, EMBEDDED_DATABASE_FOLDER);
      await mkdir(dataDir, { recursive: true });
    }
    const engine = await openPGliteEngine(dir, { settings: PGLITE_SETTINGS });
    return new EmbeddedDatabase(dataDir, new PGliteConnection(engine));
  }

  /**
   * Creates the service's role and schema if they do not exist yet. A schema created while no
   * folder of the earlier layout waits to be imported is marked `created`, so that such a folder
   * turning up later is never copied over its data (legacy-import.ts).
   */
  async createSchema(schema: string): Promise<void> {
    checkSchemaName(schema);
    await this.connection.acquire('database');
    try {
      const { engine } = this.connection;
      const found = await engine.query('SELECT FROM pg_namespace WHERE nspname = $1', [schema], '');
      await engine.createScope(schema);
      if (found.rowCount === 0 && !this.legacyFolder(schema))
        await engine.query(
          `COMMENT ON SCHEMA "${schema}" IS '${CREATED_MARK}${new Date().toISOString()}'`,
          [],
          '',
        );
    } finally {
      this.connection.release();
    }
  }

  /** The service's database folder of the earlier layout (`<dataDir>/<service>`), if there is one. */
  legacyFolder(schema: string): string | undefined {
    if (this.dataDir === 'memory://') return undefined;
    const dir = join(this.dataDir, schema);
    return existsSync(join(dir, 'PG_VERSION')) ? dir : undefined;
  }

  /** Runs imports of old folders one at a time (each opens a PGlite instance of its own for a while). */
  oneImportAtATime<T>(work: () => Promise<T>): Promise<T> {
    const result = this.importing.then(work);
    this.importing = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.connection.acquire('database'); // after the statements already waiting
    try {
      await this.connection.engine.close();
    } finally {
      this.connection.release();
    }
  }
}
