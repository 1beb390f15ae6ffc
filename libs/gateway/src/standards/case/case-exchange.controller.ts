import { Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiExtension,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import {
  Command,
  CreateStandardDto,
  DomainError,
  ErrorCode,
  EXAMPLE_IDS,
  MAX_AREA_DEPTH,
  MAX_OUTCOMES_PER_STANDARD,
  MAX_STANDARD_CLUSTERS_BYTES,
  unsafeShape,
  validatePayload,
  validationError,
  type CommandContext,
} from '@balanse/contracts';
import {
  exportCasePackage,
  importCasePackage,
  readCasePackageStream,
  type CFPackage,
  type ImportWarning,
} from '@balanse/case-exchange';
import { Caller } from '../../http/principal';
import { idempotencyClaim, Idempotent } from '../../http/idempotency';
import { StreamedBody } from '../../http/json-body.guard';
import { ServiceClient } from '../../http/service-client';
import { ApiErrors, LARGE_CALL_ERRORS } from '../../openapi/api-errors';
import { ApiIdParam } from '../../openapi/api-id-param';
import { ApiVersionQuery } from '../../openapi/api-version-query';
import type { StandardView } from '../standard.views';
import { toCreateStandard, toStandardDocument, type AdapterWarning } from './standard-case.adapter';
import { CaseImportView, CFPackageView } from './case.views';

/** A CASE package's own body limit: it is streamed and parsed as it arrives, far above the JSON one. */
export const CASE_BODY_LIMIT_BYTES = 50 * 1024 * 1024;

/** The import's path: the JSON body parser leaves its body to the route. */
export const CASE_IMPORT_PATH = '/api/v1/standards/import/case';

const CODE = /^[a-z0-9][a-z0-9-]{1,79}$/;

/** The public base of CASE URIs: the configured one, else the request's own host. */
export function caseBaseUrl(req: Request): string {
  return process.env['BALANSE_PUBLIC_URL'] ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** The package as a document; a field it cannot read is refused as every body field is. */
function readPackage(pkg: Record<string, unknown>, baseUrl: string) {
  try {
    return importCasePackage(pkg, { baseUrl });
  } catch (err) {
    if (err instanceof DomainError && err.code === ErrorCode.VALIDATION_FAILED && err.fields)
      throw validationError(err.fields);
    throw err;
  }
}

/** CASE 1.1 (1EdTech) import and export of competence standards. */
@ApiTags('standards: CASE 1.1 exchange')
@ApiBearerAuth()
@Controller('api/v1/standards')
export class CaseExchangeController {
  constructor(private readonly services: ServiceClient) {}

  @Post('import/case')
  @StreamedBody()
  @Idempotent()
  // The import reads deviations as warnings (CASE 1.0 fields, unknown fields, strings for
  // numbers): the fuzz suite's schema-derived body defects do not apply, its JSON ones do.
  @ApiExtension('x-balanse-lenient-body', true)
  @ApiOperation({
    summary: 'Import a CASE 1.1 (or 1.0) CFPackage as a new standard, version 1, a draft',
    description: `The body is a CFPackage (CFDocument, CFItems, CFAssociations), streamed and parsed as it arrives (up to ${CASE_BODY_LIMIT_BYTES / 1024 / 1024} MB). \`isChildOf\` builds the tree: clusters → competence areas, which may hold areas (up to ${MAX_AREA_DEPTH} levels; deeper ones are stored beside the deepest, with a warning) → outcomes. What the model has no field for (item types, area codes, URIs, notes, definitions, other associations) is kept in \`extensions\` and written back on export, so the export has the framework's statements, codes, item types and tree. Each change is a warning, as is each deviation of the package. The standard is created as POST /standards creates one, within its bounds (${MAX_OUTCOMES_PER_STANDARD} outcomes, ${MAX_STANDARD_CLUSTERS_BYTES / 1024 / 1024} MB). \`code\` sets the standard's code (default: the document's humanCodingScheme, else one made from its title). An Idempotency-Key is checked against the parsed package.`,
  })
  @ApiQuery({
    name: 'code',
    required: false,
    schema: { type: 'string', pattern: CODE.source },
    description: "the new standard's code; default from the document",
  })
  @ApiConsumes('application/json')
  @ApiBody({ type: CFPackageView, description: 'a CASE CFPackage' })
  @ApiCreatedResponse({ type: CaseImportView, description: 'the draft and the warnings' })
  @ApiErrors(
    ErrorCode.MALFORMED_JSON,
    {
      code: ErrorCode.PAYLOAD_TOO_LARGE,
      message: `the CASE package is too large (limit ${CASE_BODY_LIMIT_BYTES} bytes)`,
      meaning: `the package is over ${CASE_BODY_LIMIT_BYTES} bytes, or the standard made of it over the standard's bounds (then 400)`,
    },
    ErrorCode.CASE_FRAMEWORK_EMPTY,
    ErrorCode.DUPLICATE_OUTCOME_CODE,
    ErrorCode.STANDARD_CODE_TAKEN,
    ErrorCode.IDEMPOTENCY_KEY_REUSED,
    ...LARGE_CALL_ERRORS,
    {
      code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      message: 'send the CASE package as application/json (UTF-8)',
      meaning: 'the body is not `application/json` in UTF-8',
    },
  )
  async importCase(
    @Caller() caller: CommandContext,
    @Req() req: Request,
    @Query() query: Record<string, unknown>,
  ): Promise<CaseImportView> {
    const code = query['code'];
    if (code !== undefined && (typeof code !== 'string' || !CODE.test(code)))
      throw validationError([{ field: 'query.code', message: 'code must be 2-80 lower-case letters, digits or dashes' }]); // prettier-ignore
    // JSON is UTF-8 (RFC 8259); a charset that says otherwise is refused as the JSON routes refuse it.
    const charset = /;\s*charset="?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
    if (!req.is('application/json') || (charset && !/^utf-?8$/i.test(charset)))
      throw new DomainError(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'send the CASE package as application/json (UTF-8)'); // prettier-ignore
    if (Number(req.headers['content-length']) > CASE_BODY_LIMIT_BYTES)
      throw new DomainError(413, ErrorCode.PAYLOAD_TOO_LARGE, `the CASE package is too large (limit ${CASE_BODY_LIMIT_BYTES} bytes)`, { limitBytes: CASE_BODY_LIMIT_BYTES }); // prettier-ignore
    const pkg = await readCasePackageStream(req, { limitBytes: CASE_BODY_LIMIT_BYTES });
    // What every JSON body is checked for: hostile nesting, prototype keys, unstorable text.
    // A package's lists are long (CFItems of a large framework); the lenient reader walks them
    // without class-validator, so only the body limit bounds them.
    const unsafe = unsafeShape(pkg, Infinity);
    if (unsafe.length > 0) throw validationError(unsafe);
    const baseUrl = caseBaseUrl(req);
    const { document, warnings } = readPackage(pkg, baseUrl);
    const mapped = toCreateStandard(document, { code: code as string | undefined });
    // Checked here too: a framework beyond the standard's bounds would not fit in one command.
    // Its fields are named as in the body of POST /standards (`clusters`, `clusters.0.title.nb`).
    validatePayload(CreateStandardDto, mapped.dto);
    // The claim made before the body was read hashed no body: hash the parsed package now.
    const context = caller.idempotency
      ? { ...caller, idempotency: idempotencyClaim({ ...req, headers: req.headers, method: req.method, path: req.path, body: { code, pkg } }, caller.tenantId) } // prettier-ignore
      : caller;
    const standard = await this.services.call<StandardView>(
      'identify',
      Command.identify.createStandard,
      context,
      { body: mapped.dto },
      { large: true },
    );
    return { standard, warnings: [...warnings, ...mapped.warnings] as (ImportWarning | AdapterWarning)[] }; // prettier-ignore
  }

  @Get(':id/case')
  @ApiOperation({
    summary:
      'A version of a standard as a CASE 1.1 CFPackage: `version`, or the published one (the draft while none is)',
    description:
      'Validates against both official CASE 1.1 JSON schemas. URIs are under the configured public URL (`BALANSE_PUBLIC_URL`), else the request’s host.',
  })
  @ApiIdParam('id', EXAMPLE_IDS.standard)
  @ApiVersionQuery()
  @ApiOkResponse({ type: CFPackageView })
  @ApiErrors(ErrorCode.STANDARD_NOT_FOUND, ErrorCode.STANDARD_VERSION_NOT_FOUND, ...LARGE_CALL_ERRORS) // prettier-ignore
  async exportCase(
    @Caller() caller: CommandContext,
    @Req() req: Request,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<CFPackage> {
    const standard = await this.services.call<StandardView>(
      'identify',
      Command.identify.getStandard,
      caller,
      { params: { id }, query },
      { large: true },
    );
    return exportCasePackage(toStandardDocument(standard), {
      baseUrl: caseBaseUrl(req),
      version: standard.version,
    });
  }
}
