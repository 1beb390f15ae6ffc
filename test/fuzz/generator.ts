/**
 * Generated bad HTTP requests for every operation of the OpenAPI document. Each request carries
 * one defect that the API must refuse (so a request that is not a GET can never store anything),
 * sometimes with noise on top (an odd Idempotency-Key, an extra header); GETs may also be valid.
 *
 * A seeded PRNG of our own, not fast-check: a run is a flat batch of independent requests sent
 * concurrently, so fast-check's shrinking and property runner buy nothing, and every failing
 * request is printed whole with the seed and index that regenerate it.
 */

import { TEST_TOKEN } from '@balanse/testing';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

export const MB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// The operations, read from the OpenAPI document

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  minimum?: number;
  pattern?: string;
};

export interface Operation {
  method: string;
  /** The template, e.g. `/api/v1/cases/{id}/evidence`. */
  path: string;
  pathParams: Array<{ name: string; schema: Schema }>;
  queryParams: Array<{ name: string; schema: Schema }>;
  body?: Schema;
  /** A creating POST that takes an `Idempotency-Key` (and refuses a bad one with 400). */
  idempotent: boolean;
  /**
   * A body read leniently by design (`x-balanse-lenient-body`: the CASE import turns deviations
   * into warnings), so only defects of the JSON itself apply, not of the schema's fields.
   */
  lenientBody: boolean;
  /** `x-balanse-public`: no token needed (credential verification), so no 401 and no tenant. */
  public: boolean;
}

export function operations(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries<any>(doc.paths)) {
    if (!path.startsWith('/api/')) continue; // /health and /ready take nothing
    for (const [method, op] of Object.entries<any>(methods)) {
      const params = (op.parameters ?? []) as Array<{ name: string; in: string; schema: Schema }>;
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema,
        idempotent: params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
        lenientBody: op['x-balanse-lenient-body'] === true,
        public: op['x-balanse-public'] === true,
      });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------
// What exists before the requests

export interface Fixtures {
  /** Tenant A's (`default`) objects, by the path segment that names them (`cases`, `standards`, …). */
  ids: Record<string, string[]>;
  /** An outcome of the seeded standard, for bodies that name one. */
  outcomeId: string;
}

const UNKNOWN = '3b0c2f8e-5f1a-4c7e-9d7a-1e2f3a4b5c6d';
export const TENANT_B = 'tenant-b';

/** A path parameter's real value in tenant A: the segment before it says what it names. */
function realValue(op: Operation, name: string, fx: Fixtures, rng: Rng): string {
  const param = op.pathParams.find((p) => p.name === name)!;
  if (param.schema.enum) return String(rng.pick(param.schema.enum));
  const segments = op.path.split('/');
  const before = segments[segments.indexOf(`{${name}}`) - 1] ?? '';
  // `standardId`, `outcomeId` (/outcomes/{standardId}/{version}/{outcomeId}): the name says.
  const named = /\wId$/.test(name) ? fx.ids[name.replace(/Id$/, 's')] : undefined;
  const ids = named ?? fx.ids[before];
  if (ids) return rng.pick(ids);
  // A number the segment before does not name (a version): the first.
  return param.schema.type === 'integer' ? '1' : UNKNOWN;
}

// ---------------------------------------------------------------------------------------------
// Bodies from the schemas

function resolve(doc: any, schema: Schema): Schema {
  return schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : schema;
}

/**
 * A plausible instance of `schema`: examples where it has them; for a UUID, the fixture its name
 * points at (`standardId` → a standard), else an outcome of the seeded standard.
 */
export function instance(doc: any, schema: Schema, fx: Fixtures, name = '', depth = 0): unknown {
  const s = resolve(doc, schema);
  if (s.example !== undefined && s.type !== 'object' && s.format !== 'uuid') return s.example;
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'object': {
      if (!s.properties) return s.example ?? {};
      return Object.fromEntries(
        Object.entries(s.properties).map(([k, v]) => [k, instance(doc, v, fx, k, depth + 1)]),
      );
    }
    case 'array':
      return depth > 6 ? [] : [instance(doc, s.items ?? { type: 'string' }, fx, name, depth + 1)];
    case 'number':
    case 'integer':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      if (s.format === 'uuid') return fx.ids[name.replace(/Ids?$/, 's')]?.[0] ?? fx.outcomeId;
      if (s.format === 'date') return '2020-01-01';
      return 'text';
  }
}

