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
