import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * SQL for keyset paging on a timestamp column. A JS Date keeps milliseconds and PostgreSQL
 * microseconds, so a cursor carries the timestamp as whole microseconds since the epoch (text),
 * exact both ways (`keysetAfter` in contracts checks a cursor's part is such a number).
 */
export const microsOf = (column: string) =>
  `(extract(epoch from ${column}) * 1000000)::bigint::text`;

/** The timestamp a `microsOf` value (a bound parameter such as `:at` or `$3`) stands for. */
export const fromMicros = (param: string) =>
  `(timestamptz 'epoch' + CAST(${param} AS bigint) * interval '1 microsecond')`;

/**
 * One page of `query` (already filtered to its list), oldest first: up to `take` rows after the
 * keyset `after`, ordered by the timestamp column `at` and then the uuid column `id` (columns of
 * the query's main alias). Each row comes with its keyset, `[at in microseconds, id]`.
 */
export async function pageByTime<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  columns: { at: string; id: string; idOf: (row: T) => string },
  after: string[] | null,
  take: number,
): Promise<Array<{ row: T; key: [string, string] }>> {
  const at = `${query.alias}.${columns.at}`;
  const id = `${query.alias}.${columns.id}`;
  query.addSelect(microsOf(at), 'key_at').orderBy(at, 'ASC').addOrderBy(id, 'ASC').limit(take);
  if (after)
    query.andWhere(`(${at}, ${id}) > (${fromMicros(':keyAt')}, CAST(:keyId AS uuid))`, {
      keyAt: after[0],
      keyId: after[1],
    });
  const { entities, raw } = await query.getRawAndEntities<Record<string, string>>();
  const keyAt = new Map(raw.map((r) => [r[`${query.alias}_${columns.id}`], r['key_at']]));
  return entities.map((row) => ({ row, key: [keyAt.get(columns.idOf(row))!, columns.idOf(row)] }));
}
