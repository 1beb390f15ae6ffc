import { DomainError, ErrorCode } from '@balanse/contracts';

/** One deviation from CASE 1.1 that the import read anyway, and where. */
export interface ImportWarning {
  code: WarningCode;
  /** Dotted path into the package, e.g. `CFItems.12.lastChangeDateTime`. */
  path: string;
  message: string;
}

export type WarningCode =
  | 'CASE_1P0_FIELD'
  | 'UNKNOWN_FIELD'
  | 'ASSOCIATION_TYPE_EXTENDED'
  | 'NULL_VALUE'
  | 'TIMESTAMP_WITHOUT_ZONE'
  | 'NUMBER_AS_STRING'
  | 'STRING_AS_NUMBER'
  | 'SINGLE_VALUE_FOR_LIST'
  | 'IDENTIFIER_NORMALISED'
  | 'ITEM_TYPE_DESCRIPTION_MISSING'
  | 'LINK_TITLE_MISSING'
  | 'ORPHAN_ITEM'
  | 'SECOND_PARENT'
  | 'ROLE_CONFLICT'
  | 'WARNINGS_TRUNCATED';

/** At most this many warnings are listed; one more says how many were left out. */
export const MAX_WARNINGS = 500;

export type Json = Record<string, unknown>;

const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const UNZONED = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID_ANY = /^(urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * Reads a package the way publishers really write it: what can be read without guessing is read
 * and each deviation noted with its path; what cannot be understood is refused with the path.
 */
export class LenientReader {
  readonly warnings: ImportWarning[] = [];
  private left = 0;

  warn(code: WarningCode, path: string, message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push({ code, path, message });
    else this.left++;
  }

  finish(): ImportWarning[] {
    if (this.left)
      this.warnings.push({
        code: 'WARNINGS_TRUNCATED',
        path: '',
        message: `${this.left} more warning(s) not listed`,
      });
    return this.warnings;
  }

  /** Whether a value is missing (`null` is read as missing, with a warning); fails if it is required. */
  private absent(v: unknown, path: string, required: boolean): v is null | undefined {
    if (v !== undefined && v !== null) return false;
    if (v === null) this.warn('NULL_VALUE', path, 'null read as absent');
    if (required) this.fail(path, 'is required');
    return true;
  }

  fail(path: string, message: string): never {
    throw new DomainError(
      400,
      ErrorCode.VALIDATION_FAILED,
      `invalid CASE package: ${path || 'the package'} ${message}`,
      undefined,
      [{ field: path, message }],
    );
  }

  object(value: unknown, path: string): Json {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      this.fail(path, 'must be an object');
    return value as Json;
  }

  /** An optional list; `null` reads as absent, a single object as a list of one. */
  list(o: Json, key: string, path: string): unknown[] {
    const v = o[key];
    if (v === undefined) return [];
    if (v === null) {
      this.warn('NULL_VALUE', join(path, key), 'null read as an empty list');
      return [];
    }
    if (!Array.isArray(v)) this.fail(join(path, key), 'must be an array');
    return v;
  }

  string(o: Json, key: string, path: string, required: true): string;
  string(o: Json, key: string, path: string, required?: false): string | undefined;
  string(o: Json, key: string, path: string, required = false): string | undefined {
    const v = o[key];
    const p = join(path, key);
    if (this.absent(v, p, required)) return undefined;
    if (typeof v === 'number' || typeof v === 'boolean') {
      this.warn('STRING_AS_NUMBER', p, `${typeof v} read as the string "${String(v)}"`);
      return String(v);
    }
    if (typeof v !== 'string') this.fail(p, 'must be a string');
    if (required && !v.trim()) this.fail(p, 'must not be empty');
    return v;
  }

  integer(o: Json, key: string, path: string): number | undefined {
    const v = o[key];
    const p = join(path, key);
    if (this.absent(v, p, false)) return undefined;
    if (typeof v === 'string' && /^\s*-?\d{1,9}\s*$/.test(v)) {
      this.warn('NUMBER_AS_STRING', p, `the string "${v}" read as a number`);
      return Number(v);
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > 2 ** 31 - 1)
      this.fail(p, 'must be an integer');
    return v;
  }

  strings(o: Json, key: string, path: string): string[] | undefined {
    const v = o[key];
    const p = join(path, key);
    if (v === undefined) return undefined;
    if (v === null) {
      this.warn('NULL_VALUE', p, 'null read as absent');
      return undefined;
    }
    if (typeof v === 'string') {
      this.warn('SINGLE_VALUE_FOR_LIST', p, 'a single string read as a list of one');
      return [v];
    }
    if (!Array.isArray(v)) this.fail(p, 'must be an array of strings');
    return v.map((e, i) =>
      typeof e === 'string'
        ? e
        : typeof e === 'number'
          ? (this.warn('STRING_AS_NUMBER', `${p}.${i}`, 'a number read as a string'), String(e))
          : this.fail(`${p}.${i}`, 'must be a string'),
    );
  }

  /** A `date-time`; one without a zone is read as UTC (CASE 1.0 exports wrote UTC without saying so). */
  timestamp(o: Json, key: string, path: string, required: true): string;
  timestamp(o: Json, key: string, path: string, required?: false): string | undefined;
  timestamp(o: Json, key: string, path: string, required = false): string | undefined {
    const v = this.string(o, key, path, required as false);
    if (v === undefined) return undefined;
    const p = join(path, key);
    const s = v.trim();
    if (ZONED.test(s) && !Number.isNaN(Date.parse(s))) return s;
    const m = UNZONED.exec(s) ?? (DATE.test(s) ? [s, s, '00:00:00'] : null);
    if (m && !Number.isNaN(Date.parse(`${m[1]}T${m[2]}Z`))) {
      const fixed = `${m[1]}T${m[2].length === 5 ? `${m[2]}:00` : m[2]}Z`;
      this.warn('TIMESTAMP_WITHOUT_ZONE', p, `"${v}" has no time zone; read as UTC (${fixed})`);
      return fixed;
    }
    this.fail(p, 'must be a date-time (ISO 8601)');
  }

  date(o: Json, key: string, path: string): string | undefined {
    const v = this.string(o, key, path);
    if (v === undefined) return undefined;
    const s = v.trim();
    if (DATE.test(s) && !Number.isNaN(Date.parse(s))) return s;
    if (UNZONED.test(s) || ZONED.test(s)) {
      this.warn(
        'TIMESTAMP_WITHOUT_ZONE',
        join(path, key),
        `a date-time where a date belongs; its date read`,
      );
      return s.slice(0, 10);
    }
    this.fail(join(path, key), 'must be a date (YYYY-MM-DD)');
  }

  /** An identifier; a UUID in upper case or as a `urn:uuid:` is read as the plain lower-case UUID. */
  identifier(o: Json, key: string, path: string): string {
    const v = this.string(o, key, path, true).trim();
    const m = UUID_ANY.exec(v);
    if (m && m[2].toLowerCase() !== v) {
      this.warn('IDENTIFIER_NORMALISED', join(path, key), `"${v}" read as ${m[2].toLowerCase()}`);
      return m[2].toLowerCase();
    }
    return v;
  }

  /** A LinkURI / LinkGenURI object: `{title, identifier, uri}`. */
  link(o: Json, key: string, path: string, required: true): Json;
  link(o: Json, key: string, path: string, required?: false): Json | undefined;
  link(o: Json, key: string, path: string, required = false): Json | undefined {
    const v = o[key];
    const p = join(path, key);
    if (this.absent(v, p, required)) return undefined;
    const l = this.object(v, p);
    const identifier = this.identifier(l, 'identifier', p);
    const uri = this.string(l, 'uri', p, true);
    let title = this.string(l, 'title', p);
    if (title === undefined) {
      this.warn(
        'LINK_TITLE_MISSING',
        join(p, 'title'),
        'missing; the identifier is used as the title',
      );
      title = identifier;
    }
    const out: Json = { title, identifier, uri };
    const targetType = this.string(l, 'targetType', p);
    if (targetType !== undefined) out['targetType'] = targetType;
    return out;
  }

  /** An `extensions` object, kept as it is. */
  extensions(o: Json, path: string): Json | undefined {
    const v = o['extensions'];
    if (v === undefined) return undefined;
    if (v === null) {
      this.warn('NULL_VALUE', join(path, 'extensions'), 'null read as absent');
      return undefined;
    }
    return this.object(v, join(path, 'extensions'));
  }
}

export const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
