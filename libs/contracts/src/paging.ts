import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DomainError, ErrorCode } from './errors';

/** Every list answers at most this many items a page. */
export const MAX_PAGE_LIMIT = 100;
export const DEFAULT_PAGE_LIMIT = 50;

/**
 * `?limit=&cursor=` of every list. The cursor is opaque to clients: base64url of the key of the
 * last item answered (see `encodeCursor`), so a page is found by keyset, never by offset.
 */
export class PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer 1-100' })
  @Min(1, { message: 'must be an integer 1-100' })
  @Max(MAX_PAGE_LIMIT, { message: 'must be an integer 1-100' })
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'must be a cursor from a previous page' })
  cursor?: string;
}

/** One page of a list: `hasMore` tells whether `nextCursor` leads to more. */
export interface Page<T> {
  items: T[];
  hasMore: boolean;
  /** Send as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** The key of the last item answered → an opaque cursor. `list` names the list, so a cursor of another list is refused. */
export function encodeCursor(list: string, key: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify([list, ...key])).toString('base64url');
}

/** The key a cursor of `list` carries; 400 INVALID_CURSOR for anything else. */
export function decodeCursor(list: string, cursor: string, arity: number): Array<string | number> {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (
    !Array.isArray(decoded) ||
    decoded[0] !== list ||
    decoded.length !== arity + 1 ||
    !decoded.slice(1).every((k) => typeof k === 'string' || typeof k === 'number')
  ) {
    throw invalidCursor();
  }
  return decoded.slice(1) as Array<string | number>;
}

/**
 * A page from rows fetched with `limit + 1` (the extra row only tells that there is more).
 * `key` gives the keyset of an item, which the next page starts after.
 */
export function pageOf<T>(
  list: string,
  rows: T[],
  limit: number,
  key: (item: T) => ReadonlyArray<string | number>,
): Page<T> {
  const items = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  return {
    items,
    hasMore,
    nextCursor: hasMore ? encodeCursor(list, key(items[items.length - 1])) : null,
  };
}

/** 400 INVALID_CURSOR: a cursor this list did not hand out. */
export function invalidCursor(): DomainError {
  return new DomainError(
    400,
    ErrorCode.INVALID_CURSOR,
    'cursor was not handed out by this list',
    undefined,
    [{ field: 'cursor', message: 'must be a cursor from a previous page of this list' }],
  );
}
