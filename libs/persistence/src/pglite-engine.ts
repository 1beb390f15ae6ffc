import type { PGlite, Results } from '@electric-sql/pglite';
// Parameters go as node-postgres sends them: text (dates, arrays, JSON), null for null.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue(value: unknown): unknown };

export interface PgResult {
  rows: unknown[];
  rowCount: number;
  command?: string;
}

/** One PGlite database as the embedded mode's `pg`-shaped pool uses it (see pglite-pool.ts). */
export interface SqlEngine {
  query(text: string, params?: unknown[]): Promise<PgResult>;
  close(): Promise<void>;
}

/** Statements kept parsed and planned, by text; beyond this many, new texts are parsed each time. */
const PREPARED_LIMIT = 500;

/** Opens PGlite on `dir` (a folder, or `memory://`). */
export async function openPGliteEngine(dir: string): Promise<SqlEngine> {
  const { PGlite, protocol, parse } = await import('@electric-sql/pglite');
  const db: PGlite = await PGlite.create(dir === 'memory://' ? undefined : dir);
  const { serialize, messages: wire } = protocol;
  const prepared = new Map<string, string>();

  /**
   * Bind, describe, execute and sync in one call, parameter types left to the server as
   * node-postgres does against PostgreSQL. (PGlite's own `query` makes six calls, one of them to
   * learn the parameter types.) Each text is parsed once as a named statement and then reused,
   * so PostgreSQL keeps its plan: the services send the same few dozen texts over and over.
   */
  async function extended(text: string, params: unknown[]): Promise<PgResult> {
    let name = prepared.get(text);
    const parts: Uint8Array[] = [];
    const parsing = name === undefined;
    if (name === undefined) {
      name = prepared.size < PREPARED_LIMIT ? `s${prepared.size + 1}` : '';
      parts.push(serialize.parse({ name, text }));
    }
    parts.push(
      serialize.bind({ statement: name, values: params.map((p) => prepareValue(p) as string) }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    );
    const message = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const part of parts) {
      message.set(part, offset);
      offset += part.length;
    }
    const replies = await db.execProtocolStream(message, { syncToFs: true, throwOnError: false });
    // A statement that parsed is kept even if it then failed: it exists in the session now.
    if (parsing && name !== '' && replies.some((m) => m === wire.parseComplete))
      prepared.set(text, name);
    const error = replies.find((m) => m instanceof wire.DatabaseError);
    if (error) throw error;
    return toPg(parse.parseResults(replies, db.parsers)[0]);
  }

  /** Statements without parameters may be several (migrations): the simple protocol runs them all. */
  async function simple(text: string): Promise<PgResult> {
    const results = await db.exec(text);
    return toPg(results[results.length - 1] ?? { rows: [], fields: [] });
  }

  return {
    query: (text, params) => (params && params.length > 0 ? extended(text, params) : simple(text)),
    close: () => db.close(),
  };
}

function toPg(r: Results): PgResult {
  const command = (r as { command?: string }).command;
  const rowCount = command === 'SELECT' ? r.rows.length : (r.affectedRows ?? r.rows.length);
  return { rows: r.rows, rowCount, command };
}
