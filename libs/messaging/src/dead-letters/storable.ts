import { isUuid, TENANT_PATTERN } from '@balanse/contracts';

/**
 * The tenant of a dead letter whose event named no valid tenant: not a tenant name (those start
 * with a letter or digit), so no real tenant sees it by default; operators list it by name.
 */
export const INVALID_TENANT = '_invalid';

/** How much of an envelope that is not JSON is kept, and how deep a JSON one. */
const TEXT_KEPT = 2000;
const DEPTH_KEPT = 32;

/** What a dead letter keeps of what arrived: its id and tenant when valid, a copy PostgreSQL can store. */
export interface StorableLetter {
  /** The event id when it is a UUID; a dead letter always gets an id of its own. */
  eventId: string | null;
  tenantId: string;
  envelope: Record<string, unknown>;
}

/**
 * `parsed` (the JSON, when the envelope was JSON) or else the head of `body`, made storable:
 * NULs and unpaired surrogates (which `jsonb` refuses) replaced by U+FFFD, nesting cut at 32
 * levels, without recursion. Never throws: it is the last step before an event is kept.
 */
export function storableLetter(parsed: unknown, body: string): StorableLetter {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      eventId: null,
      tenantId: INVALID_TENANT,
      envelope: { unparseable: clean(body.slice(0, TEXT_KEPT)), length: body.length },
    };
  }
  const raw = parsed as Record<string, unknown>;
  const tenant = raw['tenantid'];
  return {
    eventId: isUuid(raw['id']) ? raw['id'].toLowerCase() : null,
    tenantId: typeof tenant === 'string' && TENANT_PATTERN.test(tenant) ? tenant : INVALID_TENANT,
    envelope: storableCopy(raw) as Record<string, unknown>,
  };
}

function storableCopy(value: unknown): unknown {
  const root: { v?: unknown } = {};
  const stack: Array<{ from: unknown; into: Record<string, unknown>; key: string; depth: number }> =
    [{ from: value, into: root as Record<string, unknown>, key: 'v', depth: 0 }];
  while (stack.length > 0) {
    const { from, into, key, depth } = stack.pop()!;
    if (typeof from === 'string') into[key] = clean(from);
    else if (from === null || typeof from !== 'object') into[key] = from;
    else if (depth >= DEPTH_KEPT) into[key] = '(nested too deep)';
    else {
      // No prototype: a `__proto__` key from the sender stays a plain key.
      const copy: Record<string, unknown> = Array.isArray(from)
        ? ([] as never)
        : Object.create(null);
      into[key] = copy;
      // Pushed last to first, so that keys are copied in their order.
      for (const [k, v] of Object.entries(from).reverse())
        stack.push({ from: v, into: copy, key: clean(k), depth: depth + 1 });
    }
  }
  return root.v;
}

// eslint-disable-next-line no-control-regex -- NUL is exactly what must go
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(s: string): string {
  return s.replace(UNSTORABLE, '\uFFFD');
}
