/**
 * Bad input on every public endpoint gets a clear 4xx with a stable `code` (and, for validation,
 * the failing `fields`), never a 5xx, changes nothing, and is one of the codes the OpenAPI
 * document lists for that operation. Each `*.rows.ts` file in this folder holds the rows of one
 * endpoint (or concern) as a `badInputGroup`; `bad-input.int.spec.ts` runs them all with
 * `describeBadInput`, which:
 *
 * - starts one embedded instance (every service, PGlite in memory, in-process bus) and prepares a
 *   standard of its own and four cases, one per phase;
 * - sends each row of the file's table and checks the answer;
 * - compares everything that was there with a snapshot taken before.
 *
 * The instance runs `startEmbedded` in a child Node process, compiled from source by the same swc
 * options as the build: PGlite loads its Node modules with dynamic `import()`, which jest's VM
 * refuses without `--experimental-vm-modules` (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG). The
 * child also makes a crash visible (it exits) and gives us the server's error log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { testPackage } from '@balanse/case-exchange/testing';
import { join } from 'node:path';
import { SERVICES } from '@balanse/contracts';
import {
  ApiClient,
  both,
  publishedStandard,
  seededStandard,
  waitForPhase,
  type ApiResponse,
} from '@balanse/testing';

export const TOKEN = 'bad-input-test-token-0123456789';
export const TENANT_B = 'tenant-b';
export const UNKNOWN = '3b0c2f8e-5f1a-4c7e-9d7a-1e2f3a4b5c6d'; // well-formed, never issued
export const MB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// The embedded instance, in a child process

const CHILD = `
require('./tools/swc-register.cjs');
const { startEmbedded } = require('./' + require('./tsconfig.base.json').compilerOptions.paths['@balanse/embedded'][0]);
let embedded;
const stop = () => Promise.resolve(embedded && embedded.close()).finally(() => process.exit(0));
process.on('message', stop); // the test is done
process.on('disconnect', stop); // the test process went away
startEmbedded({ dataDir: 'memory://', port: 0, adminToken: process.env.BALANSE_ADMIN_TOKEN, logger: ['error'] }).then(
  (started) => { embedded = started; process.send({ url: started.url }); },
  (err) => { console.error(err); process.exit(1); },
);
`;

class EmbeddedChild {
  private child: ChildProcess | undefined;
  private readonly output: string[] = [];
  url = '';

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--enable-source-maps', '-e', CHILD], {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, BALANSE_ADMIN_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    child.stdout!.on('data', (c: Buffer) => this.output.push(c.toString()));
    child.stderr!.on('data', (c: Buffer) => this.output.push(c.toString()));
    const started = await new Promise<{ url: string }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { url: string }));
      child.once('exit', (code) =>
        reject(new Error(`embedded instance exited with ${code}:\n${this.log()}`)),
      );
    });
    this.url = started.url;
  }

  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  log(): string {
    return this.output.join('');
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send('stop');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Fixtures: what exists before the bad requests

export interface Fixtures {
  /** The seeded (shared) standard and three of its outcomes; o0 and o1 are in every case's scope. */
  std: string;
  o0: string;
  o1: string;
  o2: string;
  /** A standard of tenant `default` (version 1, a draft), and one of its outcomes. */
  ownStd: string;
  ownOutcome: string;
  /** A standard of tenant `default`, version 1 published. */
  pubStd: string;
  /** Opened, no scope. */
  caseEmpty: string;
  /** Phase identify, scope [o0, o1]. */
  caseIdentify: string;
  /** Phase document, evidence for o0 only. */
  caseDocument: string;
  /** Phase assess, evidence for both, a judgement for o0 only. */
  caseAssess: string;
  /** A need of tenant `default` for the seeded standard, all outcomes. */
  need: string;
  unknown: string;
}
/** Set by describeBadInput's beforeAll; rows read it when they are sent. */
export const fx = { unknown: UNKNOWN } as Fixtures;

