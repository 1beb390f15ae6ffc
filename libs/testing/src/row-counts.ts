import { Client } from 'pg';

/**
 * The number of rows in every table of a database (outside the system schemas), keyed
 * `schema.table`: what a test compares to prove that something was stored once, or not at all.
 */
export async function rowCounts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
        ORDER BY 1, 2`,
    );
    const counts: Record<string, number> = {};
    for (const { schema, name } of tables.rows) {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${schema}"."${name}"`,
      );
      counts[`${schema}.${name}`] = Number(rows[0]!.n);
    }
    return counts;
  } finally {
    await client.end();
  }
}