/** Paths to every value in `value` (`[]` is the root), with the schema that governs it. */
function walk(
  doc: any,
  schema: Schema,
  value: unknown,
  at: Array<string | number> = [],
  out: Array<{ at: Array<string | number>; schema: Schema }> = [],
) {
  const s = resolve(doc, schema);
  out.push({ at, schema: s });
  if (s.type === 'object' && s.properties && value && typeof value === 'object')
    for (const [k, v] of Object.entries(s.properties))
      if (k in (value as object)) walk(doc, v, (value as any)[k], [...at, k], out);
  if (s.type === 'array' && Array.isArray(value) && s.items)
    value.forEach((v, i) => walk(doc, s.items!, v, [...at, i], out));
  return out;
}

function setAt(root: any, at: Array<string | number>, value: unknown): any {
  if (!at.length) return value;
  let node = root;
  for (const k of at.slice(0, -1)) node = node[k];
  node[at[at.length - 1]!] = value;
  return root;
}

function wrongTypeFor(rng: Rng, s: Schema): unknown {
  switch (s.type) {
    case 'string':
      return rng.pick([42, true, [], {}, ['x'], 1.5e308]);
    case 'number':
    case 'integer':
      return rng.pick(['12', '', true, [], {}, 'NaN']);
    case 'array':
      return rng.pick(['x', 1, {}, true]);
    case 'object':
      return rng.pick(['x', 1, [], true]);
    default:
      return rng.pick([{ x: 1 }, [1, 2]]);
  }
}

// ---------------------------------------------------------------------------------------------
// Strings and ids

const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uFFFF',
  '💥'.repeat(50),
  'ﷺ'.repeat(20),
  "' OR 1=1 --",
  '"; DROP TABLE competence_case; --',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '\r\nX-Injected: 1',
  ' ',
  '',
  'e'.repeat(301),
];

/** Ids that are not a case's, standard's, …: malformed, or well-formed and never issued. */
const BAD_IDS = (rng: Rng, real: string): string[] => [
  'not-a-uuid',
  '0',
  '-1',
  real.toUpperCase().replace(/.$/, 'Z'),
  real.slice(0, -1),
  `${real}0`,
  `${real} `,
  ` ${real}`,
  `{${real}}`,
  real.replace(/-/g, ''),
  'ø'.repeat(36),
  '😀',
  '%00',
  `${real}%00`,
  '%2e%2e%2f%2e%2e%2fhealth',
  '..%2F..%2Fadmin',
  '..',
  '.',
  '%',
  '%zz',
  "'%20OR%201=1",
  'a'.repeat(rng.pick([37, 1000, 8000])),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  UNKNOWN,
  UNKNOWN.toUpperCase(),
];

// ---------------------------------------------------------------------------------------------
// A request

export interface FuzzRequest {
  /** Which defect it carries (for the histogram and the class's expectation). */
  kind: string;
  /** The operation's path template in the OpenAPI document. */
  operation: string;
  method: string;
  /** Under the API's origin, already encoded as it goes on the wire. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /**
   * Statuses this defect must give (413 too when the body is over 1 MB); undefined: any 4xx (any
   * 2xx-4xx for a GET).
   */
  expect?: number[];
}

export const TOKEN = TEST_TOKEN;

const enc = (s: string) => encodeURIComponent(s);

/** Builds the concrete path; `override` replaces one parameter with raw (already encoded) text. */
function pathOf(
  op: Operation,
  fx: Fixtures,
  rng: Rng,
  override?: { name: string; raw: string },
): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    override?.name === name ? override.raw : enc(realValue(op, name, fx, rng)),
  );
}

