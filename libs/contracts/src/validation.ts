import { plainToInstance, Transform, type ClassConstructor } from 'class-transformer';
import { registerDecorator, validateSync, type ValidationError } from 'class-validator';
import { isUuid } from './basics';
import { DomainError, ErrorCode, type FieldError } from './errors';

/**
 * Flattens class-validator's tree into `field: message` pairs with dotted paths. An EachEntry
 * constraint becomes one pair per offending entry (`selfAssessment.<key>`, `outcomeIds.2`).
 */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).flatMap(([name, message]) => {
      const rule = ENTRY_RULES.get(name);
      return rule ? entryErrors(rule, error.value, field) : [{ field, message }];
    });
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/** What each entry of an array, or each key and value of an object used as a map, must be. */
export interface EntryRule {
  of: 'array' | 'map';
  minEntries?: number;
  maxEntries?: number;
  /** Entries must differ (a repeat is named, e.g. `outcomeIds.3`). */
  unique?: boolean;
  /** Why a map key is refused, or undefined when it is fine. */
  key?: (key: string) => string | undefined;
  /** Why a value is refused, or undefined when it is fine. */
  value: (value: unknown) => string | undefined;
}

/**
 * Checks a collection entry by entry. class-validator reports a property only as a whole (its
 * `each` option included), so its error could not say which key or index is wrong; this
 * constraint's error is expanded by `fieldErrors` into one per offending entry.
 */
export function EachEntry(rule: EntryRule): PropertyDecorator {
  return (target, propertyName) => {
    const name = `eachEntry${ENTRY_RULES.size}`;
    ENTRY_RULES.set(name, rule);
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} has invalid entries` },
      validator: { validate: (value: unknown) => entryErrors(rule, value, '').length === 0 },
    });
  };
}

/** EachEntry constraints by name, for `fieldErrors`. */
const ENTRY_RULES = new Map<string, EntryRule>();

function entryErrors(rule: EntryRule, value: unknown, field: string): FieldError[] {
  const isArray = Array.isArray(value);
  if (rule.of === 'array' ? !isArray : value === null || typeof value !== 'object' || isArray)
    return [{ field, message: rule.of === 'array' ? 'must be an array' : 'must be a JSON object' }];
  const entries: Array<[string, unknown]> = isArray
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value as object);
  if (entries.length < (rule.minEntries ?? 0))
    return [{ field, message: `must have at least ${rule.minEntries} entries` }];
  if (entries.length > (rule.maxEntries ?? Infinity))
    return [{ field, message: `must have at most ${rule.maxEntries} entries` }];
  const first = new Map<unknown, string>();
  const errors: FieldError[] = [];
  for (const [key, v] of entries) {
    const problem =
      rule.key?.(key) ??
      rule.value(v) ??
      (rule.unique && first.has(v) ? `repeats ${field}.${first.get(v)}` : undefined);
    if (!first.has(v)) first.set(v, key);
    if (problem) errors.push({ field: `${field}.${key}`, message: problem });
  }
  return errors;
}

/** A list of ids (UUIDs), each once. */
export function IdList(options: { minEntries?: number; maxEntries: number }): PropertyDecorator {
  return EachEntry({
    of: 'array',
    unique: true,
    ...options,
    value: (v) => (isUuid(v) ? undefined : 'must be a UUID'),
  });
}

export function validationError(fields: FieldError[]): DomainError {
  // A large document (an imported framework) can fail in thousands of places: the answer names
  // the first ones and counts the rest, so it stays small.
  const shown = fields.slice(0, MAX_FIELD_ERRORS);
  const names = [...new Set(shown.map((f) => f.field))].join(', ');
  const more = fields.length - shown.length;
  return new DomainError(
    400,
    ErrorCode.VALIDATION_FAILED,
    `invalid fields: ${names}${more ? ` and ${more} more` : ''}`,
    more ? { fieldsLeftOut: more } : undefined,
    shown,
  );
}

/** The failing fields an answer names at most. */
export const MAX_FIELD_ERRORS = 100;

/**
 * Turns untrusted plain data into a validated instance of `cls`, or throws a
 * VALIDATION_FAILED DomainError naming every failing field. Unknown fields are refused, or with
 * `unknownFields: 'strip'` (event payloads, see `isEventPayload`) dropped.
 */
export function validatePayload<T extends object>(
  cls: ClassConstructor<T>,
  plain: unknown,
  { unknownFields = 'refuse' }: { unknownFields?: 'refuse' | 'strip' } = {},
): T {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw validationError([{ field: '(body)', message: 'must be a JSON object' }]);
  }
  const unsafe = unsafeShape(plain);
  if (unsafe.length > 0) throw validationError(unsafe);
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: unknownFields === 'refuse',
  });
  if (errors.length > 0) throw validationError(fieldErrors(errors));
  return instance;
}

/** Deeper than any contract class goes (a standard's nested areas, MAX_AREA_DEPTH, are the deepest); deeper input would only exhaust the transformer's stack. */
export const MAX_PAYLOAD_DEPTH = 64;
/**
 * Longer than any list a contract takes (2,000 is the longest); checked before class-validator,
 * which would otherwise validate every entry of a list it then refuses for its length: 200,000
 * empty objects (600 KB) held the event loop for 8 s.
 */
export const MAX_ARRAY_ENTRIES = 5000;
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

/**
 * What class-transformer and class-validator do not catch, checked without recursion so hostile
 * input cannot overflow the stack: nesting deeper than MAX_PAYLOAD_DEPTH, keys that reach the
 * prototype (they slip past `forbidNonWhitelisted`), and text PostgreSQL cannot store (NUL, and
 * unpaired UTF-16 surrogates, which `jsonb` refuses and `text` would silently replace).
 */
export function unsafeShape(plain: object, maxEntries = MAX_ARRAY_ENTRIES): FieldError[] {
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
    if (Array.isArray(value) && value.length > maxEntries) {
      errors.push({
        field: path || '(body)',
        message: `must have at most ${maxEntries} entries`,
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
 * case, alone, in an array or as an object's keys, means the same one. Anything else passes
 * through as sent, for the validators to refuse and to name as the caller wrote it.
 */
export function LowerCaseIds(): PropertyDecorator {
  return Transform(({ value }) => lowerCaseIds(value));
}

export function lowerCaseIds(value: unknown): unknown {
  const lower = (v: unknown) => (isUuid(v) ? v.toLowerCase() : v);
  if (Array.isArray(value)) return value.map(lower);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [lower(k), v]));
  return lower(value);
}
