import { plainToInstance, Transform, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { DomainError, ErrorCode, type FieldError } from './errors';

/** Flattens class-validator's tree into `field: message` pairs with dotted paths. */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

export function validationError(fields: FieldError[]): DomainError {
  const names = [...new Set(fields.map((f) => f.field))].join(', ');
  return new DomainError(
    400,
    ErrorCode.VALIDATION_FAILED,
    `invalid fields: ${names}`,
    undefined,
    fields,
  );
}

/**
 * Turns untrusted plain data into a validated instance of `cls`, or throws a
 * VALIDATION_FAILED DomainError naming every failing field. Unknown fields are refused.
 */
export function validatePayload<T extends object>(cls: ClassConstructor<T>, plain: unknown): T {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw validationError([{ field: '(body)', message: 'must be a JSON object' }]);
  }
  const unsafe = unsafeShape(plain);
  if (unsafe.length > 0) throw validationError(unsafe);
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw validationError(fieldErrors(errors));
  return instance;
}

/** Deeper than any contract class goes; deeper input would only exhaust the transformer's stack. */
export const MAX_PAYLOAD_DEPTH = 32;
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

/**
 * What class-transformer and class-validator do not catch, checked without recursion so hostile
 * input cannot overflow the stack: nesting deeper than MAX_PAYLOAD_DEPTH, keys that reach the
 * prototype (they slip past `forbidNonWhitelisted`), and text PostgreSQL cannot store (NUL, and
 * unpaired UTF-16 surrogates, which `jsonb` refuses and `text` would silently replace).
 */
function unsafeShape(plain: object): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value: plain, path: '', depth: 0 },
  ];
  while (stack.length > 0 && errors.length < 20) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (unstorable(value))
        errors.push({
          field: path || '(body)',
          message: 'must not contain NUL characters or unpaired surrogates',
        });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_PAYLOAD_DEPTH) {
      errors.push({
        field: path || '(body)',
        message: `nested more than ${MAX_PAYLOAD_DEPTH} levels deep`,
      });
      continue;
    }
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (RESERVED_KEYS.has(key) || unstorable(key)) {
        errors.push({ field, message: `property ${JSON.stringify(key)} is not allowed` });
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return errors;
}

/**
 * Ids are stored and compared in lower case (as PostgreSQL prints a uuid): an id sent in upper
 * case, alone, in an array or as an object's keys, means the same one. Other types pass through
 * for the validators to refuse.
 */
export function LowerCaseIds(): PropertyDecorator {
  return Transform(({ value }) => lowerCaseIds(value));
}

export function lowerCaseIds(value: unknown): unknown {
  if (typeof value === 'string') return value.toLowerCase();
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v.toLowerCase() : v));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v]));
  return value;
}
