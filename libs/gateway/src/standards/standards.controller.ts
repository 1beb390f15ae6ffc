import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import {
  Command,
  CreateStandardDto,
  ErrorCode,
  EXAMPLE_IDS,
  PatchStandardDto,
  type CommandContext,
} from '@balanse/contracts';
import { Caller } from '../http/principal';
import { ServiceClient } from '../http/service-client';
import {
  ApiErrors,
  BODY_ERRORS,
  LARGE_CALL_ERRORS,
  type ErrorExample,
} from '../openapi/api-errors';
import { Idempotent } from '../http/idempotency';
import { ApiIdParam } from '../openapi/api-id-param';
import { ApiPaged } from '../openapi/api-paging';
import { ApiVersionQuery } from '../openapi/api-version-query';
import { StandardSummaryPageView, StandardVersionPageView, StandardView } from './standard.views';

const C = Command.identify;

/** `{version}` in a path: the version number. */
const VersionParam = () =>
  ApiParam({
    name: 'version',
    schema: { type: 'integer', minimum: 1, maximum: 999999 },
    example: 1,
    description: 'the version number',
  });

/** A shared standard is read-only to tenants: writing to it is a 404, as for an unknown one. */
const NOT_OWN: ErrorExample = {
  code: ErrorCode.STANDARD_NOT_FOUND,
  meaning: 'no standard with this id of the tenant’s own (shared standards are read-only)',
};

/** Rules of a standard's tree that the body's schema cannot say. */
const TREE_ERRORS = [ErrorCode.DUPLICATE_OUTCOME_CODE, ErrorCode.UNKNOWN_STANDARD_ELEMENT];

@ApiTags('standards')
@ApiBearerAuth()
@Controller('api/v1/standards')
export class StandardsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary:
      "Competence standards, the tenant's own and the shared ones, by code, each as its published version (or its draft while none is), a page at a time",
  })
  @ApiPaged()
  @ApiOkResponse({ type: StandardSummaryPageView })
  @ApiErrors(ErrorCode.INVALID_CURSOR)
  list(@Caller() caller: CommandContext, @Query() query: Record<string, unknown>) {
    return this.services.call('identify', C.listStandards, caller, { query });
  }

  @Post()
  @ApiOperation({
    summary:
      'Create a competence standard (clusters → competence areas → learning outcomes) as version 1, a draft',
  })
  @Idempotent()
  @ApiCreatedResponse({ type: StandardView, description: 'version 1, a draft, every id assigned' })
  @ApiErrors(
    ...BODY_ERRORS,
    ...TREE_ERRORS,
    ErrorCode.STANDARD_CODE_TAKEN,
    ErrorCode.IDEMPOTENCY_KEY_REUSED,
    ...LARGE_CALL_ERRORS,
  )
  create(@Caller() caller: CommandContext, @Body() body: CreateStandardDto) {
    return this.services.call('identify', C.createStandard, caller, { body }, { large: true });
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'One version of a standard with its learning outcomes (each with an id) under clusters and areas: `version`, or the published one (the draft while none is published)',
  })
  @ApiIdParam('id', EXAMPLE_IDS.standard)
  @ApiVersionQuery()
  @ApiOkResponse({ type: StandardView })
  @ApiErrors(
    ErrorCode.STANDARD_NOT_FOUND,
    ErrorCode.STANDARD_VERSION_NOT_FOUND,
    ...LARGE_CALL_ERRORS,
  )
  get(
    @Caller() caller: CommandContext,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ) {
    return this.services.call(
      'identify',
      C.getStandard,
      caller,
      { params: { id }, query },
      { large: true },
    );
  }

  @Get(':id/versions')
  @ApiOperation({ summary: "The standard's versions, oldest first, a page at a time" })
  @ApiIdParam('id', EXAMPLE_IDS.standard)
  @ApiPaged()
  @ApiOkResponse({ type: StandardVersionPageView })
  @ApiErrors(ErrorCode.STANDARD_NOT_FOUND, ErrorCode.INVALID_CURSOR)
  versions(
    @Caller() caller: CommandContext,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ) {
    return this.services.call('identify', C.listStandardVersions, caller, {
      params: { id },
      query,
    });
  }

  @Post(':id/versions')
  @ApiOperation({
    summary:
      'Start a new draft version, a copy of the published one (ids kept); it supersedes that one when published',
  })
  @ApiIdParam('id', EXAMPLE_IDS.standard)
  @Idempotent()
  @ApiCreatedResponse({ type: StandardView, description: 'the new draft' })
  @ApiErrors(
    ...BODY_ERRORS,
    NOT_OWN,
    ErrorCode.STANDARD_DRAFT_EXISTS,
    ErrorCode.IDEMPOTENCY_KEY_REUSED,
    ...LARGE_CALL_ERRORS,
  )
  newVersion(@Caller() caller: CommandContext, @Param('id') id: string) {
    return this.services.call(
      'identify',
      C.newStandardVersion,
      caller,
      { params: { id } },
      { large: true },
    );
  }

  @Patch(':id/versions/:version')
  @ApiOperation({
    summary:
      'Change a draft: each field given replaces the draft’s; `clusters` replaces the whole tree (give an element’s `id` to keep it)',
  })
  @ApiIdParam('id', EXAMPLE_IDS.standard)
  @VersionParam()
  @ApiOkResponse({ type: StandardView, description: 'the draft as changed' })
  @ApiErrors(
    ...BODY_ERRORS,
    ...TREE_ERRORS,
    NOT_OWN,
    ErrorCode.STANDARD_VERSION_NOT_FOUND,
    ErrorCode.STANDARD_VERSION_PUBLISHED,
    ...LARGE_CALL_ERRORS,
  )
  patch(
    @Caller() caller: CommandContext,
    @Param('id') id: string,
    @Param('version') version: string,
    @Body() body: PatchStandardDto,
  ) {
    return this.services.call(
      'identify',
      C.patchStandardVersion,
      caller,
      {
        params: { id, version },
        body,
      },
      { large: true },
    );
  }

  @Post(':id/versions/:version/publish')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Publish a draft: it becomes immutable and the version new cases get; the one published before is superseded',
  })
  @ApiIdParam('id', EXAMPLE_IDS.standard)
  @VersionParam()
  @ApiOkResponse({ type: StandardView, description: 'the version, now published' })
  @ApiErrors(
    ...BODY_ERRORS,
    NOT_OWN,
    ErrorCode.STANDARD_VERSION_NOT_FOUND,
    ErrorCode.STANDARD_VERSION_PUBLISHED,
    ...LARGE_CALL_ERRORS,
  )
  publish(
    @Caller() caller: CommandContext,
    @Param('id') id: string,
    @Param('version') version: string,
  ) {
    return this.services.call(
      'identify',
      C.publishStandardVersion,
      caller,
      {
        params: { id, version },
      },
      { large: true },
    );
  }
}
