import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { PgResult, Scope, SqlEngine } from './pglite-engine';

const ACQUIRE_TIMEOUT_MS = 20_000;

type Callback = (err: Error | null, result?: PgResult) => void;

/**
 * The one connection of a PGlite database, handed to one holder at a time. Every pool over the
 * database (one per service schema when services share it) takes its turns here, in order of
 * asking. A holder keeps the connection from `connect()` until `release()`: for a single
 * statement, or for a whole transaction, which is what keeps transactions isolated.
 */
export class PGliteConnection {
  private holder: string | undefined;
  private readonly waiting: Array<{ who: string; turn: () => void }> = [];
  private readonly log = new Logger('PGlite');

  constructor(readonly engine: SqlEngine) {}

  /** Waits for the connection; `who` names the holder in errors (the schema, or `database`). */
  async acquire(who: string): Promise<void> {
    if (this.holder === undefined) this.holder = who;
    else
      await new Promise<void>((resolve, reject) => {
        const entry = {
          who,
          turn: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        // A caller that waits this long is almost surely queued behind its own open transaction
        // (a query on the DataSource instead of the transaction's manager), or behind a
        // transaction that waits for another service: fail loudly.
        const timer = setTimeout(() => {
          const i = this.waiting.indexOf(entry);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(
            new Error(
              `PGlite connection busy for ${ACQUIRE_TIMEOUT_MS} ms (${who} waiting, ${this.holder} holding it)`,
            ),
          );
        }, ACQUIRE_TIMEOUT_MS);
        this.waiting.push(entry);
      });
    // A holder that let go inside a transaction must not hand it to the next one.
    if (this.engine.inTransaction()) {
      this.log.error(`a transaction was left open on the connection; rolled back before ${who}`);
      try {
        await this.engine.query('ROLLBACK');
      } catch (err) {
        this.release();
        throw err;
      }
    }
  }

  release(): void {
    const next = this.waiting.shift();
    this.holder = next?.who;
    next?.turn();
  }
}

/**
 * A `pg`-shaped driver (Pool + client) over a PGlite database, for TypeORM's postgres driver.
 *
 * PGlite has exactly one connection. TypeORM assumes a pool where a transaction owns its client
 * until release, so the pool hands out the single client to one caller at a time (see
 * `PGliteConnection`): `connect()` waits its turn and `release()` passes the connection on.
 * Transactions therefore never interleave, which is what keeps them isolated in the embedded mode
 * (see pglite-pool.spec.ts). With a `scope`, every statement runs in that service's schema and
 * role (pglite-engine.ts).
 */
export class PGlitePool extends EventEmitter {
  constructor(
    private readonly connection: PGliteConnection,
    private readonly scope?: Scope,
  ) {
    super();
  }

  connect(cb?: (err: Error | null, client?: PGliteClient, release?: () => void) => void) {
    const acquired = this.connection
      .acquire(this.scope || 'database')
      .then(() => new PGliteClient(this.connection, this.scope));
    if (!cb) return acquired;
    acquired.then(
      (client) => cb(null, client, () => client.release()),
      (err: Error) => cb(err),
    );
    return undefined;
  }

  end(cb?: (err?: Error) => void) {
    cb?.();
    return Promise.resolve();
  }
}

class PGliteClient extends EventEmitter {
  private released = false;
  constructor(
    private readonly connection: PGliteConnection,
    private readonly scope: Scope,
  ) {
    super();
  }

  query(
    text: string,
    paramsOrCb?: unknown[] | Callback,
    cb?: Callback,
  ): Promise<PgResult> | undefined {
    const params = Array.isArray(paramsOrCb) ? paramsOrCb : undefined;
    const callback = typeof paramsOrCb === 'function' ? paramsOrCb : cb;
    const result = this.released
      ? Promise.reject(new Error('PGlite client used after release'))
      : this.connection.engine.query(text, params, this.scope);
    if (!callback) return result;
    result.then(
      (r) => callback(null, r),
      (err: Error) => callback(err),
    );
    return undefined;
  }

  release() {
    if (this.released) return;
    this.released = true;
    this.connection.release();
  }
}

/**
 * What TypeORM's `driver` option needs: a module with a Pool constructor. Give an engine for a
 * database of its own, or a shared connection and the service's schema.
 */
export function pgliteDriver(db: SqlEngine | PGliteConnection, scope?: Scope) {
  const connection = db instanceof PGliteConnection ? db : new PGliteConnection(db);
  const pool = new PGlitePool(connection, scope);
  // One pool per data source, however often TypeORM constructs it; the turn-taking is the connection's.
  return {
    Pool: function Pool() {
      return pool;
    },
  };
}
