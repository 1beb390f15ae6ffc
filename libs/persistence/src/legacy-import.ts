import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { CREATED_MARK, EMBEDDED_DATABASE_FOLDER, LEGACY_FOLDER } from './embedded-database';

const BATCH = 500;
const MARK = 'imported from ';

/**
 * Copies a service's database folder of the earlier embedded layout (`<dataDir>/<service>`, a
 * PGlite database of its own) into the service's schema of the shared database, then moves the
 * folder to `<dataDir>/legacy/<service>`.
 *
 * Both sides are at the same migration first: the old database is migrated as the earlier
 * version would have done it, the schema was migrated by the caller. The copy (every table, the
 * `migrations` table too, then the sequences) replaces what the schema holds, in one transaction
 * that also marks the schema `imported from …` (`COMMENT ON SCHEMA`): a crash leaves either no
 * copy or a marked one, and a marked schema is not copied into again, only the folder is moved.
 * A schema marked `created at …` (made while no old folder was there) is never overwritten: the
 * start fails and says what to do.
 */
export async function importLegacyFolder(options: {
  target: DataSource;
  schema: string;
  folder: string;
  dataDir: string;
  /** Opens the old folder with the service's entities and migrations (and migrates it). */
  openLegacy: () => Promise<DataSource>;
}): Promise<void> {
  const { target, schema, folder, dataDir } = options;
  const log = new Logger('persistence');
  const [{ mark }] = (await target.query(
    'SELECT obj_description(oid, $1) AS mark FROM pg_namespace WHERE nspname = current_schema()',
    ['pg_namespace'],
  )) as Array<{ mark: string | null }>;
  if (mark?.startsWith(CREATED_MARK))
    throw new Error(
      `${folder} is a database of the earlier layout (one folder per service), but schema ` +
        `${schema} of ${join(dataDir, EMBEDDED_DATABASE_FOLDER)} was created without it and may ` +
        `hold data since. Move ${folder} out of the data folder and start again (or start on an ` +
        `empty data folder that holds only the old folders, to import them).`,
    );
  if (!mark?.startsWith(MARK)) {
    const legacy = await options.openLegacy();
    try {
      const counts = await target.transaction((m) => copyAll(legacy, m, schema, folder));
      log.log(
        `${schema}: copied ${folder} (the earlier layout, one database per service) into schema ` +
          `${schema}: ${Object.entries(counts)
            .map(([t, n]) => `${t} ${n}`)
            .join(', ')}`,
      );
    } finally {
      await legacy.destroy();
    }
  }
  const keep = await freePath(join(dataDir, LEGACY_FOLDER, basename(folder)));
  await mkdir(join(dataDir, LEGACY_FOLDER), { recursive: true });
  await rename(folder, keep);
  log.log(`${schema}: the old folder is kept in ${keep}; delete it once you no longer need it`);
}

async function copyAll(
  legacy: DataSource,
  m: EntityManager,
  schema: string,
  folder: string,
): Promise<Record<string, number>> {
  const tablesIn = async (q: (sql: string, p?: unknown[]) => Promise<unknown[]>, s: string) =>
    (
      (await q(
        `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
        [s],
      )) as Array<{ name: string }>
    ).map((t) => t.name);
  const old = await tablesIn((sql, p) => legacy.query(sql, p), 'public');
  const here = await tablesIn((sql, p) => m.query(sql, p), schema);
  const unknown = old.filter((t) => !here.includes(t));
  if (unknown.length > 0)
    throw new Error(
      `${folder} has tables this version does not know (${unknown.join(', ')}): was it written by a newer version?`,
    );
  await m.query(`TRUNCATE ${here.map(id).join(', ')}`);
  const counts: Record<string, number> = {};
  for (const table of await referencedFirst(m, old)) {
    const columns = (
      (await m.query(
        `SELECT column_name AS name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
          ORDER BY ordinal_position`,
        [table],
      )) as Array<{ name: string }>
    )
      .map((c) => id(c.name))
      .join(', ');
    counts[table] = 0;
    for (let offset = 0; ; offset += BATCH) {
      const [{ rows, n }] = (await legacy.query(
        `SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]')::text AS rows, count(*)::int AS n
           FROM (SELECT * FROM ${id(table)} ORDER BY ctid LIMIT ${BATCH} OFFSET ${offset}) x`,
      )) as Array<{ rows: string; n: number }>;
      if (n === 0) break;
      await m.query(
        `INSERT INTO ${id(table)} (${columns}) OVERRIDING SYSTEM VALUE
         SELECT ${columns} FROM jsonb_populate_recordset(NULL::${id(table)}, $1::jsonb)`,
        [rows],
      );
      counts[table] += n;
      if (n < BATCH) break;
    }
  }
  // Identity and serial columns continue after the rows copied.
  const sequences = (await m.query(
    `SELECT table_name AS t, column_name AS c, seq FROM (
       SELECT table_name, column_name,
              pg_get_serial_sequence(format('%I.%I', table_schema, table_name), column_name) AS seq
         FROM information_schema.columns WHERE table_schema = current_schema()) s
      WHERE seq IS NOT NULL`,
  )) as Array<{ t: string; c: string; seq: string }>;
  for (const { t, c, seq } of sequences)
    await m.query(`SELECT setval($1, coalesce(max(${id(c)}), 0) + 1, false) FROM ${id(t)}`, [seq]);
  await m.query(
    `COMMENT ON SCHEMA ${id(schema)} IS '${(MARK + folder + ' at ' + new Date().toISOString()).replace(/'/g, "''")}'`,
  );
  return counts;
}

/** The tables in an order that inserts referenced rows before the rows that reference them. */
async function referencedFirst(m: EntityManager, tables: string[]): Promise<string[]> {
  const edges = (await m.query(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = current_schema()`,
  )) as Array<{ child: string; parent: string }>;
  const plain = (name: string) => name.replace(/^.*\./, '').replace(/"/g, '');
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table)) return;
    if (visiting.has(table)) throw new Error(`tables reference each other in a cycle: ${table}`);
    visiting.add(table);
    for (const e of edges)
      if (plain(e.child) === table && plain(e.parent) !== table && tables.includes(plain(e.parent)))
        visit(plain(e.parent));
    visiting.delete(table);
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}

async function freePath(path: string): Promise<string> {
  if (!existsSync(path)) return path;
  return `${path}-${new Date().toISOString().replace(/[:.]/g, '-')}`;
}

function id(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