export const outcome = (statement: string) => ({ statement: both(statement), category: 'skills' });
export const standardBody = (code: string) => ({
  code,
  title: both('Bad-input test standard'),
  owner: { name: 'Bad-input employer' },
  nqfLevel: 5,
  clusters: [
    {
      title: both('Cluster'),
      areas: [
        {
          title: both('Area'),
          outcomes: [outcome('Can plan a rota.'), outcome('Can lead a team meeting.')],
        },
      ],
    },
  ],
});
/** A valid CASE package: one cluster, area and outcome. */
export const CASE_PACKAGE = testPackage([
  { name: 'c', CFItemType: 'Cluster' },
  { name: 'a', parent: 'c', CFItemType: 'Competence area' },
  { name: 'o', parent: 'a', CFItemType: 'Skills', humanCodingScheme: 'O-1' },
]);

export const openBody = (f: Fixtures, patch: Record<string, unknown> = {}) => ({
  standardId: f.std,
  candidate: { externalId: 'HR-bad-1', name: 'Kari Nordmann' },
  ...patch,
});
export const scopeWith = (patch: Record<string, unknown>) => (f: Fixtures) => ({
  outcomeIds: [f.o0],
  selfAssessment: { [f.o0]: 2 },
  ...patch,
});
export const needBody = (f: Fixtures, patch: Record<string, unknown> = {}) => ({
  title: 'Department leaders',
  standardId: f.std,
  people: { min: 5, max: 10 },
  sector: '86.10',
  region: '42',
  neededBy: '2028-01-31',
  ...patch,
});
export const evidenceBody = (f: Fixtures, patch: Record<string, unknown> = {}) => ({
  kind: 'attestation',
  title: 'Employer attestation',
  outcomeIds: [f.o1],
  ...patch,
});
export const evidenceWith = (patch: Record<string, unknown>) => (f: Fixtures) =>
  evidenceBody(f, patch);
export const judgementWith = (patch: Record<string, unknown>) => ({
  judgement: 'met',
  rationale: 'Seen in the attestation and at work.',
  ...patch,
});

// ---------------------------------------------------------------------------------------------
// Rows of bad requests

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export interface BadRequest {
  name: string;
  method: Method;
  /** Under /api/v1 (or absolute when it starts with /api/, /ims/ or /health); `{key}` is replaced from the fixtures. */
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (with content-type application/json unless `headers` says otherwise). */
  raw?: string;
  /** Replace request headers; `null` removes one (e.g. authorization, content-type). */
  headers?: Record<string, string | null>;
  tenant?: string;
  status: number;
  code: string;
  /** A field that must be named in `fields` (`{key}` replaced from the fixtures; a RegExp for generated paths). */
  field?: string | RegExp;
  /** What the message must say. */
  message?: RegExp;
  details?: (f: Fixtures) => Record<string, unknown>;
}

