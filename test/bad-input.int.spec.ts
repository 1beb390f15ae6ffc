/**
 * Bad input on every public endpoint gets a clear 4xx with a stable `code` (and, for validation,
 * the failing `fields`), never a 5xx, and changes nothing.
 *
 * One embedded instance (every service, PGlite in memory, in-process bus) is prepared with a
 * standard of its own and four cases, one per phase; then a table of bad requests runs against
 * it, and finally everything that was there is compared with a snapshot taken before.
 *
 * The instance runs `startEmbedded` in a child Node process, compiled from source by the same swc
 * options as the build: PGlite loads its Node modules with dynamic `import()`, which jest's VM
 * refuses without `--experimental-vm-modules` (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG). The
 * child also makes a crash visible (it exits) and gives us the server's error log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ApiClient, seededStandard, waitForPhase, type ApiResponse } from '@balanse/testing';

const TOKEN = 'bad-input-test-token-0123456789';
const TENANT_B = 'tenant-b';
const UNKNOWN = '3b0c2f8e-5f1a-4c7e-9d7a-1e2f3a4b5c6d'; // well-formed, never issued
const MB = 1024 * 1024;

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
      cwd: join(__dirname, '..'),
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

interface Fixtures {
  /** The seeded (shared) standard and three of its outcomes; o0 and o1 are in every case's scope. */
  std: string;
  o0: string;
  o1: string;
  o2: string;
  /** A standard of tenant `default`. */
  ownStd: string;
  /** Opened, no scope. */
  caseEmpty: string;
  /** Phase identify, scope [o0, o1]. */
  caseIdentify: string;
  /** Phase document, evidence for o0 only. */
  caseDocument: string;
  /** Phase assess, evidence for both, a judgement for o0 only. */
  caseAssess: string;
  unknown: string;
}
const fx = { unknown: UNKNOWN } as Fixtures;

const outcome = (statement: string) => ({ statement, category: 'skills' });
const standardBody = (code: string) => ({
  code,
  title: 'Bad-input test standard',
  version: '1.0',
  nqfLevel: 5,
  clusters: [
    {
      title: 'Cluster',
      areas: [
        {
          title: 'Area',
          outcomes: [outcome('Can plan a rota.'), outcome('Can lead a team meeting.')],
        },
      ],
    },
  ],
});
/** A standard body with one field replaced (or removed with `undefined`). */
const standardWith = (patch: Record<string, unknown>) => ({
  ...standardBody('bad-input-new'),
  ...patch,
});
const clusterWith = (patch: Record<string, unknown>) =>
  standardWith({
    clusters: [
      { title: 'Cluster', areas: [{ title: 'Area', outcomes: [outcome('Can plan.')] }], ...patch },
    ],
  });
const areaWith = (patch: Record<string, unknown>) =>
  standardWith({
    clusters: [
      { title: 'Cluster', areas: [{ title: 'Area', outcomes: [outcome('Can plan.')], ...patch }] },
    ],
  });
const outcomeWith = (patch: Record<string, unknown>) =>
  areaWith({ outcomes: [{ ...outcome('Can plan.'), ...patch }] });

const openBody = (f: Fixtures, patch: Record<string, unknown> = {}) => ({
  standardId: f.std,
  candidate: { externalId: 'HR-bad-1', name: 'Kari Nordmann' },
  ...patch,
});
const candidateWith = (patch: Record<string, unknown>) => (f: Fixtures) =>
  openBody(f, { candidate: { externalId: 'HR-bad-1', name: 'Kari Nordmann', ...patch } });
const scopeWith = (patch: Record<string, unknown>) => (f: Fixtures) => ({
  outcomeIds: [f.o0],
  selfAssessment: { [f.o0]: 2 },
  ...patch,
});
const evidenceBody = (f: Fixtures, patch: Record<string, unknown> = {}) => ({
  kind: 'attestation',
  title: 'Employer attestation',
  outcomeIds: [f.o1],
  ...patch,
});
const evidenceWith = (patch: Record<string, unknown>) => (f: Fixtures) => evidenceBody(f, patch);
const judgementWith = (patch: Record<string, unknown>) => ({
  judgement: 'met',
  rationale: 'Seen in the attestation and at work.',
  ...patch,
});

// ---------------------------------------------------------------------------------------------
// The table of bad requests

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface BadRequest {
  name: string;
  method: Method;
  /** Under /api/v1 (or absolute when it starts with /api/ or /health); `{key}` is replaced from the fixtures. */
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (with content-type application/json unless `headers` says otherwise). */
  raw?: string;
  /** Replace request headers; `null` removes one (e.g. authorization). */
  headers?: Record<string, string | null>;
  tenant?: string;
  status: number;
  code: string;
  /** A field that must be named in `fields` (a RegExp for generated paths). */
  field?: string | RegExp | ((f: Fixtures) => string);
  details?: (f: Fixtures) => Record<string, unknown>;
}

