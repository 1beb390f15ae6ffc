import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import {
  IDEMPOTENCY_KEY_HOURS,
  IDEMPOTENCY_KEY_PATTERN,
  MAX_PAYLOAD_DEPTH,
  validationError,
  type IdempotencyClaim,
} from '@balanse/contracts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Marks a creating `POST` that honours `Idempotency-Key` (read by the AuthGuard). */
export const IDEMPOTENT = 'balanse:idempotent';

/** A creating `POST` that takes an `Idempotency-Key`; list IDEMPOTENCY_KEY_REUSED in its ApiErrors. */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
      example: 'hr-sync-2025-03-03-000123',
      description: `Send the same key when retrying: the same key with the same request answers the first answer (same status, same ids) and creates nothing; with another request it is 422 IDEMPOTENCY_KEY_REUSED. Keys are kept ${IDEMPOTENCY_KEY_HOURS} h.`,
    }),
  );
}

/**
 * The claim a request with an `Idempotency-Key` makes: the key and a SHA-256 of what the request
 * is (method, path in lower case, tenant, body with its keys sorted). Undefined without the
 * header; 400 for a key that is not 1-255 visible ASCII characters.
 */
export function idempotencyClaim(
  req: { method: string; path: string; headers: Record<string, unknown>; body?: unknown },
  tenantId: string,
): IdempotencyClaim | undefined {
  const key = req.headers[IDEMPOTENCY_HEADER];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key))
    throw validationError([
      {
        field: `header.${IDEMPOTENCY_HEADER}`,
        message: 'must be 1-255 visible ASCII characters',
      },
    ]);
  const request = [req.method, req.path.toLowerCase(), tenantId, canonical(req.body ?? null)];
  return { key, requestHash: createHash('sha256').update(JSON.stringify(request)).digest('hex') };
}

/**
 * The value with every object's keys sorted, so key order does not change the hash. This runs
 * before the body is validated: below MAX_PAYLOAD_DEPTH it stops (such a body is refused with
 * 400 before it reaches a service), so hostile nesting cannot exhaust the stack here.
 */
function canonical(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_PAYLOAD_DEPTH) return null;
  if (Array.isArray(value)) return value.map((v) => canonical(v, depth + 1));
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k], depth + 1)]),
  );
}