/** A valid request per endpoint; it would change something if a guard let it through. */
export const ENDPOINTS: Array<Omit<BadRequest, 'name' | 'status' | 'code'>> = [
  { method: 'GET', path: '/standards' },
  { method: 'POST', path: '/standards', body: standardBody('auth-probe') },
  { method: 'GET', path: '/standards/{ownStd}' },
  { method: 'GET', path: '/standards/{ownStd}/versions' },
  { method: 'POST', path: '/standards/import/case', body: CASE_PACKAGE },
  { method: 'GET', path: '/standards/{ownStd}/case' },
  { method: 'GET', path: '/ims/case/v1p1/CFDocuments' },
  // The binding answers any id it does not serve with 404, so no placeholder here.
  { method: 'GET', path: `/ims/case/v1p1/CFPackages/${UNKNOWN}` },
  { method: 'POST', path: '/standards/{pubStd}/versions' },
  {
    method: 'PATCH',
    path: '/standards/{ownStd}/versions/1',
    body: { title: both('Renamed') },
  },
  { method: 'POST', path: '/standards/{ownStd}/versions/1/publish' },
  { method: 'POST', path: '/cases', body: (f: Fixtures) => openBody(f) },
  { method: 'GET', path: '/cases' },
  { method: 'GET', path: '/cases/{caseIdentify}' },
  {
    method: 'PUT',
    path: '/cases/{caseIdentify}/employer-view',
    body: (f: Fixtures) => ({ ratings: { [f.o0]: 2 } }),
  },
  { method: 'GET', path: '/cases/{caseIdentify}/gap' },
  { method: 'POST', path: '/needs', body: (f: Fixtures) => needBody(f) },
  { method: 'GET', path: '/needs' },
  { method: 'GET', path: '/needs/{need}' },
  { method: 'PATCH', path: '/needs/{need}', body: { region: '18' } },
  { method: 'GET', path: '/cases/{caseIdentify}/history' },
  { method: 'PUT', path: '/cases/{caseIdentify}/scope', body: scopeWith({}) },
  { method: 'POST', path: '/cases/{caseIdentify}/identify/complete' },
  { method: 'POST', path: '/cases/{caseDocument}/evidence', body: evidenceWith({}) },
  { method: 'GET', path: '/cases/{caseDocument}/evidence' },
  { method: 'POST', path: '/cases/{caseDocument}/document/complete' },
  { method: 'PUT', path: '/cases/{caseAssess}/assess/outcomes/{o1}', body: judgementWith({}) },
  { method: 'GET', path: '/cases/{caseAssess}/assess/outcomes' },
  { method: 'POST', path: '/cases/{caseAssess}/assess/complete' },
  { method: 'GET', path: '/cases/{caseAssess}/credentials' },
  { method: 'GET', path: '/credentials/{unknown}' },
  { method: 'GET', path: '/credentials/{unknown}/pdf' },
  { method: 'GET', path: '/credentials/{unknown}/elm' },
  { method: 'POST', path: '/credentials/{unknown}/revoke', body: { reason: 'probe' } },
  { method: 'POST', path: '/credentials/{unknown}/suspend', body: { reason: 'probe' } },
  { method: 'POST', path: '/credentials/{unknown}/reinstate' },
  { method: 'GET', path: '/admin/dead-letters/identify' },
  { method: 'POST', path: '/admin/dead-letters/identify/{unknown}/replay' },
  { method: 'POST', path: '/admin/dead-letters/identify/replay', body: { ids: [UNKNOWN] } },
  {
    method: 'POST',
    path: '/admin/dead-letters/identify/{unknown}/discard',
    body: { reason: 'probe' },
  },
  { method: 'GET', path: '/webhooks' },
  {
    method: 'POST',
    path: '/webhooks',
    body: { url: 'https://hr.example.com/hook', events: ['case.opened'] },
  },
  { method: 'DELETE', path: '/webhooks/{unknown}' },
  { method: 'GET', path: '/webhooks/{unknown}/deliveries' },
];
export const label = (e: { method: string; path: string }) => `${e.method} ${e.path}`;

/** The same shapes of broken body for every endpoint that takes one. */
const BODY_ENDPOINTS: Array<{ method: Method; path: string; required: string }> = [
  { method: 'POST', path: '/standards', required: 'code' },
  { method: 'POST', path: '/cases', required: 'standardId' },
  { method: 'PUT', path: '/cases/{caseIdentify}/scope', required: 'outcomeIds' },
  { method: 'PUT', path: '/cases/{caseIdentify}/employer-view', required: 'ratings' },
  { method: 'POST', path: '/needs', required: 'standardId' },
  { method: 'PATCH', path: '/needs/{need}', required: '(body)' },
  { method: 'POST', path: '/cases/{caseDocument}/evidence', required: 'kind' },
  { method: 'PUT', path: '/cases/{caseAssess}/assess/outcomes/{o1}', required: 'judgement' },
  { method: 'POST', path: '/admin/dead-letters/identify/replay', required: 'ids' },
  { method: 'POST', path: '/admin/dead-letters/identify/{unknown}/discard', required: 'reason' },
  { method: 'POST', path: '/webhooks', required: 'url' },
  { method: 'POST', path: '/credentials/{unknown}/revoke', required: 'reason' },
  { method: 'POST', path: '/credentials/{unknown}/suspend', required: 'reason' },
];

/**
 * The rows every endpoint gets (for the endpoints named as in ENDPOINTS, e.g. `GET /standards`):
 * a tenant header of the wrong form, another tenant's ids, malformed and unknown path ids, and
 * for those that take a body, every broken shape of body.
 */