const DEFECTS = [
  'auth',
  'tenant',
  'pathId',
  'otherTenant',
  'unknownId',
  'query',
  'contentType',
  'malformedJson',
  'notAnObject',
  'missingField',
  'wrongType',
  'unknownField',
  'hostileString',
  'hugeString',
  'hugeArray',
  'deepNesting',
  'oversize',
] as const;
export type Defect = (typeof DEFECTS)[number];

/** Weights: cheap defects often, the heavy ones (megabytes) rarely. */
const WEIGHT: Record<Defect, number> = {
  auth: 8,
  tenant: 8,
  pathId: 12,
  otherTenant: 10,
  unknownId: 5,
  query: 5,
  contentType: 6,
  malformedJson: 10,
  notAnObject: 5,
  missingField: 8,
  wrongType: 12,
  unknownField: 6,
  hostileString: 8,
  hugeString: 2,
  hugeArray: 1.5,
  deepNesting: 1.5,
  oversize: 0.6,
};

/** Path parameters that are ids (not an enum such as a service name). */
/** Path parameters that name an object: not a choice (`enum`), not a number (a version). */
const idParams = (op: Operation) =>
  op.pathParams.filter((p) => !p.schema.enum && p.schema.type !== 'integer');
/** Bad numbers for a number in the path (a version: an integer from 1, no leading zero). */
const BAD_NUMBERS = ['0', '-1', '1.5', 'one', '01', '1e0', '9999999', '%00'];

function applicable(op: Operation, d: Defect): boolean {
  switch (d) {
    case 'pathId':
      return op.pathParams.length > 0;
    case 'otherTenant':
      // A public operation answers the same to every tenant: another tenant's id is no defect.
      return idParams(op).length > 0 && !op.public;
    case 'unknownId':
      return idParams(op).length > 0;
    case 'query':
      return op.queryParams.length > 0;
    case 'contentType':
    case 'malformedJson':
    case 'notAnObject':
    case 'deepNesting':
      return !!op.body;
    case 'auth':
    case 'tenant':
      // A public operation takes no token and no tenant: neither is a defect there.
      return !op.public;
    default:
      return !!op.body && !op.lenientBody;
  }
}

