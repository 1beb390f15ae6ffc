/**
 * Whether `If-None-Match` names the representation with `etag` (a quoted strong ETag): the tag
 * itself, `*`, or a list holding it; a weak form (`W/"…"`) compares equal, as RFC 9110 wants for
 * `If-None-Match`.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}