export function endpointRows(...endpoints: string[]): BadRequest[] {
  const unknownEndpoint = endpoints.find((n) => !ENDPOINTS.some((e) => label(e) === n));
  if (unknownEndpoint) throw new Error(`no endpoint ${unknownEndpoint}`);
  return ENDPOINTS.filter((e) => endpoints.includes(label(e))).flatMap((e) => [
    {
      ...e,
      name: `${label(e)}: invalid tenant header → 400`,
      tenant: 'Tenant_B',
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'header.x-balanse-tenant',
    },
    ...(e.path.startsWith('/cases/') ? caseRows(e) : []),
    ...pathIdRows(e),
    ...BODY_ENDPOINTS.filter((b) => label(b) === label(e)).flatMap(bodyRows),
  ]);
}

function caseRows(e: (typeof ENDPOINTS)[number]): BadRequest[] {
  const unknown = e.path.replace(/\{case\w+\}/, '{unknown}');
  return [
    {
      ...e,
      name: `${label(e)} of tenant default, as ${TENANT_B} → 404`,
      tenant: TENANT_B,
      status: 404,
      code: 'CASE_NOT_FOUND',
    },
    {
      ...e,
      path: unknown,
      name: `${e.method} ${unknown} → 404`,
      status: 404,
      code: 'CASE_NOT_FOUND',
    },
  ];
}

/** Every id in the path, one at a time, not a UUID. */
function pathIdRows(e: (typeof ENDPOINTS)[number]): BadRequest[] {
  return [...e.path.matchAll(/\{(\w+)\}/g)].map(([placeholder, key]): BadRequest => {
    const path = e.path.replace(placeholder, 'not-a-uuid');
    return {
      ...e,
      path,
      name: `${e.method} ${path} → 400`,
      status: 400,
      code: 'VALIDATION_FAILED',
      field: key === 'o1' ? 'outcomeId' : 'id',
    };
  });
}

