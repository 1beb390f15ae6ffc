import { isUuid } from './basics';
import {
  decodeCursor,
  DEFAULT_PAGE_LIMIT,
  encodeCursor,
  invalidCursor,
  type Page,
  type PageQueryDto,
} from './paging';

/**
 * What the items of one page may weigh, encoded as JSON: half of NATS's default max payload
 * (1 MB), which leaves room for the reply envelope. Validation keeps any single valid item well
 * under it; the budget keeps a page of many items (or of rows stored before the limits) under it.
 */
export const PAGE_BYTE_BUDGET = 512 * 1024;

/**
 * How many history entries the case view (`GET /cases/{id}`) carries, the latest ones: a case's
 * history grows with every scope change; the whole of it is paged at `GET /cases/{id}/history`.
 */
export const CASE_VIEW_HISTORY_ENTRIES = 20;

/** The page size a query asks for (validated by `PageQueryDto`): its `limit`, else the default. */
export function pageLimit(query: PageQueryDto | undefined): number {
  return query?.limit ?? DEFAULT_PAGE_LIMIT;
}

/**
 * A page from rows fetched by keyset with `limit + 1` (the extra row only tells that there is
 * more), shown with `view`. The page stops early, with `hasMore`, before the item that would
 * take its encoded size past `budget`; its first item is always answered, so paging goes on.
 */
export function budgetedPage<R, V>(
  list: string,
  rows: R[],
  limit: number,
  key: (row: R) => ReadonlyArray<string | number>,
  view: (row: R) => V,
  budget = PAGE_BYTE_BUDGET,
): Page<V> {
  const items: V[] = [];
  let bytes = 0;
  let last: R | undefined;
  for (const row of rows.slice(0, limit)) {
    const item = view(row);
    bytes += Buffer.byteLength(JSON.stringify(item)) + 1;
    if (items.length > 0 && bytes > budget) break;
    items.push(item);
    last = row;
  }
  const hasMore = items.length < rows.length;
  return { items, hasMore, nextCursor: hasMore ? encodeCursor(list, key(last!)) : null };
}

/**
 * What each part of a list's keyset is: `micros` a timestamp as whole microseconds since the
 * epoch (exact, unlike a JS Date; SQL: `(extract(epoch from at) * 1000000)::bigint`), `uuid` an
 * id, `text` any string.
 */
export type KeyPart = 'micros' | 'uuid' | 'text';

const KEY_PART_OK: Record<KeyPart, (v: string | number) => boolean> = {
  micros: (v) => typeof v === 'string' && /^-?\d{1,17}$/.test(v),
  uuid: (v) => isUuid(v),
  text: (v) => typeof v === 'string',
};

/**
 * The keyset a cursor of `list` carries, each part checked against `parts` (a forged cursor is
 * a 400 INVALID_CURSOR, not a failing SQL cast); null without a cursor.
 */
export function keysetAfter(
  list: string,
  query: PageQueryDto | undefined,
  parts: KeyPart[],
): string[] | null {
  if (!query?.cursor) return null;
  const key = decodeCursor(list, query.cursor, parts.length);
  if (!parts.every((part, i) => KEY_PART_OK[part](key[i]))) throw invalidCursor();
  return key as string[];
}
