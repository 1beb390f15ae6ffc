import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ErrorCode, EXAMPLE_IDS } from '@balanse/contracts';
import { createGatewayApp } from '../gateway.module';
import type { GatewayOptions } from '../http/gateway-options';
import { apiDocument, DOCS_JSON_PATH } from './api-document';

type Schema = Record<string, any>;
type Operation = { responses: Record<string, any>; requestBody?: any; security?: unknown[] };

/** What a call opted in as a large message may answer besides (`LARGE_CALL_ERRORS`). */
const LARGE: ErrorCode[] = ['CHUNKED_MESSAGE_INVALID', 'REPLY_INCOMPLETE', 'REPLY_TOO_LARGE'];

/** The codes each operation can answer beyond the shared ones (from the services' code paths). */
const CODES: Record<string, ErrorCode[]> = {
  'GET /api/v1/standards': ['INVALID_CURSOR'],
  'GET /api/v1/issuer-profile': [],
  'PUT /api/v1/issuer-profile': ['MALFORMED_JSON', 'UNSUPPORTED_MEDIA_TYPE'],
  'POST /api/v1/standards': [
    'DUPLICATE_OUTCOME_CODE',
    'UNKNOWN_STANDARD_ELEMENT',
    'STANDARD_CODE_TAKEN',
    'IDEMPOTENCY_KEY_REUSED',
    ...LARGE,
  ],
  'GET /api/v1/standards/{id}': ['STANDARD_NOT_FOUND', 'STANDARD_VERSION_NOT_FOUND', ...LARGE],
  'POST /api/v1/standards/import/case': [
    'CASE_FRAMEWORK_EMPTY',
    'DUPLICATE_OUTCOME_CODE',
    'STANDARD_CODE_TAKEN',
    'IDEMPOTENCY_KEY_REUSED',
    ...LARGE,
  ],
  'GET /api/v1/standards/{id}/case': ['STANDARD_NOT_FOUND', 'STANDARD_VERSION_NOT_FOUND', ...LARGE],
  'GET /ims/case/v1p1/CFDocuments': [],
  'GET /ims/case/v1p1/CFDocuments/{sourcedId}': ['CASE_OBJECT_NOT_FOUND', ...LARGE],
  'GET /ims/case/v1p1/CFPackages/{sourcedId}': ['CASE_OBJECT_NOT_FOUND', ...LARGE],
  'GET /ims/case/v1p1/CFItems/{sourcedId}': ['CASE_OBJECT_NOT_FOUND', ...LARGE],
  'GET /ims/case/v1p1/CFAssociations/{sourcedId}': ['CASE_OBJECT_NOT_FOUND', ...LARGE],
  'GET /api/v1/standards/{id}/versions': ['STANDARD_NOT_FOUND', 'INVALID_CURSOR'],
  'POST /api/v1/standards/{id}/versions': [
    'STANDARD_NOT_FOUND',
    'STANDARD_DRAFT_EXISTS',
    'IDEMPOTENCY_KEY_REUSED',
    ...LARGE,
  ],
  'PATCH /api/v1/standards/{id}/versions/{version}': [
    'DUPLICATE_OUTCOME_CODE',
    'UNKNOWN_STANDARD_ELEMENT',
    'STANDARD_NOT_FOUND',
    'STANDARD_VERSION_NOT_FOUND',
    'STANDARD_VERSION_PUBLISHED',
    ...LARGE,
  ],
  'POST /api/v1/standards/{id}/versions/{version}/publish': [
    'STANDARD_NOT_FOUND',
    'STANDARD_VERSION_NOT_FOUND',
    'STANDARD_VERSION_PUBLISHED',
    ...LARGE,
  ],
  'POST /api/v1/cases': [
    'STANDARD_NOT_FOUND',
    'STANDARD_VERSION_NOT_FOUND',
    'STANDARD_VERSION_DRAFT',
    'NEED_NOT_FOUND',
    'NEED_STANDARD_MISMATCH',
    'CANDIDATE_CONFLICT',
    'IDEMPOTENCY_KEY_REUSED',
  ],
  'GET /api/v1/cases': ['INVALID_CURSOR'],
  'PUT /api/v1/cases/{id}/employer-view': ['CASE_NOT_FOUND', 'OUTCOME_NOT_IN_STANDARD'],
  'GET /api/v1/cases/{id}/gap': ['CASE_NOT_FOUND'],
  'POST /api/v1/needs': [
    'STANDARD_NOT_FOUND',
    'STANDARD_VERSION_NOT_FOUND',
    'STANDARD_VERSION_DRAFT',
    'OUTCOME_NOT_IN_STANDARD',
    'IDEMPOTENCY_KEY_REUSED',
  ],
  'GET /api/v1/needs': ['INVALID_CURSOR'],
  'GET /api/v1/needs/{id}': ['NEED_NOT_FOUND'],
  'PATCH /api/v1/needs/{id}': [
    'NEED_NOT_FOUND',
    'OUTCOME_NOT_IN_STANDARD',
    'MALFORMED_JSON',
    'UNSUPPORTED_MEDIA_TYPE',
  ],
  'POST /api/v1/cases/bulk': [
    'BULK_FILE_INVALID',
    'IDEMPOTENCY_KEY_REUSED',
    'IDEMPOTENCY_KEY_IN_USE',
  ],
  'GET /api/v1/cases/bulk': ['INVALID_CURSOR'],
  'GET /api/v1/cases/bulk/{jobId}': ['BULK_JOB_NOT_FOUND'],
  'GET /api/v1/cases/bulk/{jobId}/rows': ['BULK_JOB_NOT_FOUND', 'INVALID_CURSOR'],
  'PATCH /api/v1/candidates/{externalIdentifier}': [
    'MALFORMED_JSON',
    'UNSUPPORTED_MEDIA_TYPE',
    'CANDIDATE_NOT_FOUND',
  ],
  'GET /api/v1/cases/{id}': ['CASE_NOT_FOUND'],
  'GET /api/v1/cases/{id}/history': ['CASE_NOT_FOUND', 'INVALID_CURSOR'],
  'PUT /api/v1/cases/{id}/scope': [
    'CASE_NOT_FOUND',
    'CASE_NOT_IN_PHASE',
    'OUTCOME_NOT_IN_STANDARD',
    'OUTCOME_NOT_IN_SCOPE',
  ],
  'POST /api/v1/cases/{id}/identify/complete': [
    'CASE_NOT_FOUND',
    'CASE_NOT_IN_PHASE',
    'SCOPE_EMPTY',
  ],
  'POST /api/v1/cases/{id}/evidence': [
    'CASE_NOT_FOUND',
    'CASE_NOT_IN_PHASE',
    'OUTCOME_NOT_IN_SCOPE',
    'IDEMPOTENCY_KEY_REUSED',
  ],
  'GET /api/v1/cases/{id}/evidence': ['CASE_NOT_FOUND', 'INVALID_CURSOR'],
  'POST /api/v1/cases/{id}/document/complete': [
    'CASE_NOT_FOUND',
    'CASE_NOT_IN_PHASE',
    'EVIDENCE_MISSING',
  ],
  'PUT /api/v1/cases/{id}/assess/outcomes/{outcomeId}': [
    'CASE_NOT_FOUND',
    'CASE_NOT_IN_PHASE',
    'OUTCOME_NOT_IN_SCOPE',
  ],
  'GET /api/v1/cases/{id}/assess/outcomes': ['CASE_NOT_FOUND', 'INVALID_CURSOR'],
  'POST /api/v1/cases/{id}/assess/complete': [
    'CASE_NOT_FOUND',
    'CASE_NOT_IN_PHASE',
    'JUDGEMENTS_MISSING',
  ],
  'GET /api/v1/cases/{id}/credentials': ['CASE_NOT_FOUND', 'INVALID_CURSOR'],
  'GET /api/v1/credentials/{id}': ['CREDENTIAL_NOT_FOUND'],
  'GET /api/v1/credentials/{id}/pdf': ['CREDENTIAL_NOT_FOUND', 'CERTIFICATE_UNAVAILABLE', ...LARGE],
  'GET /api/v1/credentials/{id}/elm': ['CREDENTIAL_NOT_FOUND', 'CERTIFICATE_UNAVAILABLE', ...LARGE],
  'POST /api/v1/credentials/{id}/revoke': [
    'CREDENTIAL_NOT_FOUND',
    'CREDENTIAL_WITHOUT_STATUS',
    'IDEMPOTENCY_KEY_REUSED',
  ],
  'POST /api/v1/credentials/{id}/suspend': [
    'CREDENTIAL_NOT_FOUND',
    'CREDENTIAL_WITHOUT_STATUS',
    'CREDENTIAL_REVOKED',
    'IDEMPOTENCY_KEY_REUSED',
  ],
  'POST /api/v1/credentials/{id}/reinstate': [
    'CREDENTIAL_NOT_FOUND',
    'CREDENTIAL_WITHOUT_STATUS',
    'CREDENTIAL_REVOKED',
    'IDEMPOTENCY_KEY_REUSED',
  ],
  'GET /.well-known/did.json': [],
  'GET /api/v1/status-lists/{list}/{purpose}': ['STATUS_LIST_NOT_FOUND'],
  'GET /api/v1/outcomes/{standardId}/{version}/{outcomeId}': ['OUTCOME_NOT_FOUND'],
  // Public (no token): the shared codes less UNAUTHENTICATED.
  'POST /api/v1/credentials/verify': [
    'VALIDATION_FAILED',
    'PAYLOAD_TOO_LARGE',
    'SERVICE_UNAVAILABLE',
    'SERVICE_BUSY',
    'SERVICE_TIMEOUT',
    'MALFORMED_JSON',
    'UNSUPPORTED_MEDIA_TYPE',
  ],
  'GET /api/v1/admin/dead-letters/{service}': ['INVALID_CURSOR'],
  'POST /api/v1/admin/dead-letters/{service}/replay': [],
  'POST /api/v1/admin/dead-letters/{service}/{id}/replay': [
    'DEAD_LETTER_NOT_FOUND',
    'REPLAY_FAILED',
  ],
  'POST /api/v1/webhooks': ['IDEMPOTENCY_KEY_REUSED'],
  'GET /api/v1/webhooks': ['INVALID_CURSOR'],
  'DELETE /api/v1/webhooks/{id}': ['WEBHOOK_NOT_FOUND'],
  'GET /api/v1/webhooks/{id}/deliveries': ['WEBHOOK_NOT_FOUND', 'INVALID_CURSOR'],
  'POST /api/v1/admin/dead-letters/{service}/{id}/discard': ['DEAD_LETTER_NOT_FOUND'],
  'GET /api/v1/statistics/{table}': [
    'FORBIDDEN',
    'TABLE_TOO_LARGE',
    'STATISTICS_REBUILDING',
    ...LARGE,
  ],
  'GET /api/v1/statistics/rebuild': ['FORBIDDEN'],
  'POST /api/v1/statistics/rebuild': ['FORBIDDEN'],
  'GET /health': [],
  'GET /ready': ['SERVICE_UNAVAILABLE'],
};
/**
 * The lists with `limit` and `cursor` only (the dead letters', the needs' and the cases' lists
 * have filters too; their own tests check them).
 */
