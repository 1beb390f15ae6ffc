import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  Command,
  DomainError,
  ErrorCode,
  EXAMPLE_IDS,
  isUuid,
  validationError,
  type CommandContext,
  type Page,
} from '@balanse/contracts';
import {
  caseAssociationView,
  caseDocumentsView,
  caseDocumentView,
  caseItemView,
  casePackageView,
  exportCasePackage,
  type CFPackage,
} from '@balanse/case-exchange';
import { ServiceError } from '@balanse/messaging';
import { Caller } from '../../http/principal';
import { ServiceClient } from '../../http/service-client';
import { ApiErrors, LARGE_CALL_ERRORS } from '../../openapi/api-errors';
import { ApiIdParam } from '../../openapi/api-id-param';
import type { StandardSummaryView, StandardView } from '../standard.views';
import { caseBaseUrl } from './case-exchange.controller';
import { toStandardDocument } from './standard-case.adapter';
import { CASE_OBJECT_EXAMPLES, CFDocumentsView, CFPackageView } from './case.views';

const C = Command.identify;
const MAX_LIMIT = 100;

/**
 * The read-only CASE 1.1 REST binding: the published version of each standard the caller sees
 * (its tenant's own and the shared ones), with the bearer token like the rest of the API. A
 * document's and a package's `sourcedId` is the standard's id; items and associations are
 * looked up in the published standards the caller sees.
 */
@ApiTags('CASE 1.1 REST binding')
@ApiBearerAuth()
@Controller('ims/case/v1p1')
export class CaseBindingController {
  constructor(private readonly services: ServiceClient) {}

