import { EventEmitter } from 'node:events';
import type { PgResult, SqlEngine } from './pglite-engine';

const ACQUIRE_TIMEOUT_MS = 20_000;

type Callback = (err: Error | null, result?: PgResult) => void;

/**
 * A `pg`-shaped driver (Pool + client) over one PGlite database, for TypeORM's postgres driver.
 *
 * PGlite has exactly one connection. TypeORM assumes a pool where a transaction owns its client
 * until release, so we hand out the single client to one caller at a time: `connect()` waits its
 * turn and `release()` passes the connection on. Transactions therefore never interleave, which is
 * what keeps them isolated in the embedded mode (see pglite-pool.spec.ts).
 */
export class PGlitePool extends EventEmitter {
  private busy = false;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly db: SqlEngine) {
    super();
  }

  connect(cb?: (err: Error | null, client?: PGliteClient, release?: () => void) => void) {
    const acquired = this.acquire().then(() => {
      const client = new PGliteClient(this.db, () => this.releaseTurn());
      return client;
    });
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

  private acquire(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        resolve();
      };
      // A caller that waits this long is almost surely queued behind its own open transaction
      // (a query on the DataSource instead of the transaction's manager): fail loudly.
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(turn);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new Error(`PGlite connection busy for ${ACQUIRE_TIMEOUT_MS} ms`));
      }, ACQUIRE_TIMEOUT_MS);
      this.waiting.push(turn);
    });
  }

  private releaseTurn() {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }
}

class PGliteClient extends EventEmitter {
  private released = false;
  constructor(
    private readonly db: SqlEngine,
    private readonly onRelease: () => void,
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
    const result = this.db.query(text, params);
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
    this.onRelease();
  }
}

/** What TypeORM's `driver` option needs: a module with a Pool constructor. */
export function pgliteDriver(db: SqlEngine) {
  const pool = new PGlitePool(db);
  // One pool per PGlite instance, however often TypeORM constructs it: the turn-taking must be shared.
  return {
    Pool: function Pool() {
      return pool;
    },
  };
}