const PAGED = [
  'GET /api/v1/standards',
  'GET /api/v1/standards/{id}/versions',
  'GET /api/v1/cases/{id}/history',
  'GET /api/v1/cases/{id}/evidence',
  'GET /api/v1/cases/{id}/assess/outcomes',
  'GET /api/v1/cases/{id}/credentials',
  'GET /api/v1/cases/bulk',
  'GET /api/v1/cases/bulk/{jobId}/rows',
];
const SHARED: ErrorCode[] = [
  'UNAUTHENTICATED',
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'SERVICE_UNAVAILABLE',
  'SERVICE_BUSY',
  'SERVICE_TIMEOUT',
];
const BODY: ErrorCode[] = ['MALFORMED_JSON', 'UNSUPPORTED_MEDIA_TYPE'];
/** The API and the CASE REST binding need the bearer token; the probes do not. */
const NEEDS_TOKEN = / \/(api\/v1|ims)\//;
/** `@Public()` operations (what verifiers call): no token, so never UNAUTHENTICATED. */
const PUBLIC = new Set([
  'GET /.well-known/did.json',
  'GET /api/v1/status-lists/{list}/{purpose}',
  'GET /api/v1/outcomes/{standardId}/{version}/{outcomeId}',
  'POST /api/v1/credentials/verify',
]);
const needsToken = (name: string) => NEEDS_TOKEN.test(name) && !PUBLIC.has(name);