function bodyRows({ required, ...e }: (typeof BODY_ENDPOINTS)[number]): BadRequest[] {
  return [
    {
      ...e,
      name: `${label(e)}: empty object → 400 ${required}`,
      body: {},
      status: 400,
      code: 'VALIDATION_FAILED',
      field: required,
    },
    {
      ...e,
      name: `${label(e)}: no body → 400 ${required}`,
      status: 400,
      code: 'VALIDATION_FAILED',
      field: required,
    },
    {
      ...e,
      name: `${label(e)}: empty body with content-type JSON → 400 ${required}`,
      raw: '',
      status: 400,
      code: 'VALIDATION_FAILED',
      field: required,
    },
    {
      ...e,
      name: `${label(e)}: an array → 400 (body)`,
      body: [{}],
      status: 400,
      code: 'VALIDATION_FAILED',
      field: '(body)',
    },
    {
      ...e,
      name: `${label(e)}: a JSON string → 400`,
      raw: '"text"',
      status: 400,
      code: 'MALFORMED_JSON',
    },
    {
      ...e,
      name: `${label(e)}: JSON null → 400`,
      raw: 'null',
      status: 400,
      code: 'MALFORMED_JSON',
    },
    {
      ...e,
      name: `${label(e)}: a JSON number → 400`,
      raw: '42',
      status: 400,
      code: 'MALFORMED_JSON',
    },
    {
      ...e,
      name: `${label(e)}: malformed JSON → 400`,
      raw: '{"a": ',
      status: 400,
      code: 'MALFORMED_JSON',
    },
    {
      ...e,
      name: `${label(e)}: malformed JSON without a token → 401 (the token is checked first)`,
      raw: '{"a": ',
      headers: { authorization: null },
      status: 401,
      code: 'UNAUTHENTICATED',
      message: /^no bearer token/,
    },
    {
      ...e,
      name: `${label(e)}: JSON with a trailing comma → 400`,
      raw: '{"a": 1,}',
      status: 400,
      code: 'MALFORMED_JSON',
    },
    {
      ...e,
      name: `${label(e)}: JSON declared UTF-16 → 400`,
      raw: '{}',
      headers: { 'content-type': 'application/json; charset=utf-16' },
      status: 400,
      code: 'MALFORMED_JSON',
    },
    {
      ...e,
      name: `${label(e)}: unsupported charset → 415`,
      raw: '{}',
      headers: { 'content-type': 'application/json; charset=latin1' },
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      ...e,
      name: `${label(e)}: gzip body that does not inflate → 400`,
      raw: 'not gzip at all',
      headers: { 'content-encoding': 'gzip' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      ...e,
      name: `${label(e)}: unknown content-encoding → 415`,
      raw: '{}',
      headers: { 'content-encoding': 'zip-2000' },
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      ...e,
      name: `${label(e)}: JSON sent as text/plain → 415, saying to send application/json`,
      raw: '{}',
      headers: { 'content-type': 'text/plain' },
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: /Content-Type: application\/json \(got "text\/plain"\)/,
    },
    {
      ...e,
      name: `${label(e)}: a form → 415`,
      raw: 'code=x&title=y',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: /Content-Type: application\/json/,
    },
    {
      ...e,
      name: `${label(e)}: a body without Content-Type → 415`,
      raw: '{}',
      headers: { 'content-type': null },
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: /no Content-Type/,
    },
    {
      ...e,
      name: `${label(e)}: text/plain without a token → 401 (the token is checked first)`,
      raw: '{}',
      headers: { 'content-type': 'text/plain', authorization: null },
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      ...e,
      name: `${label(e)}: over 1 MB → 413`,
      body: { padding: 'x'.repeat(MB + 1000) },
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    },
    {
      ...e,
      name: `${label(e)}: "__proto__" field → 400`,
      raw: '{"__proto__": {"admin": true}}',
      status: 400,
      code: 'VALIDATION_FAILED',
      field: '__proto__',
    },
    {
      ...e,
      name: `${label(e)}: "constructor" field → 400`,
      raw: '{"constructor": {"prototype": {}}}',
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'constructor',
    },
    {
      ...e,
      name: `${label(e)}: nested 100 000 objects deep → 400`,
      raw: '{"x":'.repeat(100_000) + '1' + '}'.repeat(100_000),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: /^x(\.x)+$/,
    },
    {
      ...e,
      name: `${label(e)}: nested 100 000 arrays deep → 400`,
      raw: '{"x":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}',
      status: 400,
      code: 'VALIDATION_FAILED',
      field: /^x(\.0)+$/,
    },
  ];
}

/** Rows that expect 400 VALIDATION_FAILED naming `field`, one per `[what, body, field]`. */
export function validationRows(
  method: Method,
  path: string,
  prefix: string,
  rows: Array<[string, unknown, string]>,
): BadRequest[] {
  return rows.map(([what, body, field]) => ({
    name: `${prefix}: ${what} → 400 ${field}`,
    method,
    path,
    body,
    status: 400,
    code: 'VALIDATION_FAILED',
    field,
  }));
}

// ---------------------------------------------------------------------------------------------
// Sending a row

interface Answer {
  status: number;
  contentType: string;
  body: any;
}

function fill(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = (fx as unknown as Record<string, string | undefined>)[key];
    if (value === undefined) throw new Error(`no fixture ${key}`);
    return value;
  });
}