/** One request for `op` with one defect (chosen by weight among those that apply). */
export function generate(doc: any, op: Operation, fx: Fixtures, rng: Rng): FuzzRequest {
  const defects = DEFECTS.filter((d) => applicable(op, d));
  const total = defects.reduce((n, d) => n + WEIGHT[d], 0);
  let roll = rng.next() * total;
  const defect = defects.find((d) => (roll -= WEIGHT[d]) < 0) ?? defects[0]!;

  const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
  // A copy: the instance shares the document's examples, which the defects below change.
  let value: unknown = op.body ? structuredClone(instance(doc, op.body, fx)) : undefined;
  let raw: string | Buffer | undefined;
  let path = pathOf(op, fx, rng);
  let expect: number[] | undefined;
  const bodyPaths = () => (op.body ? walk(doc, op.body, value) : []);
  const pickPath = (filter: (s: Schema) => boolean) => {
    const candidates = bodyPaths().filter((p) => p.at.length > 0 && filter(p.schema));
    return candidates.length ? rng.pick(candidates) : undefined;
  };

  switch (defect) {
    case 'auth':
      expect = [401];
      if (rng.chance(0.3)) delete headers.authorization;
      else
        headers.authorization = rng.pick([
          'Bearer wrong-token-0123456789',
          'Bearer',
          'Bearer ',
          `bearer  ${TOKEN}x`,
          `Basic ${Buffer.from('admin:admin').toString('base64')}`,
          TOKEN,
          `Bearer ${TOKEN.slice(0, -1)}`,
          `Bearer ${'x'.repeat(rng.pick([100, 4000]))}`,
          `Bearer ${TOKEN} ${TOKEN}`,
          'Bearer \u00ff\u00fe',
        ]);
      if (op.body && rng.chance(0.3)) raw = '{"broken": '; // the token is checked before the body
      break;
    case 'tenant':
      expect = [400];
      headers['x-balanse-tenant'] = rng.pick([
        'Tenant_B',
        'TENANT',
        '-tenant',
        'a'.repeat(64),
        '../default',
        'tenant b',
        'ten\u00e6nt',
        '%00',
        'default,tenant-b',
        '*',
        'x'.repeat(rng.pick([100, 4000])),
      ]);
      break;
    case 'pathId': {
      const param = rng.pick(op.pathParams);
      const real = realValue(op, param.name, fx, rng);
      const bad = param.schema.enum
        ? rng.pick([
            String(param.schema.enum[0]).toUpperCase(),
            'gateway',
            `../${String(param.schema.enum[0])}`,
            '',
            '%00',
          ])
        : param.schema.type === 'integer'
          ? rng.pick(BAD_NUMBERS)
          : rng.pick(BAD_IDS(rng, real));
      // Raw path bytes (e.g. `..`) are sent unencoded on purpose; text that is not a URL is encoded.
      const rawText = /^[\w.%'{}-]*$/.test(bad) ? bad : enc(bad);
      path = pathOf(op, fx, rng, { name: param.name, raw: rawText });
      break;
    }
    case 'otherTenant':
      // Tenant A's real ids, asked for by tenant B: B must not learn that they exist.
      headers['x-balanse-tenant'] = TENANT_B;
      expect = [404];
      if (rng.chance(0.3)) {
        // The same ids in upper case: the API accepts either case.
        const param = rng.pick(idParams(op));
        const upper = realValue(op, param.name, fx, rng).toUpperCase();
        path = pathOf(op, fx, rng, { name: param.name, raw: upper });
      }
      break;
    case 'unknownId': {
      const param = rng.pick(idParams(op));
      const hex = [...Array(4)]
        .map(() =>
          rng
            .int(2 ** 32)
            .toString(16)
            .padStart(8, '0'),
        )
        .join('');
      const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
      path = pathOf(op, fx, rng, { name: param.name, raw: uuid });
      // An unknown outcome of a real case: the case's phase may be checked first (409).
      expect = op.body ? [400, 404, 409, 422] : [404];
      break;
    }
    case 'query': {
      const param = rng.pick(op.queryParams);
      // A request that must be refused: a value the parameter's own pattern allows is no
      // defect there (`abc` is a fine code to import a standard under).
      const allowed =
        op.method !== 'GET' && param.schema.pattern ? new RegExp(param.schema.pattern) : undefined;
      const bad = rng.pick(
        [
          '0',
          '-1',
          '101',
          '1e309',
          'abc',
          '1.5',
          '',
          '%00',
          '!!',
          'x'.repeat(600),
          Buffer.from(JSON.stringify(['other-list', 'x'])).toString('base64url'),
        ].filter((v) => !allowed?.test(v)),
      );
      path += `?${enc(param.name)}=${/^[\w.%!-]*$/.test(bad) ? bad : enc(bad)}`;
      if (rng.chance(0.3)) path += `&${enc(param.name)}=1`;
      break;
    }
    case 'contentType':
      expect = [415];
      headers['content-type'] = rng.pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/json; charset=latin1',
        'image/png',
      ]);
      break;
    case 'malformedJson': {
      const text = JSON.stringify(value);
      raw = rng.pick([
        text.slice(0, Math.max(1, rng.int(text.length))),
        `${text},`,
        text.replace(/"/g, "'"),
        `${text.slice(0, -1)},}`,
        '{"a": NaN}',
        '{"a": undefined}',
        '{a: 1}',
        Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
        Buffer.from([...Array(64)].map(() => rng.int(256))),
        '{"a": 1}{"b": 2}',
        '[',
        '{"a": "\\u00"}',
        '{"a":' + '1'.repeat(400) + '}'.replace('}', ',}'),
      ]);
      expect = [400];
      break;
    }
    case 'notAnObject':
      raw = rng.pick(['null', '"text"', '42', 'true', '[]', '[{}]', '-0', '1e400']);
      expect = [400];
      break;
    case 'missingField': {
      const withRequired = bodyPaths().filter((p) => p.schema.required?.length);
      const target = withRequired.length ? rng.pick(withRequired) : undefined;
      if (target) {
        let node: any = value;
        for (const k of target.at) node = node[k];
        delete node[rng.pick(target.schema.required!)];
      } else value = {};
      expect = [400];
      break;
    }
    case 'wrongType': {
      const target = pickPath(() => true);
      if (target) value = setAt(value, target.at, wrongTypeFor(rng, target.schema));
      else value = 'x';
      expect = [400];
      break;
    }
    case 'unknownField': {
      const objects = bodyPaths().filter((p) => p.schema.type === 'object' && p.schema.properties);
      const target = rng.pick(objects);
      let node: any = value;
      for (const k of target.at) node = node[k];
      // An own property even for `__proto__`, so JSON.stringify sends it.
      const names = ['zzFuzz', '__proto__', 'constructor', 'tenant', 'isAdmin', ''].filter(
        (name) => !Object.hasOwn(target.schema.properties!, name), // unknown to this schema
      );
      Object.defineProperty(node, rng.pick(names), {
        value: rng.pick([1, 'x', { admin: true }]),
        enumerable: true,
      });
      expect = [400];
      break;
    }
    case 'hostileString':
    case 'hugeString': {
      const target = pickPath((s) => s.type === 'string');
      const text =
        defect === 'hugeString'
          ? rng.pick(['x', 'ø', '💥', '\u0000']).repeat(rng.pick([10_000, 300_000, MB / 2, MB + 1]))
          : rng.pick(HOSTILE_STRINGS);
      if (target) value = setAt(value, target.at, text);
      // A valid-looking body with a hostile string could be accepted: make sure it is refused.
      (value as any).zzFuzz = 1;
      break;
    }
    case 'hugeArray': {
      const target = pickPath((s) => s.type === 'array');
      const n = rng.pick([1_001, 10_000, 100_000, 200_000]);
      const item = rng.pick<unknown>([fx.outcomeId, 1, {}, 'x']);
      if (target) value = setAt(value, target.at, Array(n).fill(item));
      (value as any).zzFuzz = 1;
      break;
    }
    case 'deepNesting': {
      const depth = 10_000;
      const open = rng.chance(0.5) ? '{"a":'.repeat(depth) : '['.repeat(depth);
      const close = open.startsWith('{') ? '}'.repeat(depth) : ']'.repeat(depth);
      const target = pickPath(() => true);
      const marker = '"__DEEP__"';
      if (target) value = setAt(value, target.at, '__DEEP__');
      else value = { zzFuzz: '__DEEP__' };
      raw = JSON.stringify(value).replace(marker, `${open}1${close}`);
      expect = [400, 413];
      break;
    }
    case 'oversize': {
      const size = rng.chance(0.85) ? 2 * MB : 20 * MB;
      raw = JSON.stringify({ ...(value as object), padding: 'x'.repeat(size) });
      expect = [413];
      break;
    }
  }

  // Noise: what a careless client adds, never enough to make a request valid.
  if (rng.chance(0.2)) {
    const key = rng.pick([
      '',
      'k',
      'x'.repeat(300),
      'ø-key',
      '00000000-0000-0000-0000-000000000000',
      `fuzz-${rng.int(5)}`,
    ]);
    headers['idempotency-key'] = key;
    // A creating POST checks its key with the headers, before the body and the ids.
    if (op.idempotent && expect && !/^[\x21-\x7E]{1,255}$/.test(key)) expect = [...expect, 400];
  }
  if (rng.chance(0.1)) headers['accept'] = rng.pick(['text/html', 'application/xml', '*/*']);
  if (rng.chance(0.1)) headers['x-request-id'] = rng.pick(['\u00ff', 'x'.repeat(200)]);

  let body: Buffer | undefined;
  if (raw !== undefined) body = typeof raw === 'string' ? Buffer.from(raw) : raw;
  else if (value !== undefined) body = Buffer.from(JSON.stringify(value));
  if (body && !headers['content-type'] && defect !== 'contentType')
    headers['content-type'] = 'application/json';
  return { kind: defect, operation: op.path, method: op.method, path, headers, body, expect };
}