describe('the OpenAPI document', () => {
  let app: INestApplication;
  let doc: OpenAPIObject;
  const operations: Array<[string, Operation]> = [];

  beforeAll(async () => {
    const options = { adminToken: 'x'.repeat(16), commandTimeoutMs: 1000, readiness: [] };
    app = await createGatewayApp(options as unknown as GatewayOptions, false);
    doc = apiDocument(app);
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item as Record<string, Operation>))
        operations.push([`${method.toUpperCase()} ${path}`, op]);
  });
  afterAll(() => app.close());

  /** The example of a response: its own, else one composed of every property's example. */
  function exampleOf(schema: Schema | undefined): unknown {
    if (!schema) return undefined;
    if (schema.example !== undefined) return schema.example;
    if (schema.$ref)
      return exampleOf(doc.components!.schemas![schema.$ref.split('/').pop()] as Schema);
    if (schema.allOf) {
      const parts = schema.allOf.map(exampleOf);
      return parts.includes(undefined) ? undefined : Object.assign({}, ...parts);
    }
    if (schema.type === 'array') {
      const item = exampleOf(schema.items);
      return item === undefined ? undefined : [item];
    }
    if (schema.properties) {
      const entries = Object.entries(schema.properties as Record<string, Schema>).map(
        ([name, property]) => [name, exampleOf(property)],
      );
      const missing = entries.filter(([, v]) => v === undefined).map(([name]) => name);
      if (missing.length > 0) throw new Error(`no example for ${missing.join(', ')}`);
      return Object.fromEntries(entries);
    }
    return undefined;
  }

  it('documents every operation of the API, and only those', () => {
    expect(operations.map(([name]) => name).sort()).toEqual(Object.keys(CODES).sort());
  });

  it('gives every operation a 2xx answer with a schema and an example', () => {
    for (const [name, op] of operations) {
      const ok = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s));
      expect({ name, ok: ok.length }).toEqual({ name, ok: 1 });
      if (ok[0] === '204') continue; // no content, by definition
      // JSON, or for a document in another form its one media type (a PDF, JSON-LD).
      const content = op.responses[ok[0]].content ?? {};
      const json = content['application/json'] ?? Object.values<any>(content)[0];
      expect({ name, schema: !!json?.schema }).toEqual({ name, schema: true });
      const example = json.example ?? exampleOf(json.schema);
      expect({ name, example: example !== undefined }).toEqual({ name, example: true });
    }
  });

  it('lists the error codes of every operation, each with an example of its status', () => {
    for (const [name, op] of operations) {
      const listed = new Set<string>();
      for (const [status, response] of Object.entries(op.responses)) {
        if (/^2\d\d$/.test(status)) continue;
        const json = response.content['application/json'];
        const examples = Object.values(
          json.examples ?? { only: { value: json.example } },
        ) as Array<{ value: { status: number; code: string; message: string } }>;
        for (const { value } of examples) {
          expect({ name, status: value.status, code: value.code }).toEqual({
            name,
            status: Number(status),
            code: expect.any(String),
          });
          expect(response.description).toContain(`\`${value.code}\``);
          listed.add(value.code);
        }
      }
      const isApi = NEEDS_TOKEN.test(name);
      const expected = [
        ...(PUBLIC.has(name) ? SHARED.filter((c) => c !== 'UNAUTHENTICATED') : isApi ? SHARED : []),
        ...(isApi && /^(POST|PUT|PATCH) /.test(name) ? BODY : []),
        ...CODES[name],
      ];
      expect({ name, codes: [...listed].sort() }).toEqual({
        name,
        codes: [...new Set(expected)].sort(),
      });
    }
  });

  it('pages every list: `limit` and `cursor` in the query, `items`, `hasMore`, `nextCursor` in the answer', () => {
    for (const name of PAGED) {
      const op = operations.find(([n]) => n === name)![1] as Operation & {
        parameters: Array<{ name: string; in: string }>;
      };
      const query = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
      expect({ name, query: query.sort() }).toEqual({ name, query: ['cursor', 'limit'] });
      const ref: string = op.responses['200'].content['application/json'].schema.$ref;
      const page = doc.components!.schemas![ref.split('/').pop()!] as Schema;
      expect({ name, page: Object.keys(page.properties).sort() }).toEqual({
        name,
        page: ['hasMore', 'items', 'nextCursor'],
      });
    }
  });

  it('documents Idempotency-Key on every creating POST', () => {
    for (const name of [
      'POST /api/v1/standards',
      'POST /api/v1/standards/{id}/versions',
      'POST /api/v1/standards/import/case',
      'POST /api/v1/cases',
      'POST /api/v1/cases/{id}/evidence',
    ]) {
      const op = operations.find(([n]) => n === name)![1] as Operation & {
        parameters: Array<{ name: string; in: string }>;
      };
      expect({
        name,
        header: op.parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
      }).toEqual({
        name,
        header: true,
      });
    }
  });

  it('marks the API calls as needing the bearer token, an opaque one, and the probes as open', () => {
    const scheme = doc.components!.securitySchemes!['bearer'];
    expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque' });
    expect((scheme as { description: string }).description).toMatch(/not a JWT/);
    for (const [name, op] of operations)
      expect({ name, security: op.security }).toEqual({
        name,
        security: needsToken(name) ? [{ bearer: [] }] : [],
      });
  });

  it('links the JSON document from the docs page', () => {
    expect(doc.info.description).toContain(`(${DOCS_JSON_PATH})`);
  });

  it('uses the seeded standard and its outcomes in its examples', () => {
    const body = (name: string) => {
      const op = operations.find(([n]) => n === name)![1];
      return exampleOf(op.requestBody.content['application/json'].schema) as Schema;
    };
    expect(body('POST /api/v1/cases').standardId).toBe(EXAMPLE_IDS.standard);
    expect(body('PUT /api/v1/cases/{id}/scope').outcomeIds).toContain(EXAMPLE_IDS.outcome);
    const judge = operations.find(
      ([n]) => n === 'PUT /api/v1/cases/{id}/assess/outcomes/{outcomeId}',
    )![1] as unknown as { parameters: Array<{ name: string; schema: { example?: string } }> };
    expect(judge.parameters.find((p) => p.name === 'outcomeId')?.schema.example).toBe(
      EXAMPLE_IDS.outcome,
    );
  });
});