  @Get('CFDocuments')
  @ApiOperation({
    summary: 'The published standards the caller sees, as CFDocuments, by code',
    description: 'CASE paging: `limit` (1-100, default 100) and `offset`; `X-Total-Count` says how many there are.', // prettier-ignore
  })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT } }) // prettier-ignore
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0 } })
  @ApiOkResponse({
    type: CFDocumentsView,
    headers: { 'X-Total-Count': { schema: { type: 'integer' }, description: 'published documents in all' } }, // prettier-ignore
  })
  @ApiErrors()
  async documents(
    @Caller() caller: CommandContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query() query: Record<string, unknown>,
  ) {
    const limit = intParam(query, 'limit', 1, MAX_LIMIT) ?? MAX_LIMIT;
    const offset = intParam(query, 'offset', 0, 1_000_000) ?? 0;
    const published = await this.published(caller);
    res.setHeader('X-Total-Count', String(published.length));
    const packages = await Promise.all(
      published.slice(offset, offset + limit).map((s) => this.packageOf(caller, req, s.id)),
    );
    return caseDocumentsView(
      packages.filter((p): p is CFPackage => !!p),
      caseBaseUrl(req),
    );
  }

  @Get('CFDocuments/:sourcedId')
  @ApiOperation({ summary: "A published standard's CFDocument" })
  @ApiIdParam('sourcedId', EXAMPLE_IDS.standard, 'the standard’s id')
  @ApiOkResponse({ schema: { type: 'object', example: CASE_OBJECT_EXAMPLES.CFDocument } })
  @ApiErrors(ErrorCode.CASE_OBJECT_NOT_FOUND, ...LARGE_CALL_ERRORS)
  async document(
    @Caller() caller: CommandContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('sourcedId') sourcedId: string,
  ) {
    const pkg = await this.packageOf(caller, req, sourcedId);
    return pkg ? caseDocumentView(pkg, caseBaseUrl(req)) : notFound(res, sourcedId);
  }

  @Get('CFPackages/:sourcedId')
  @ApiOperation({ summary: 'A published standard as a CFPackage' })
  @ApiIdParam('sourcedId', EXAMPLE_IDS.standard, 'the standard’s id')
  @ApiOkResponse({ type: CFPackageView })
  @ApiErrors(ErrorCode.CASE_OBJECT_NOT_FOUND, ...LARGE_CALL_ERRORS)
  async package(
    @Caller() caller: CommandContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('sourcedId') sourcedId: string,
  ) {
    const pkg = await this.packageOf(caller, req, sourcedId);
    return pkg ? casePackageView(pkg) : notFound(res, sourcedId);
  }

  @Get('CFItems/:sourcedId')
  @ApiOperation({ summary: 'A cluster, competence area or learning outcome of a published standard' }) // prettier-ignore
  @ApiIdParam('sourcedId', EXAMPLE_IDS.outcome, 'the item’s identifier')
  @ApiOkResponse({ schema: { type: 'object', example: CASE_OBJECT_EXAMPLES.CFItem } })
  @ApiErrors(ErrorCode.CASE_OBJECT_NOT_FOUND, ...LARGE_CALL_ERRORS)
  async item(
    @Caller() caller: CommandContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('sourcedId') sourcedId: string,
  ) {
    const found = await this.findIn(caller, req, sourcedId, (p) => caseItemView(p, sourcedId));
    return found ?? notFound(res, sourcedId);
  }

  @Get('CFAssociations/:sourcedId')
  @ApiOperation({ summary: 'An association (isChildOf, isRelatedTo, …) of a published standard' })
  @ApiIdParam('sourcedId', EXAMPLE_IDS.outcome, 'the association’s identifier')
  @ApiOkResponse({ schema: { type: 'object', example: CASE_OBJECT_EXAMPLES.CFAssociation } })
  @ApiErrors(ErrorCode.CASE_OBJECT_NOT_FOUND, ...LARGE_CALL_ERRORS)
  async association(
    @Caller() caller: CommandContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('sourcedId') sourcedId: string,
  ) {
    const found = await this.findIn(caller, req, sourcedId, (p) =>
      caseAssociationView(p, sourcedId),
    );
    return found ?? notFound(res, sourcedId);
  }

  /** The caller's published standards (own and shared), walked page by page. */
  private async published(caller: CommandContext): Promise<StandardSummaryView[]> {
    const all: StandardSummaryView[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, unknown> = { limit: String(MAX_LIMIT), ...(cursor ? { cursor } : {}) }; // prettier-ignore
      const page: Page<StandardSummaryView> = await this.services.call('identify', C.listStandards, caller, { query }); // prettier-ignore
      all.push(...page.items.filter((s) => s.status === 'published'));
      cursor = page.hasMore ? page.nextCursor : null;
    } while (cursor);
    return all;
  }

  /** The published version of standard `id` as a package, or undefined when there is none. */
  private async packageOf(
    caller: CommandContext,
    req: Request,
    id: string,
  ): Promise<CFPackage | undefined> {
    if (!isUuid(id)) return undefined;
    let standard: StandardView;
    try {
      standard = await this.services.call('identify', C.getStandard, caller, { params: { id } }, { large: true }); // prettier-ignore
    } catch (err) {
      if (err instanceof ServiceError && err.body.status === 404) return undefined;
      throw err;
    }
    if (standard.status !== 'published') return undefined;
    return exportCasePackage(toStandardDocument(standard), {
      baseUrl: caseBaseUrl(req),
      version: standard.version,
    });
  }

  /** The first published standard's answer for an item or association id. */
  private async findIn<T>(
    caller: CommandContext,
    req: Request,
    sourcedId: string,
    view: (pkg: CFPackage) => T | undefined,
  ): Promise<T | undefined> {
    if (!isUuid(sourcedId)) return undefined;
    for (const s of await this.published(caller)) {
      const pkg = await this.packageOf(caller, req, s.id);
      const found = pkg && view(pkg);
      if (found) return found;
    }
    return undefined;
  }
}

function intParam(query: Record<string, unknown>, name: string, min: number, max: number) {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const n = typeof raw === 'string' && /^[0-9]{1,7}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max))
    throw validationError([{ field: `query.${name}`, message: `must be an integer ${min}-${max}` }]); // prettier-ignore
  return n;
}

/** 404 in our error shape and the binding's `imsx_StatusInfo`, so both kinds of client read it. */
function notFound(res: Response, sourcedId: string) {
  const error = new DomainError(
    404,
    ErrorCode.CASE_OBJECT_NOT_FOUND,
    `no published CASE object ${sourcedId.slice(0, 100)}`,
    { sourcedId: sourcedId.slice(0, 100) },
  ).toBody();
  res.status(404);
  return {
    ...error,
    imsx_codeMajor: 'failure',
    imsx_severity: 'error',
    imsx_description: error.message,
    imsx_codeMinor: {
      imsx_codeMinorField: [
        { imsx_codeMinorFieldName: 'sourcedId', imsx_codeMinorFieldValue: 'unknownobject' },
      ],
    },
  };
}
