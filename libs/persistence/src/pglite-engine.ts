import type { PGlite, Results } from '@electric-sql/pglite';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
// Parameters go as node-postgres sends them: text (dates, arrays, JSON), null for null.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue(value: unknown): unknown };

type Reply = Awaited<ReturnType<PGlite['execProtocolStream']>>[number];

export interface PgResult {
  rows: unknown[];
  rowCount: number;
  command?: string;
}

/**
 * Whose statements these are on a PGlite database that several services share: the name of a
 * service's schema (its statements run as the role of that name, with only that schema on the
 * search path), or `''` for the database's owner with `public` on the path (setting schemas up).
 * `undefined`: a database of its own, nothing is switched.
 */
export type Scope = string | undefined;

/** One PGlite database as the embedded mode's `pg`-shaped pool uses it (see pglite-pool.ts). */
export interface SqlEngine {
  query(text: string, params?: unknown[], scope?: Scope): Promise<PgResult>;
  /**
   * Creates (if need be) the role and the schema of that name, the role owning the schema, and
   * lets `query` switch to it. Run by the database's owner; call it with the connection's turn.
   */
  createScope(name: string): Promise<void>;
  /** Whether the session is inside a transaction block (from the last ReadyForQuery). */
  inTransaction(): boolean;
  close(): Promise<void>;
}

/** Memory settings for the one PGlite database of the embedded mode, see `PGLITE_SETTINGS`. */
export interface PGliteEngineOptions {
  /** `-c name=value` settings added to PGlite's own start parameters. */
  settings?: Record<string, string>;
}

/**
 * PostgreSQL settings of the embedded PGlite database. PGlite's own default gives the
 * shared buffers 128 MB, which a WebAssembly Postgres touches at start-up, so each instance held
 * about 150 MB whatever its data (docs/benchmarks.md, Memory). The embedded mode's databases are
 * a few MB; its hot pages fit in far less, and pages outside the buffers are read through the
 * file system (Node's page cache).
 *
 * `plan_cache_mode`: the engine keeps every statement prepared (below), but PostgreSQL plans a
 * prepared statement again at each execution while it judges a plan for the given values better,
 * which for statements such as the webhook enqueue it always did: the generic plan, made once,
 * took the embedded pipeline's SQL time down by a sixth (docs/benchmarks.md, issue 9). The
 * statements are key lookups and keyset pages, for which the values do not change the plan.
 */
export const PGLITE_SETTINGS: Record<string, string> = {
  shared_buffers: '16MB',
  plan_cache_mode: 'force_generic_plan',
};

/** PGlite 0.5's start parameters (`PGlite.defaultStartParams`): `startParams` replaces them. */
const PGLITE_START_PARAMS = [
  '--single',
  '-F',
  '-O',
  '-j',
  '-c',
  'search_path=public',
  '-c',
  'exit_on_error=false',
  '-c',
  'log_checkpoints=false',
  '-c',
  'max_worker_processes=0',
  '-c',
  'max_parallel_workers=0',
  '-c',
  'max_parallel_workers_per_gather=0',
  '-c',
  'io_method=sync',
  '-c',
  'max_parallel_maintenance_workers=0',
];

/** Statements kept parsed and planned, by scope and text; beyond this many, new texts are parsed each time. */
const PREPARED_LIMIT = 2000;

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;

/** A schema (and role) name the embedded mode accepts: lower-case, not `pg_…`, not `public`. */
export function checkSchemaName(name: string): string {
  if (!IDENTIFIER.test(name) || name.startsWith('pg_') || name === 'public')
    throw new Error(`not a usable schema name: ${JSON.stringify(name)}`);
  return name;
}

/**
 * Creates a PGlite database in the folder `dir` (which must not hold one yet) in a child
 * process. PGlite's initdb runs a second Postgres in WebAssembly and copies the new cluster
 * through memory; in this process that left about 100 MB that was freed but never given back to
 * the system (docs/benchmarks.md, Memory). The cluster is created in `<dir>.new` and renamed,
 * so an interrupted creation leaves no half-made database behind.
 */
