import type { INestApplication } from '@nestjs/common';
import {
  ApiProperty,
  DocumentBuilder,
  getSchemaPath,
  SwaggerModule,
  type OpenAPIObject,
} from '@nestjs/swagger';
import { TENANT_PATTERN } from '@balanse/contracts';
import { TENANT_HEADER } from '../http/auth.guard';
import { markPublicOperations } from '../http/public.decorator';
import { ErrorBodyView } from './api-errors';

/** Swagger UI; the JSON document is served beside it at DOCS_JSON_PATH. */
export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = `/${DOCS_PATH}-json`;

export class HealthView {
  @ApiProperty({ enum: ['ok'], example: 'ok' }) status: 'ok';
}

export class ReadinessView {
  @ApiProperty({ enum: ['ready'], example: 'ready' }) status: 'ready';
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['up', 'down'] },
    example: { nats: 'up' },
    description: 'each dependency: the bus, the databases',
  })
  checks: Record<string, 'up' | 'down'>;
}

const DESCRIPTION = `Validation of competence built in working life: identify → document → assess → certify.

This document as JSON: [${DOCS_JSON_PATH}](${DOCS_JSON_PATH}).

- Every call under \`/api/v1\` needs \`Authorization: Bearer <token>\` (an opaque token, not a JWT).
- \`X-Balanse-Tenant\` picks the tenant (default \`default\`).
- A request body is JSON, sent with \`Content-Type: application/json\` (else 415 \`UNSUPPORTED_MEDIA_TYPE\`), at most 1 MB; unknown fields are refused.
- Errors are \`{status, code, message, fields?, details?}\`; clients branch on the stable \`code\`. Each operation lists the codes it can answer, with an example of each.
- The examples use the seeded standard (department leader in health and care) and its outcome ids.`;

/** The OpenAPI document: every controller's operations, plus the health probes. */
export function apiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Balanse API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque',
      description:
        'An opaque token, not a JWT: `BALANSE_ADMIN_TOKEN`, or in the embedded mode the one it prints at start-up (kept in `data/admin-token`).',
    })
    .addGlobalParameters({
      name: 'X-Balanse-Tenant',
      in: 'header',
      required: false,
      description: `the tenant acted for (header \`${TENANT_HEADER}\`): 1-63 lower-case letters, digits or dashes`,
      schema: { type: 'string', default: 'default', pattern: TENANT_PATTERN.source },
    })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [HealthView, ReadinessView, ErrorBodyView],
  });
  markPublicOperations(document);
  // The probes live in the runtime library, hidden from its own docs; the gateway's API has them.
  const json = (schema: object, example?: unknown) => ({
    'application/json': { schema, ...(example === undefined ? {} : { example }) },
  });
  document.paths['/health'] = {
    get: {
      tags: ['health'],
      summary: 'Liveness: the gateway answers (no token needed)',
      operationId: 'health',
      security: [],
      responses: {
        '200': { description: 'alive', content: json({ $ref: getSchemaPath(HealthView) }) },
      },
    },
  };
  document.paths['/ready'] = {
    get: {
      tags: ['health'],
      summary: 'Readiness: the bus and every database answer within a second (no token needed)',
      operationId: 'ready',
      security: [],
      responses: {
        '200': { description: 'ready', content: json({ $ref: getSchemaPath(ReadinessView) }) },
        '503': {
          description: '- `SERVICE_UNAVAILABLE`: a dependency is down; `checks` says which',
          content: json(
            {
              allOf: [
                { $ref: getSchemaPath(ErrorBodyView) },
                { type: 'object', properties: { checks: { type: 'object' } } },
              ],
            },
            {
              status: 503,
              code: 'SERVICE_UNAVAILABLE',
              message: 'not ready',
              checks: { nats: 'down' },
            },
          ),
        },
      },
    },
  };
  return document;
}