async function send(row: BadRequest, url: string): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
  if (row.tenant !== undefined) headers['x-balanse-tenant'] = row.tenant;
  let payload: string | undefined;
  if (row.raw !== undefined) payload = fill(row.raw);
  else if (row.body !== undefined)
    payload = JSON.stringify(
      typeof row.body === 'function' ? (row.body as (f: Fixtures) => unknown)(fx) : row.body,
    );
  if (payload !== undefined) headers['content-type'] = 'application/json';
  for (const [name, value] of Object.entries(row.headers ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }
  const path = /^\/(api|ims)\//.test(row.path) ? row.path : `/api/v1${row.path}`;
  // Bytes, not a string: fetch would add `text/plain` to a string sent without a content type.
  const body = payload === undefined ? undefined : new TextEncoder().encode(payload);
  const res = await fetch(`${url}${fill(path)}`, { method: row.method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* keep the text: the assertion below shows it */
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: parsed };
}

export function must<T = any>(step: string, res: ApiResponse<T>, status: number): T {
  if (res.status !== status)
    throw new Error(`${step} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

type Operation = { responses: Record<string, { content?: any }> };

/**
 * The codes the OpenAPI document lists for the operation a row calls, at a status; undefined for
 * a route it does not have (a 404 NOT_FOUND's).
 */
function documentedCodes(doc: any, row: BadRequest, status: number): string[] | undefined {
  const path = /^\/(api|ims)\//.test(row.path) ? row.path : `/api/v1${row.path}`;
  const concrete = path.replace(/\{(\w+)\}/g, 'x').split('?')[0];
  const template = Object.keys(doc.paths).find((p) =>
    new RegExp(`^${p.replace(/\{\w+\}/g, '[^/]+')}$`).test(concrete),
  );
  const op: Operation | undefined = template && doc.paths[template][row.method.toLowerCase()];
  if (!op) return undefined;
  const json = op.responses[String(status)]?.content?.['application/json'];
  return Object.values<{ value: { code: string } }>(json?.examples ?? {}).map((e) => e.value.code);
}

// ---------------------------------------------------------------------------------------------

/**
 * One embedded instance, the fixtures, the rows, and the check that nothing changed; `more` adds
 * tests that run last (they may change something).
 */
/** One endpoint's (or one concern's) bad requests, and tests that change something on purpose. */
export interface BadInputGroup {
  title: string;
  rows: BadRequest[];
  more?: (api: () => ApiClient) => void;
}

export function badInputGroup(
  title: string,
  rows: BadRequest[],
  more?: (api: () => ApiClient) => void,
): BadInputGroup {
  return { title, rows, more };
}

/**
 * Every group against one instance (its start-up is most of the time): after the prepared state
 * is checked, each group's rows run, then the check that nothing changed; the tests that change
 * something on purpose run last.
 */
export function describeBadInput(groups: BadInputGroup[]): void {
  describe('bad input: a clear 4xx with a stable code, never a 5xx, nothing changed', () => {
    const server = new EmbeddedChild();
    let api: ApiClient;
    let apiB: ApiClient;
    let before: Awaited<ReturnType<typeof snapshot>>;
    let docs: any;

    const caseIds = () => [fx.caseEmpty, fx.caseIdentify, fx.caseDocument, fx.caseAssess];

    /** Everything the bad requests could have touched, as the API shows it. */
    async function snapshot() {
      const perCase = (suffix: string, client = api) =>
        Promise.all(caseIds().map(async (id) => (await client.get(`/cases/${id}${suffix}`)).body));
      /** The items of a case's list (one page holds them all here). */
      const perCaseList = async (suffix: string) =>
        (await perCase(`${suffix}?limit=100`)).map((page: { items: unknown[] }) => page.items);
      const deadLetters = (client: ApiClient) =>
        Promise.all(
          SERVICES.map(
            async (s) =>
              // the first page's items (a page of 100 holds everything a bad request could add)
              must(`dead letters ${s}`, await client.get(`/admin/dead-letters/${s}?limit=100`), 200)
                .items,
          ),
        );
      return {
        standards: must('list standards', await api.get('/standards?limit=100'), 200).items,
        ownStandard: must('get own standard', await api.get(`/standards/${fx.ownStd}`), 200),
        publishedVersions: must(
          'versions of the published standard',
          await api.get(`/standards/${fx.pubStd}/versions`),
          200,
        ),
        standardsOfB: must('list standards of B', await apiB.get('/standards?limit=100'), 200)
          .items,
        cases: await perCase(''),
        history: await perCaseList('/history'),
        evidence: await perCaseList('/evidence'),
        judgements: await perCaseList('/assess/outcomes'),
        credentials: await perCaseList('/credentials'),
        casesSeenByB: (await Promise.all(caseIds().map((id) => apiB.get(`/cases/${id}`)))).map(
          (r) => r.status,
        ),
        needs: must('list needs', await api.get('/needs?limit=100'), 200).items,
        needsOfB: must('list needs of B', await apiB.get('/needs?limit=100'), 200).items,
        caseList: must('list cases', await api.get('/cases?limit=100'), 200).items,
        caseListOfB: must('list cases of B', await apiB.get('/cases?limit=100'), 200).items,
        deadLetters: await deadLetters(api),
        deadLettersOfB: await deadLetters(apiB),
        webhooks: must('list webhooks', await api.get('/webhooks?limit=100'), 200).items,
        webhooksOfB: must('list webhooks of B', await apiB.get('/webhooks?limit=100'), 200).items,
      };
    }

    async function openCase(externalId: string): Promise<string> {
      return must(
        'open case',
        await api.post('/cases', {
          standardId: fx.std,
          candidate: { externalId, name: `Candidate ${externalId}` },
        }),
        201,
      ).id;
    }
    async function toDocument(externalId: string, evidenceFor: string[]): Promise<string> {
      const id = await openCase(externalId);
      must(
        'scope',
        await api.put(`/cases/${id}/scope`, {
          outcomeIds: [fx.o0, fx.o1],
          selfAssessment: { [fx.o0]: 3, [fx.o1]: 1 },
        }),
        200,
      );
      must('identify/complete', await api.post(`/cases/${id}/identify/complete`), 200);
      must(
        'evidence',
        await api.post(`/cases/${id}/evidence`, {
          kind: 'attestation',
          title: 'Attestation',
          period: { from: '2019-08-01', to: '2024-06-30' },
          positionPercent: 80,
          outcomeIds: evidenceFor,
        }),
        201,
      );
      return id;
    }

    beforeAll(async () => {
      // Startup is PGlite-bound: 5-20 s on a developer machine, about 60 s on a small CI runner.
      await server.start();
      api = new ApiClient(server.url, TOKEN);
      apiB = api.withTenant(TENANT_B);
      docs = await (await fetch(`${server.url}/api/docs-json`)).json();

      const seeded = await seededStandard(api);
      fx.std = seeded.id;
      [fx.o0, fx.o1, fx.o2] = seeded.outcomeIds;
      const own = must(
        'create standard',
        await api.post('/standards', standardBody('bad-input-own')),
        201,
      );
      fx.ownStd = own.id;
      fx.ownOutcome = own.clusters[0].areas[0].outcomes[0].id;
      fx.pubStd = (await publishedStandard(api, standardBody('bad-input-published'))).id;

      fx.need = must('record need', await api.post('/needs', needBody(fx)), 201).id;
      fx.caseEmpty = await openCase('HR-empty');
      fx.caseIdentify = await openCase('HR-identify');
      must(
        'scope',
        await api.put(`/cases/${fx.caseIdentify}/scope`, {
          outcomeIds: [fx.o0, fx.o1],
          selfAssessment: { [fx.o0]: 3, [fx.o1]: 1 },
        }),
        200,
      );
      fx.caseDocument = await toDocument('HR-document', [fx.o0]);
      fx.caseAssess = await toDocument('HR-assess', [fx.o0, fx.o1]);
      must('document/complete', await api.post(`/cases/${fx.caseAssess}/document/complete`), 200);
      await waitForPhase(api, fx.caseAssess, 'assess');
      must(
        'judgement',
        await api.put(`/cases/${fx.caseAssess}/assess/outcomes/${fx.o0}`, {
          judgement: 'met',
          rationale: 'Seen at work.',
        }),
        200,
      );

      // Events settle within milliseconds; take the snapshot once two in a row agree.
      let previous = await snapshot();
      for (;;) {
        await new Promise((r) => setTimeout(r, 200));
        before = await snapshot();
        if (JSON.stringify(before) === JSON.stringify(previous)) break;
        previous = before;
      }
    }, 180_000);

    afterAll(() => server.stop(), 30_000);

    it('starts from the prepared state', () => {
      expect(before.cases.map((c: { phase: string }) => c.phase)).toEqual([
        'identify',
        'identify',
        'document',
        'assess',
      ]);
      expect(before.cases[1].scope).toEqual({
        outcomeIds: [fx.o0, fx.o1],
        selfAssessment: { [fx.o0]: 3, [fx.o1]: 1 },
      });
      expect(before.evidence.map((e: unknown[]) => e.length)).toEqual([0, 0, 1, 1]);
      expect(before.judgements.map((j: unknown[]) => j.length)).toEqual([0, 0, 0, 1]);
      expect(before.standards.map((s: { code: string }) => s.code).sort()).toEqual([
        'avdelingsleder-helse-omsorg',
        'bad-input-own',
        'bad-input-published',
        'battericelleoperator',
      ]);
      expect(before.standardsOfB.map((s: { code: string }) => s.code)).toEqual([
        'avdelingsleder-helse-omsorg',
        'battericelleoperator',
      ]);
      expect(before.needs.map((n: { id: string }) => n.id)).toContain(fx.need);
      expect(before.needsOfB.map((n: { id: string }) => n.id)).not.toContain(fx.need);
      expect(before.caseList).toHaveLength(4);
      expect(before.caseListOfB).toEqual([]);
      expect(before.casesSeenByB).toEqual([404, 404, 404, 404]);
    });

    for (const group of groups) {
      describe(group.title, () => {
        it.each(group.rows)('$name', async (row) => {
          const started = performance.now();
          const res = await send(row, server.url);
          // Refused at once: no bad request waits out a timeout (a judgement on a case still in
          // document once waited 8 s for the case to reach assess).
          expect(performance.now() - started).toBeLessThan(3000);
          const fields: string[] = Array.isArray(res.body?.fields)
            ? res.body.fields.map((f: { field: string }) => f.field)
            : [];
          // one comparison, so a failure shows the whole answer
          expect({ status: res.status, contentType: res.contentType, body: res.body }).toEqual({
            status: row.status,
            contentType: expect.stringMatching(/^application\/json/),
            body: expect.objectContaining({
              status: row.status,
              code: row.code,
              message: row.message ? expect.stringMatching(row.message) : expect.any(String),
            }),
          });
          expect(res.status).toBeLessThan(500);
          if (row.field instanceof RegExp)
            expect(fields).toContainEqual(expect.stringMatching(row.field));
          else if (row.field !== undefined) expect(fields).toContain(fill(row.field));
          if (row.code === 'VALIDATION_FAILED' && row.field !== undefined)
            expect(res.body.message).toMatch(/^invalid fields: /);
          if (row.details) expect(res.body.details).toMatchObject(row.details(fx));
          // The OpenAPI document lists this code for this operation and status.
          const documented = documentedCodes(docs, row, res.status);
          if (documented)
            expect({ status: res.status, documented }).toEqual({
              status: res.status,
              documented: expect.arrayContaining([row.code]),
            });
        });

        it('changed nothing: standards, cases (phase, scope, history), evidence, judgements, credentials, dead letters', async () => {
          const after = await snapshot();
          expect(after.standards).toEqual(before.standards);
          expect(after.ownStandard).toEqual(before.ownStandard);
          expect(after.cases).toEqual(before.cases);
          expect(after.evidence).toEqual(before.evidence);
          expect(after.judgements).toEqual(before.judgements);
          expect(after.credentials).toEqual(before.credentials);
          expect(after.deadLetters).toEqual(SERVICES.map(() => []));
          // Tenant B sees none of tenant default's cases or standards, and got none of its own.
          expect(after.standardsOfB).toEqual(before.standardsOfB);
          expect(after.standardsOfB.map((s: { id: string }) => s.id)).not.toContain(fx.ownStd);
          expect(after.casesSeenByB).toEqual([404, 404, 404, 404]);
          expect(after.deadLettersOfB).toEqual(SERVICES.map(() => []));
        });
      });
    }

    it('kept running and logged no internal error', async () => {
      expect(server.alive).toBe(true);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      expect((await fetch(`${server.url}/ready`)).status).toBe(200);
      expect(server.log()).not.toMatch(/ERROR|query failed/);
    });

    // Tests that change something on purpose come after every check that nothing changed.
    for (const group of groups) group.more?.(() => api);
  });
}