export async function createPGliteFolder(dir: string, startParams?: string[]): Promise<void> {
  const fresh = `${dir}.new`;
  await rm(fresh, { recursive: true, force: true });
  await mkdir(fresh, { recursive: true });
  if (existsSync(dir)) await rmdir(dir); // empty (checked by the caller)
  const script = `
    const [, module, dir, params] = process.argv;
    require(module).PGlite.create(dir, params ? { startParams: JSON.parse(params) } : {})
      .then((db) => db.close())
      .then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });`;
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [
        '-e',
        script,
        require.resolve('@electric-sql/pglite'),
        fresh,
        JSON.stringify(startParams ?? null),
      ],
      { env: { ...process.env, NODE_OPTIONS: '' } },
      (err, _stdout, stderr) =>
        err
          ? reject(
              new Error(`creating the PGlite database in ${dir} failed: ${stderr || err.message}`),
            )
          : resolve(),
    );
  });
  await rename(fresh, dir);
}

/** Opens PGlite on `dir` (a folder, or `memory://`), creating the database if need be. */
export async function openPGliteEngine(
  dir: string,
  options: PGliteEngineOptions = {},
): Promise<SqlEngine> {
  const settings = Object.entries(options.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  const startParams = settings.length > 0 ? [...PGLITE_START_PARAMS, ...settings] : undefined;
  if (dir !== 'memory://' && !existsSync(join(dir, 'PG_VERSION'))) {
    if (existsSync(dir) && (await readdir(dir)).length > 0)
      throw new Error(`${dir} is neither empty nor a PGlite database`);
    await createPGliteFolder(dir, startParams);
  }
  const { PGlite, protocol, parse } = await import('@electric-sql/pglite');
  const db: PGlite = await PGlite.create(dir === 'memory://' ? undefined : dir, {
    ...(startParams ? { startParams } : {}),
  });
  const { serialize, messages: wire } = protocol;
  const prepared = new Map<string, string>();
  let preparedCount = 0;
  let current: Scope; // the scope the session is switched to
  const scopes = new Set<string>(['']);
  let status = 'I'; // from the last ReadyForQuery: I idle, T in a transaction, E failed transaction

  /**
   * The message that switches the session to `scope`, sent in front of the statement in the same
   * call. It is a Query message of its own, so it commits by itself: a transaction that begins
   * after it and rolls back cannot undo it. It cannot fail on a known scope in an idle session
   * (both checked here), so the statement behind it never runs in another scope.
   */
  function switchTo(scope: string): Uint8Array {
    if (!scopes.has(scope)) throw new Error(`schema ${JSON.stringify(scope)} was not created`);
    if (status !== 'I')
      throw new Error(`cannot switch to schema ${JSON.stringify(scope)} inside a transaction`);
    const sql =
      scope === ''
        ? 'RESET ROLE; SET search_path TO public'
        : `SET ROLE "${scope}"; SET search_path TO "${scope}"`;
    return serialize.query(sql);
  }

  /**
   * `START TRANSACTION` is not sent on its own: it goes in front of the transaction's first
   * statement, in the same call. Every call into PGlite costs about as much as a short statement
   * does, and the pipeline opens thousands of transactions (docs/benchmarks.md, issue 9).
   */
  let beginPending = false;

  async function run(parts: Uint8Array[], scope: Scope): Promise<Reply[]> {
    const switching = scope !== undefined && scope !== current;
    const leading: Array<'switch' | 'begin'> = [];
    if (beginPending) {
      parts.unshift(serialize.query('START TRANSACTION'));
      leading.unshift('begin');
    }
    if (switching) {
      parts.unshift(switchTo(scope));
      leading.unshift('switch');
    }
    beginPending = false;
    const message = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const part of parts) {
      message.set(part, offset);
      offset += part.length;
    }
    let replies = await db.execProtocolStream(message, { syncToFs: true, throwOnError: false });
    for (let i = replies.length - 1; i >= 0; i--)
      if (replies[i].name === 'readyForQuery') {
        status = (replies[i] as unknown as { status: string }).status;
        break;
      }
    // The switch and the BEGIN in front answer first, each up to its own ReadyForQuery. Neither
    // can fail in an idle session (checked above), so the statement behind never runs elsewhere.
    for (const lead of leading) {
      const end = replies.findIndex((m) => m.name === 'readyForQuery');
      const error = replies.slice(0, end).find((m) => m instanceof wire.DatabaseError);
      if (lead === 'switch') current = error ? undefined : scope; // unknown after a failure
      if (error) throw error;
      replies = replies.slice(end + 1);
    }
    return replies;
  }

  /**
   * Bind, describe, execute and sync in one call, parameter types left to the server as
   * node-postgres does against PostgreSQL. (PGlite's own `query` makes six calls, one of them to
   * learn the parameter types.) Each text is parsed once per scope as a named statement and then
   * reused, so PostgreSQL keeps its plan: the services send the same few dozen texts over and
   * over. (A plan belongs to its search path: one statement shared by two schemas would be
   * planned again at every switch.)
   */
  async function extended(text: string, params: unknown[], scope: Scope): Promise<PgResult> {
    const key = scope === undefined ? text : `${scope}\u0000${text}`;
    let name = prepared.get(key);
    const parts: Uint8Array[] = [];
    const parsing = name === undefined;
    if (name === undefined) {
      name = preparedCount < PREPARED_LIMIT ? `s${++preparedCount}` : '';
      parts.push(serialize.parse({ name, text }));
    }
    parts.push(
      serialize.bind({ statement: name, values: params.map((p) => prepareValue(p) as string) }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    );
    const replies = await run(parts, scope);
    // A statement that parsed is kept even if it then failed: it exists in the session now.
    if (parsing && name !== '' && replies.some((m) => m === wire.parseComplete))
      prepared.set(key, name);
    const error = replies.find((m) => m instanceof wire.DatabaseError);
    if (error) throw error;
    return toPg(parse.parseResults(replies, db.parsers)[0]);
  }

  /** Statements without parameters may be several (migrations): the simple protocol runs them all. */
  async function simple(text: string, scope: Scope): Promise<PgResult> {
    const replies = await run([serialize.query(text)], scope);
    const error = replies.find((m) => m instanceof wire.DatabaseError);
    if (error) throw error;
    const results = parse.parseResults(replies, db.parsers);
    return toPg(results[results.length - 1] ?? { rows: [], fields: [] });
  }

  /** What TypeORM sends to open and end a transaction (PostgresQueryRunner). */
  function deferred(text: string): PgResult | undefined {
    if (text === 'START TRANSACTION' && status === 'I' && !beginPending) {
      beginPending = true;
      return { rows: [], rowCount: 0, command: 'BEGIN' };
    }
    // A transaction that ran no statement: nothing was sent, nothing to end.
    if (beginPending && (text === 'COMMIT' || text === 'ROLLBACK')) {
      beginPending = false;
      return { rows: [], rowCount: 0, command: text };
    }
    return undefined;
  }

  return {
    query: async (text, params, scope) => {
      if (params && params.length > 0) return extended(text, params, scope);
      return deferred(text) ?? simple(text, scope);
    },
    createScope: async (name) => {
      const role = checkSchemaName(name);
      await simple(
        `DO $$ BEGIN
           IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE "${role}" NOLOGIN; END IF;
         END $$;
         CREATE SCHEMA IF NOT EXISTS "${role}" AUTHORIZATION "${role}";`,
        '',
      );
      scopes.add(role);
    },
    inTransaction: () => beginPending || status !== 'I',
    close: () => db.close(),
  };
}

function toPg(r: Results): PgResult {
  const { command, rowCount } = r as { command?: string; rowCount?: number };
  const count =
    command === 'SELECT' ? r.rows.length : (rowCount ?? r.affectedRows ?? r.rows.length);
  return { rows: r.rows, rowCount: count, command };
}