/** A valid request per endpoint; it would change something if a guard let it through. */
const ENDPOINTS: Array<Omit<BadRequest, 'name' | 'status' | 'code'>> = [
  { method: 'GET', path: '/standards' },
  { method: 'POST', path: '/standards', body: standardBody('auth-probe') },
  { method: 'GET', path: '/standards/{ownStd}' },
  { method: 'POST', path: '/cases', body: (f: Fixtures) => openBody(f) },
  { method: 'GET', path: '/cases/{caseIdentify}' },
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
  { method: 'GET', path: '/admin/dead-letters/identify' },
  { method: 'POST', path: '/admin/dead-letters/identify/{unknown}/replay' },
];
const label = (e: { method: string; path: string }) => `${e.method} ${e.path}`;

const authentication: BadRequest[] = ENDPOINTS.flatMap((e) => [
  {
    ...e,
    name: `${label(e)}: no Authorization → 401`,
    headers: { authorization: null },
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    ...e,
    name: `${label(e)}: wrong bearer token → 401`,
    headers: { authorization: 'Bearer not-the-token' },
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    ...e,
    name: `${label(e)}: Basic instead of Bearer → 401`,
    headers: { authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` },
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    ...e,
    name: `${label(e)}: invalid tenant header → 400`,
    tenant: 'Tenant_B',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'header.x-balanse-tenant',
  },
]);

const tenantIsolation: BadRequest[] = [
  ...ENDPOINTS.filter((e) => e.path.startsWith('/cases/')).map((e): BadRequest => ({
    ...e,
    name: `${label(e)} of tenant default, as ${TENANT_B} → 404`,
    tenant: TENANT_B,
    status: 404,
    code: 'CASE_NOT_FOUND',
  })),
  {
    name: `GET /standards/{ownStd} of tenant default, as ${TENANT_B} → 404`,
    method: 'GET',
    path: '/standards/{ownStd}',
    tenant: TENANT_B,
    status: 404,
    code: 'STANDARD_NOT_FOUND',
  },
  {
    name: `POST /cases against a standard of tenant default, as ${TENANT_B} → 422`,
    method: 'POST',
    path: '/cases',
    tenant: TENANT_B,
    body: (f: Fixtures) => openBody(f, { standardId: f.ownStd }),
    status: 422,
    code: 'STANDARD_NOT_FOUND',
    field: 'standardId',
  },
  {
    name: `empty tenant header → 400`,
    method: 'GET',
    path: '/standards',
    tenant: '',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'header.x-balanse-tenant',
  },
  {
    name: `tenant header of 64 characters → 400`,
    method: 'GET',
    path: '/standards',
    tenant: 'a'.repeat(64),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'header.x-balanse-tenant',
  },
  {
    name: `the shared pseudo-tenant _shared as tenant header → 400`,
    method: 'GET',
    path: '/standards',
    tenant: '_shared',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'header.x-balanse-tenant',
  },
];

const pathIds: BadRequest[] = [
  // every id in every path, one at a time
  ...ENDPOINTS.flatMap((e) =>
    [...e.path.matchAll(/\{(\w+)\}/g)].map(([placeholder, key]): BadRequest => {
      const path = e.path.replace(placeholder, 'not-a-uuid');
      return {
        ...e,
        path,
        name: `${e.method} ${path} → 400`,
        status: 400,
        code: 'VALIDATION_FAILED',
        field: key === 'o1' ? 'outcomeId' : 'id',
      };
    }),
  ),
  {
    name: 'GET /cases/{id} with an injected quote → 400',
    method: 'GET',
    path: `/cases/${encodeURIComponent("1' OR '1'='1")}`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'id',
  },
  {
    name: 'GET /cases/{id} with a UUID and a suffix → 400',
    method: 'GET',
    path: `/cases/${UNKNOWN}x`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'id',
  },
  {
    name: 'GET /cases/{id} with broken percent-encoding → 400',
    method: 'GET',
    path: '/cases/%E0%A4%A',
    status: 400,
    code: 'VALIDATION_FAILED',
  },
];

const unknownIds: BadRequest[] = [
  ...ENDPOINTS.filter((e) => e.path.startsWith('/cases/')).map((e): BadRequest => ({
    ...e,
    path: e.path.replace(/\{case\w+\}/, '{unknown}'),
    name: `${label(e).replace(/\{case\w+\}/, '{unknown}')} → 404`,
    status: 404,
    code: 'CASE_NOT_FOUND',
  })),
  {
    name: 'GET /standards/{unknown} → 404',
    method: 'GET',
    path: '/standards/{unknown}',
    status: 404,
    code: 'STANDARD_NOT_FOUND',
  },
  {
    name: 'GET /credentials/{unknown} → 404',
    method: 'GET',
    path: '/credentials/{unknown}',
    status: 404,
    code: 'CREDENTIAL_NOT_FOUND',
  },
  {
    name: 'POST /cases against an unknown standard → 422',
    method: 'POST',
    path: '/cases',
    body: (f: Fixtures) => openBody(f, { standardId: UNKNOWN }),
    status: 422,
    code: 'STANDARD_NOT_FOUND',
    field: 'standardId',
  },
  {
    name: 'POST /admin/dead-letters/identify/{unknown}/replay → 404',
    method: 'POST',
    path: '/admin/dead-letters/identify/{unknown}/replay',
    status: 404,
    code: 'DEAD_LETTER_NOT_FOUND',
  },
];

const routes: BadRequest[] = [
  {
    name: 'unknown route → 404',
    method: 'GET',
    path: '/nothing-here',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'unknown route without a token → 404',
    method: 'GET',
    path: '/nothing-here',
    headers: { authorization: null },
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'unknown API version → 404',
    method: 'GET',
    path: '/api/v2/standards',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'DELETE /cases/{id} (no such method) → 404',
    method: 'DELETE',
    path: '/cases/{caseIdentify}',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'PATCH /standards (no such method) → 404',
    method: 'PATCH',
    path: '/standards',
    body: standardBody('patch-probe'),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'POST /credentials/{id} (no such method) → 404',
    method: 'POST',
    path: '/credentials/{unknown}',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'GET /admin/dead-letters/{unknown service} → 400',
    method: 'GET',
    path: '/admin/dead-letters/statistics',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'service',
  },
  {
    name: 'GET /admin/dead-letters/{service in capitals} → 400',
    method: 'GET',
    path: '/admin/dead-letters/IDENTIFY',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'service',
  },
  {
    name: 'POST /admin/dead-letters/{unknown service}/{id}/replay → 400',
    method: 'POST',
    path: '/admin/dead-letters/gateway/{unknown}/replay',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'service',
  },
];

/** The same shapes of broken body for every endpoint that takes one. */
const BODY_ENDPOINTS: Array<{ method: Method; path: string; required: string }> = [
  { method: 'POST', path: '/standards', required: 'code' },
  { method: 'POST', path: '/cases', required: 'standardId' },
  { method: 'PUT', path: '/cases/{caseIdentify}/scope', required: 'outcomeIds' },
  { method: 'POST', path: '/cases/{caseDocument}/evidence', required: 'kind' },
  { method: 'PUT', path: '/cases/{caseAssess}/assess/outcomes/{o1}', required: 'judgement' },
];
const bodyShapes: BadRequest[] = BODY_ENDPOINTS.flatMap(({ required, ...e }): BadRequest[] => [
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
  { ...e, name: `${label(e)}: JSON null → 400`, raw: 'null', status: 400, code: 'MALFORMED_JSON' },
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
    code: 'VALIDATION_FAILED',
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
    code: 'VALIDATION_FAILED',
  },
  {
    ...e,
    name: `${label(e)}: JSON sent as text/plain (not parsed) → 400 ${required}`,
    raw: '{}',
    headers: { 'content-type': 'text/plain' },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: required,
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
]);

const standardRows: BadRequest[] = (
  [
    ['nqfLevel 9', standardWith({ nqfLevel: 9 }), 'nqfLevel'],
    ['nqfLevel 0', standardWith({ nqfLevel: 0 }), 'nqfLevel'],
    ['nqfLevel 2.5', standardWith({ nqfLevel: 2.5 }), 'nqfLevel'],
    ['nqfLevel as a string', standardWith({ nqfLevel: '5' }), 'nqfLevel'],
    ['code with capitals and a space', standardWith({ code: 'Bad Code' }), 'code'],
    ['code as a number', standardWith({ code: 12345 }), 'code'],
    ['code missing', standardWith({ code: undefined }), 'code'],
    ['empty version', standardWith({ version: '' }), 'version'],
    ['empty title', standardWith({ title: '' }), 'title'],
    ['title as a number', standardWith({ title: 7 }), 'title'],
    ['title of 301 characters', standardWith({ title: 't'.repeat(301) }), 'title'],
    ['sector as an array', standardWith({ sector: ['health'] }), 'sector'],
    ['no clusters', standardWith({ clusters: [] }), 'clusters'],
    ['clusters as a string', standardWith({ clusters: 'leadership' }), 'clusters'],
    ['a cluster that is null', standardWith({ clusters: [null] }), 'clusters.0'],
    [
      'a cluster wrapped in an array',
      standardWith({ clusters: [[standardBody('x').clusters[0]]] }),
      'clusters',
    ],
    [
      'an area wrapped in an array',
      clusterWith({ areas: [[{ title: 'Area', outcomes: [outcome('Can plan.')] }]] }),
      'clusters.0.areas',
    ],
    ['a cluster without areas', clusterWith({ areas: [] }), 'clusters.0.areas'],
    ['an area without outcomes', areaWith({ outcomes: [] }), 'clusters.0.areas.0.outcomes'],
    [
      'an outcome wrapped in an array',
      areaWith({ outcomes: [[outcome('Can plan.')]] }),
      'clusters.0.areas.0.outcomes',
    ],
    [
      'category "wisdom"',
      outcomeWith({ category: 'wisdom' }),
      'clusters.0.areas.0.outcomes.0.category',
    ],
    [
      'category missing',
      outcomeWith({ category: undefined }),
      'clusters.0.areas.0.outcomes.0.category',
    ],
    ['blank statement', outcomeWith({ statement: '' }), 'clusters.0.areas.0.outcomes.0.statement'],
    [
      'statement with a NUL character',
      outcomeWith({ statement: 'Can plan.\u0000' }),
      'clusters.0.areas.0.outcomes.0.statement',
    ],
    ['unknown field', standardWith({ owner: 'someone' }), 'owner'],
    ['unknown field in a cluster', clusterWith({ weight: 3 }), 'clusters.0.weight'],
    [
      'unknown field in an outcome',
      outcomeWith({ id: UNKNOWN }),
      'clusters.0.areas.0.outcomes.0.id',
    ],
  ] as Array<[string, unknown, string]>
).map(([what, body, field]): BadRequest => ({
  name: `POST /standards: ${what} → 400 ${field}`,
  method: 'POST',
  path: '/standards',
  body,
  status: 400,
  code: 'VALIDATION_FAILED',
  field,
}));
standardRows.push(
  {
    name: 'POST /standards: a statement with an unpaired surrogate → 400',
    method: 'POST',
    path: '/standards',
    raw: JSON.stringify(outcomeWith({ statement: 'Can plan.@@' })).replace('@@', '\\udc00'),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'clusters.0.areas.0.outcomes.0.statement',
  },
  {
    name: 'POST /standards: the code and version of an existing standard → 409',
    method: 'POST',
    path: '/standards',
    body: standardBody('bad-input-own'),
    status: 409,
    code: 'STANDARD_CODE_TAKEN',
    details: (f) => ({ id: f.ownStd }),
  },
);

const openCaseRows: BadRequest[] = (
  [
    [
      'standardId not a UUID',
      (f: Fixtures) => openBody(f, { standardId: 'avdelingsleder' }),
      'standardId',
    ],
    ['standardId as a number', (f: Fixtures) => openBody(f, { standardId: 42 }), 'standardId'],
    ['no candidate', (f: Fixtures) => openBody(f, { candidate: undefined }), 'candidate'],
    [
      'candidate as a string',
      (f: Fixtures) => openBody(f, { candidate: 'Kari Nordmann' }),
      'candidate',
    ],
    ['candidate as an empty array', (f: Fixtures) => openBody(f, { candidate: [] }), 'candidate'],
    [
      'candidate wrapped in an array',
      (f: Fixtures) => openBody(f, { candidate: [{ externalId: 'HR-bad-2', name: 'Kari' }] }),
      'candidate',
    ],
    ['candidate null', (f: Fixtures) => openBody(f, { candidate: null }), 'candidate'],
    [
      'candidate without externalId',
      candidateWith({ externalId: undefined }),
      'candidate.externalId',
    ],
    ['blank candidate name', candidateWith({ name: '' }), 'candidate.name'],
    ['candidate name as a number', candidateWith({ name: 7 }), 'candidate.name'],
    [
      'externalId of 201 characters',
      candidateWith({ externalId: 'x'.repeat(201) }),
      'candidate.externalId',
    ],
    ['e-mail that is not one', candidateWith({ email: 'kari at example' }), 'candidate.email'],
    [
      'candidate name with a NUL character',
      candidateWith({ name: 'Kari\u0000Nordmann' }),
      'candidate.name',
    ],
    ['unknown field', (f: Fixtures) => openBody(f, { priority: 'high' }), 'priority'],
    [
      'unknown field in candidate',
      candidateWith({ nationalId: '01017012345' }),
      'candidate.nationalId',
    ],
  ] as Array<[string, (f: Fixtures) => unknown, string]>
).map(([what, body, field]): BadRequest => ({
  name: `POST /cases: ${what} → 400 ${field}`,
  method: 'POST',
  path: '/cases',
  body,
  status: 400,
  code: 'VALIDATION_FAILED',
  field,
}));
openCaseRows.push({
  name: 'POST /cases: candidate name with an unpaired surrogate → 400 candidate.name',
  method: 'POST',
  path: '/cases',
  raw: `{"standardId": "${'{std}'}", "candidate": {"externalId": "HR-bad-3", "name": "Kari \\ud800"}}`,
  status: 400,
  code: 'VALIDATION_FAILED',
  field: 'candidate.name',
});

const scopeRows: BadRequest[] = [
  ...(
    [
      ['no outcomes', scopeWith({ outcomeIds: [] }), 'outcomeIds'],
      ['outcomeIds as a string', (f: Fixtures) => ({ outcomeIds: f.o0 }), 'outcomeIds'],
      ['outcomeIds of numbers', scopeWith({ outcomeIds: [1, 2] }), 'outcomeIds'],
      ['an outcome id that is not a UUID', scopeWith({ outcomeIds: ['FR-1'] }), 'outcomeIds'],
      ['the same outcome twice', (f: Fixtures) => ({ outcomeIds: [f.o0, f.o0] }), 'outcomeIds'],
      [
        'selfAssessment 5',
        (f: Fixtures) => ({ outcomeIds: [f.o0], selfAssessment: { [f.o0]: 5 } }),
        'selfAssessment',
      ],
      [
        'selfAssessment -1',
        (f: Fixtures) => ({ outcomeIds: [f.o0], selfAssessment: { [f.o0]: -1 } }),
        'selfAssessment',
      ],
      [
        'selfAssessment 2.5',
        (f: Fixtures) => ({ outcomeIds: [f.o0], selfAssessment: { [f.o0]: 2.5 } }),
        'selfAssessment',
      ],
      [
        'selfAssessment as a string',
        (f: Fixtures) => ({ outcomeIds: [f.o0], selfAssessment: { [f.o0]: '3' } }),
        'selfAssessment',
      ],
      [
        'selfAssessment null',
        (f: Fixtures) => ({ outcomeIds: [f.o0], selfAssessment: { [f.o0]: null } }),
        'selfAssessment',
      ],
      [
        'selfAssessment as an array',
        (f: Fixtures) => ({ outcomeIds: [f.o0], selfAssessment: [3] }),
        'selfAssessment',
      ],
      [
        'selfAssessment keyed by a non-UUID',
        (f: Fixtures) => ({ outcomeIds: [f.o0], selfAssessment: { 'FR-1': 3 } }),
        'selfAssessment',
      ],
      ['unknown field', scopeWith({ comment: 'please hurry' }), 'comment'],
    ] as Array<[string, (f: Fixtures) => unknown, string]>
  ).map(([what, body, field]): BadRequest => ({
    name: `PUT scope: ${what} → 400 ${field}`,
    method: 'PUT',
    path: '/cases/{caseIdentify}/scope',
    body,
    status: 400,
    code: 'VALIDATION_FAILED',
    field,
  })),
  {
    name: 'PUT scope: an outcome not in the standard → 422',
    method: 'PUT',
    path: '/cases/{caseIdentify}/scope',
    body: (f: Fixtures) => ({ outcomeIds: [f.o0, UNKNOWN] }),
    status: 422,
    code: 'OUTCOME_NOT_IN_STANDARD',
    field: 'outcomeIds.1',
    details: () => ({ outcomeIds: [UNKNOWN] }),
  },
  {
    name: 'PUT scope: an outcome of another standard → 422',
    method: 'PUT',
    path: '/cases/{caseIdentify}/scope',
    body: () => ({ outcomeIds: [ownOutcome] }),
    status: 422,
    code: 'OUTCOME_NOT_IN_STANDARD',
    field: 'outcomeIds.0',
  },
  {
    name: 'PUT scope: self-assessment of an outcome outside the scope → 422',
    method: 'PUT',
    path: '/cases/{caseIdentify}/scope',
    body: (f: Fixtures) => ({ outcomeIds: [f.o0], selfAssessment: { [f.o0]: 1, [f.o2]: 4 } }),
    status: 422,
    code: 'OUTCOME_NOT_IN_SCOPE',
    field: (f) => `selfAssessment.${f.o2}`,
    details: (f) => ({ outcomeIds: [f.o2] }),
  },
  {
    name: 'PUT scope: after identification is complete → 409',
    method: 'PUT',
    path: '/cases/{caseDocument}/scope',
    body: scopeWith({}),
    status: 409,
    code: 'CASE_NOT_IN_PHASE',
    details: () => ({ phase: 'document', expected: 'identify' }),
  },
];

const identifyComplete: BadRequest[] = [
  {
    name: 'identify/complete: no scope set → 422',
    method: 'POST',
    path: '/cases/{caseEmpty}/identify/complete',
    status: 422,
    code: 'SCOPE_EMPTY',
  },
  {
    name: 'identify/complete: twice → 409',
    method: 'POST',
    path: '/cases/{caseDocument}/identify/complete',
    status: 409,
    code: 'CASE_NOT_IN_PHASE',
  },
  {
    name: 'identify/complete: with a malformed body → 400 (and not completed)',
    method: 'POST',
    path: '/cases/{caseIdentify}/identify/complete',
    raw: '{"force": tru',
    status: 400,
    code: 'MALFORMED_JSON',
  },
  {
    name: 'identify/complete: over 1 MB → 413 (and not completed)',
    method: 'POST',
    path: '/cases/{caseIdentify}/identify/complete',
    body: { padding: 'x'.repeat(MB + 1000) },
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
];

const evidenceRows: BadRequest[] = [
  ...(
    [
      ['kind "letter"', { kind: 'letter' }, 'kind'],
      ['kind as a number', { kind: 1 }, 'kind'],
      ['kind in capitals', { kind: 'ATTESTATION' }, 'kind'],
      ['blank title', { title: '' }, 'title'],
      ['title of 301 characters', { title: 't'.repeat(301) }, 'title'],
      ['title with a NUL character', { title: 'Attestation\u0000' }, 'title'],
      ['no outcomes', { outcomeIds: [] }, 'outcomeIds'],
      ['outcomeIds as a string', { outcomeIds: UNKNOWN }, 'outcomeIds'],
      ['an outcome id that is not a UUID', { outcomeIds: ['FR-1'] }, 'outcomeIds'],
      ['positionPercent 0', { positionPercent: 0 }, 'positionPercent'],
      ['positionPercent 101', { positionPercent: 101 }, 'positionPercent'],
      ['positionPercent 50.5', { positionPercent: 50.5 }, 'positionPercent'],
      ['positionPercent as a string', { positionPercent: '100' }, 'positionPercent'],
      ['period as an array', { period: [] }, 'period'],
      ['period as a string', { period: '2019-2024' }, 'period'],
      ['period without from', { period: {} }, 'period.from'],
      ['period.from not a date', { period: { from: 'last summer' } }, 'period.from'],
      ['period.from 2019-02-30', { period: { from: '2019-02-30' } }, 'period.from'],
      ['period.from as an ISO week', { period: { from: '2019-W05' } }, 'period.from'],
      ['period.from as a year', { period: { from: '2019' } }, 'period.from'],
      ['period.from as a year and month', { period: { from: '2019-01' } }, 'period.from'],
      ['period.from with a sign', { period: { from: '+2019-01-01' } }, 'period.from'],
      ['period.from as an ordinal date', { period: { from: '2019-123' } }, 'period.from'],
      [
        'period.to before period.from',
        { period: { from: '2024-06-30', to: '2019-08-01' } },
        'period.to',
      ],
      ['unknown field in period', { period: { from: '2019-08-01', hours: 1200 } }, 'period.hours'],
      ['tasks as a string', { tasks: 'rota planning' }, 'tasks'],
      ['tasks of numbers', { tasks: [1, 2] }, 'tasks'],
      ['a task with a NUL character', { tasks: ['rota\u0000'] }, 'tasks.0'],
      ['unknown field', { score: 10 }, 'score'],
    ] as Array<[string, Record<string, unknown>, string]>
  ).map(([what, patch, field]): BadRequest => ({
    name: `POST evidence: ${what} → 400 ${field}`,
    method: 'POST',
    path: '/cases/{caseDocument}/evidence',
    body: evidenceWith(patch),
    status: 400,
    code: 'VALIDATION_FAILED',
    field,
  })),
  {
    name: "POST evidence: an outcome of the standard outside the case's scope → 422",
    method: 'POST',
    path: '/cases/{caseDocument}/evidence',
    body: (f: Fixtures) => evidenceBody(f, { outcomeIds: [f.o1, f.o2] }),
    status: 422,
    code: 'OUTCOME_NOT_IN_SCOPE',
    field: 'outcomeIds.1',
    details: (f) => ({ outcomeIds: [f.o2] }),
  },
  {
    name: 'POST evidence: an unknown outcome → 422',
    method: 'POST',
    path: '/cases/{caseDocument}/evidence',
    body: (f: Fixtures) => evidenceBody(f, { outcomeIds: [UNKNOWN] }),
    status: 422,
    code: 'OUTCOME_NOT_IN_SCOPE',
    field: 'outcomeIds.0',
  },
  {
    name: 'POST evidence: before identify/complete → 409',
    method: 'POST',
    path: '/cases/{caseIdentify}/evidence',
    body: (f: Fixtures) => evidenceBody(f, { outcomeIds: [f.o0] }),
    status: 409,
    code: 'CASE_NOT_IN_PHASE',
    details: () => ({ phase: 'identify', expected: 'document' }),
  },
  {
    name: 'POST evidence: before identify/complete, no scope → 409',
    method: 'POST',
    path: '/cases/{caseEmpty}/evidence',
    body: evidenceWith({}),
    status: 409,
    code: 'CASE_NOT_IN_PHASE',
  },
  {
    name: 'POST evidence: after document/complete → 409',
    method: 'POST',
    path: '/cases/{caseAssess}/evidence',
    body: evidenceWith({}),
    status: 409,
    code: 'CASE_NOT_IN_PHASE',
  },
];

const documentComplete: BadRequest[] = [
  {
    name: 'document/complete: an outcome in scope without evidence → 422',
    method: 'POST',
    path: '/cases/{caseDocument}/document/complete',
    status: 422,
    code: 'EVIDENCE_MISSING',
    details: (f) => ({ uncoveredOutcomeIds: [f.o1] }),
  },
  {
    name: 'document/complete: before identify/complete → 409',
    method: 'POST',
    path: '/cases/{caseIdentify}/document/complete',
    status: 409,
    code: 'CASE_NOT_IN_PHASE',
  },
  {
    name: 'document/complete: twice → 409',
    method: 'POST',
    path: '/cases/{caseAssess}/document/complete',
    status: 409,
    code: 'CASE_NOT_IN_PHASE',
  },
];

const judgementRows: BadRequest[] = [
  ...(
    [
      ['judgement "passed"', { judgement: 'passed' }, 'judgement'],
      ['judgement in capitals', { judgement: 'MET' }, 'judgement'],
      ['judgement as a number', { judgement: 1 }, 'judgement'],
      ['judgement missing', { judgement: undefined }, 'judgement'],
      ['rationale missing', { rationale: undefined }, 'rationale'],
      ['empty rationale', { rationale: '' }, 'rationale'],
      ['blank rationale', { rationale: ' \n\t ' }, 'rationale'],
      ['rationale as a number', { rationale: 5 }, 'rationale'],
      ['rationale as an array', { rationale: ['seen'] }, 'rationale'],
      ['rationale of 5001 characters', { rationale: 'r'.repeat(5001) }, 'rationale'],
      ['rationale with a NUL character', { rationale: 'Seen\u0000' }, 'rationale'],
      ['unknown field', { score: 4 }, 'score'],
    ] as Array<[string, Record<string, unknown>, string]>
  ).map(([what, patch, field]): BadRequest => ({
    name: `PUT judgement: ${what} → 400 ${field}`,
    method: 'PUT',
    path: '/cases/{caseAssess}/assess/outcomes/{o1}',
    body: judgementWith(patch),
    status: 400,
    code: 'VALIDATION_FAILED',
    field,
  })),
  {
    name: "PUT judgement: an outcome of the standard outside the case's scope → 422",
    method: 'PUT',
    path: '/cases/{caseAssess}/assess/outcomes/{o2}',
    body: judgementWith({}),
    status: 422,
    code: 'OUTCOME_NOT_IN_SCOPE',
    field: 'outcomeId',
    details: (f) => ({ outcomeId: f.o2 }),
  },
  {
    name: 'PUT judgement: an unknown outcome → 422',
    method: 'PUT',
    path: '/cases/{caseAssess}/assess/outcomes/{unknown}',
    body: judgementWith({}),
    status: 422,
    code: 'OUTCOME_NOT_IN_SCOPE',
    field: 'outcomeId',
  },
  {
    name: 'PUT judgement: in phase identify → 409',
    method: 'PUT',
    path: '/cases/{caseIdentify}/assess/outcomes/{o0}',
    body: judgementWith({}),
    status: 409,
    code: 'CASE_NOT_IN_PHASE',
  },
  {
    name: 'PUT judgement: in phase document → 409',
    method: 'PUT',
    path: '/cases/{caseDocument}/assess/outcomes/{o0}',
    body: judgementWith({}),
    status: 409,
    code: 'CASE_NOT_IN_PHASE',
  },
];

const assessComplete: BadRequest[] = [
  {
    name: 'assess/complete: an outcome in scope not judged → 422',
    method: 'POST',
    path: '/cases/{caseAssess}/assess/complete',
    status: 422,
    code: 'JUDGEMENTS_MISSING',
    details: (f) => ({ missingOutcomeIds: [f.o1] }),
  },
  {
    name: 'assess/complete: in phase identify → 409',
    method: 'POST',
    path: '/cases/{caseIdentify}/assess/complete',
    status: 409,
    code: 'CASE_NOT_IN_PHASE',
  },
  {
    name: 'assess/complete: in phase document → 409',
    method: 'POST',
    path: '/cases/{caseDocument}/assess/complete',
    status: 409,
    code: 'CASE_NOT_IN_PHASE',
  },
];

const TABLE: BadRequest[] = [
  ...authentication,
  ...tenantIsolation,
  ...pathIds,
  ...unknownIds,
  ...routes,
  ...bodyShapes,
  ...standardRows,
  ...openCaseRows,
  ...scopeRows,
  ...identifyComplete,
  ...evidenceRows,
  ...documentComplete,
  ...judgementRows,
  ...assessComplete,
];
/** An outcome of tenant default's own standard (set in beforeAll). */
let ownOutcome = '';

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
  const path = row.path.startsWith('/api/') ? row.path : `/api/v1${row.path}`;
  const res = await fetch(`${url}${fill(path)}`, { method: row.method, headers, body: payload });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep the text: the assertion below shows it */
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body };
}

function must<T = any>(step: string, res: ApiResponse<T>, status: number): T {
  if (res.status !== status)
    throw new Error(`${step} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

// ---------------------------------------------------------------------------------------------

describe('bad input on the public API: a clear 4xx with a stable code, never a 5xx, nothing changed', () => {
  const server = new EmbeddedChild();
  let api: ApiClient;
  let apiB: ApiClient;
  let before: Awaited<ReturnType<typeof snapshot>>;

  const caseIds = () => [fx.caseEmpty, fx.caseIdentify, fx.caseDocument, fx.caseAssess];

  /** Everything the bad requests could have touched, as the API shows it. */
  async function snapshot() {
    const perCase = (suffix: string, client = api) =>
      Promise.all(caseIds().map(async (id) => (await client.get(`/cases/${id}${suffix}`)).body));
    const deadLetters = (client: ApiClient) =>
      Promise.all(
        ['identify', 'document', 'assess', 'certify'].map(async (s) =>
          must(`dead letters ${s}`, await client.get(`/admin/dead-letters/${s}`), 200),
        ),
      );
    return {
      standards: must('list standards', await api.get('/standards'), 200),
      ownStandard: must('get own standard', await api.get(`/standards/${fx.ownStd}`), 200),
      standardsOfB: must('list standards of B', await apiB.get('/standards'), 200),
      cases: await perCase(''),
      evidence: await perCase('/evidence'),
      judgements: await perCase('/assess/outcomes'),
      credentials: await perCase('/credentials'),
      casesSeenByB: (await Promise.all(caseIds().map((id) => apiB.get(`/cases/${id}`)))).map(
        (r) => r.status,
      ),
      deadLetters: await deadLetters(api),
      deadLettersOfB: await deadLetters(apiB),
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

    const seeded = await seededStandard(api);
    fx.std = seeded.id;
    [fx.o0, fx.o1, fx.o2] = seeded.outcomeIds;
    const own = must(
      'create standard',
      await api.post('/standards', standardBody('bad-input-own')),
      201,
    );
    fx.ownStd = own.id;
    ownOutcome = own.clusters[0].areas[0].outcomes[0].id;

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
    ]);
    expect(before.standardsOfB.map((s: { code: string }) => s.code)).toEqual([
      'avdelingsleder-helse-omsorg',
    ]);
    expect(before.casesSeenByB).toEqual([404, 404, 404, 404]);
  });

  it.each(TABLE)('$name', async (row) => {
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
        message: expect.any(String),
      }),
    });
    expect(res.status).toBeLessThan(500);
    if (row.field instanceof RegExp)
      expect(fields).toContainEqual(expect.stringMatching(row.field));
    else if (row.field !== undefined)
      expect(fields).toContain(typeof row.field === 'function' ? row.field(fx) : row.field);
    if (row.code === 'VALIDATION_FAILED' && row.field !== undefined)
      expect(res.body.message).toMatch(/^invalid fields: /);
    if (row.details) expect(res.body.details).toMatchObject(row.details(fx));
  });

  it('changed nothing: standards, cases (phase, scope, history), evidence, judgements, credentials, dead letters', async () => {
    const after = await snapshot();
    expect(after.standards).toEqual(before.standards);
    expect(after.ownStandard).toEqual(before.ownStandard);
    expect(after.cases).toEqual(before.cases);
    expect(after.evidence).toEqual(before.evidence);
    expect(after.judgements).toEqual(before.judgements);
    expect(after.credentials).toEqual(before.credentials);
    expect(after.deadLetters).toEqual([[], [], [], []]);
    // Tenant B sees none of tenant default's cases or standards, and got none of its own.
    expect(after.standardsOfB).toEqual(before.standardsOfB);
    expect(after.standardsOfB.map((s: { id: string }) => s.id)).not.toContain(fx.ownStd);
    expect(after.casesSeenByB).toEqual([404, 404, 404, 404]);
    expect(after.deadLettersOfB).toEqual([[], [], [], []]);
  });

  it('kept running and logged no internal error', async () => {
    expect(server.alive).toBe(true);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
    expect(server.log()).not.toMatch(/ERROR|query failed/);
  });

  it('creates a standard sent five times at once exactly once; the others get 409 STANDARD_CODE_TAKEN', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => api.post('/standards', standardBody('bad-input-race'))),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.code)).toEqual(
      Array(4).fill('STANDARD_CODE_TAKEN'),
    );
    const codes = must('list standards', await api.get('/standards'), 200).map(
      (s: { code: string }) => s.code,
    );
    expect(codes.filter((c: string) => c === 'bad-input-race')).toHaveLength(1);
  });
});
