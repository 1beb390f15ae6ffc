import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  BULK_CHUNK_ROWS,
  Command,
  DomainError,
  ErrorCode,
  EXAMPLE_IDS as ID,
  type BulkChunkDto,
  type BulkFormat,
  type BulkJobStart,
  type CommandContext,
} from '@balanse/contracts';
import { createHash } from 'node:crypto';
import { Idempotent } from '../http/idempotency';
import { Caller } from '../http/principal';
import { StreamedBody } from '../http/json-body.guard';
import { ServiceClient } from '../http/service-client';
import { ApiErrors } from '../openapi/api-errors';
import { ApiIdParam } from '../openapi/api-id-param';
import { ApiPaged } from '../openapi/api-paging';
import { BulkReadError, payloadTooLarge, readRows, settleUpload } from './bulk-reader';
import { BulkJobPageView, BulkJobView, BulkReportPageView } from './bulk.views';

const C = Command.identify;

/** A bulk file's own body limit: it is streamed, never held, so it may be far above the JSON one. */
export const BULK_BODY_LIMIT_BYTES = 200 * 1024 * 1024;

/** The route, in an Idempotency-Key's claim. */
const BULK_PATH = '/api/v1/cases/bulk';

const FORMATS: Record<string, BulkFormat> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'ndjson',
};

const EXAMPLE_CSV = `standardId,externalId,name,email,standardVersion,needId,sector,region
${ID.standard},HR-000123,Kari Nordmann,kari@example.org,,,,
${ID.standard},HR-000124,Ola Nordmann,,1,${ID.need},27.20,42
`;

/** Bulk intake for large employers: many candidates' cases from one CSV or NDJSON file. */
@ApiTags('cases: bulk intake')
@ApiBearerAuth()
@Controller('api/v1/cases/bulk')
export class BulkController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @StreamedBody()
  @Idempotent()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Open a case per row of a CSV (header row) or NDJSON file, streamed; answers the job',
    description: `Columns (CSV header) or fields (NDJSON): \`standardId\`, \`externalId\`, \`name\`, and optional \`email\`, \`standardVersion\`, \`needId\`, \`sector\`, \`region\`: what POST /cases takes, flat, checked and opened as POST /cases opens a case (a pinned version must be published; a need must be the standard's; sector and region default to the need's). An empty CSV cell is left out; \`standardVersion\` is read as a number. Rows are opened as they are read, ${BULK_CHUNK_ROWS} at a time, each idempotently on the employer's external id: a candidate who already has a case on the standard is counted \`existing\`, so a file sent again creates nothing twice. A bad row is reported with its number, code, field and reason and does not stop the others. The answer comes once the file is read; GET /cases/bulk/{jobId} shows progress meanwhile, and /rows the report. Files up to ${BULK_BODY_LIMIT_BYTES / 1024 / 1024} MB. With an \`Idempotency-Key\`, the file is hashed as it streams: once the job has completed, the same key with the same file answers that job (same \`jobId\`) and opens nothing, with another file 422; while it runs, 409 \`IDEMPOTENCY_KEY_IN_USE\`; after an incomplete job the key is free for the resend.`,
  })
  @ApiConsumes('text/csv', 'application/x-ndjson')
  @ApiBody({
    schema: { type: 'string', example: EXAMPLE_CSV },
    description: 'the file, with Content-Type text/csv (UTF-8) or application/x-ndjson',
  })
  @ApiAcceptedResponse({
    type: BulkJobView,
    description: 'the job, read to the end; its report at /cases/bulk/{jobId}/rows',
    headers: {
      Location: {
        description: 'the job: /api/v1/cases/bulk/{jobId}',
        schema: { type: 'string' },
      },
    },
  })
  @ApiErrors(
    {
      code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      message: 'send the file as text/csv or application/x-ndjson (got application/json)',
      meaning: 'the body is neither `text/csv` nor `application/x-ndjson`',
    },
    {
      code: ErrorCode.MALFORMED_JSON,
      meaning:
        'a body sent as `application/json` is read as JSON first; broken JSON is this, valid JSON 415',
    },
    ErrorCode.BULK_FILE_INVALID,
    {
      code: ErrorCode.PAYLOAD_TOO_LARGE,
      message: `bulk file is too large (limit ${BULK_BODY_LIMIT_BYTES} bytes); split it`,
      meaning: `the file is over ${BULK_BODY_LIMIT_BYTES} bytes; rows read before the limit are opened, and the job is \`incomplete\` (\`details.jobId\`)`,
    },
    {
      code: ErrorCode.IDEMPOTENCY_KEY_REUSED,
      meaning:
        'the `Idempotency-Key` was sent before with another file (hashed as it streamed), or with another request',
    },
    ErrorCode.IDEMPOTENCY_KEY_IN_USE,
  )
  async upload(
    @Caller() caller: CommandContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BulkJobView> {
    const format = formatOf(req);
    if (Number(req.headers['content-length']) > BULK_BODY_LIMIT_BYTES)
      throw payloadTooLarge(BULK_BODY_LIMIT_BYTES);
    // The upload's Idempotency-Key is held by its job, not claimed by one command (see
    // BulkService.start); the file is hashed as it streams, for the claim.
    const { idempotency, ...context } = caller;
    const file = createHash('sha256');
    const requestHash = () =>
      createHash('sha256')
        .update(JSON.stringify(['POST', BULK_PATH, caller.tenantId, format, file.digest('hex')]))
        .digest('hex');
    const rows = readRows(req, format, BULK_BODY_LIMIT_BYTES, file);
    const stop = (err: unknown) =>
      settleUpload(
        req,
        res,
        BULK_BODY_LIMIT_BYTES,
        err instanceof DomainError && err.status === 413,
      );
    // A file that cannot be read at all is refused before a job exists.
    let next = await rows.next().catch((err: unknown) => {
      stop(err);
      throw err;
    });
    const started = await this.services
      .call<BulkJobStart<BulkJobView>>('identify', C.startBulkJob, context, {
        body: { format, ...(idempotency && { idempotencyKey: idempotency.key }) },
      })
      .catch((err: unknown) => {
        stop(err);
        throw err;
      });
    if (started.replayOf) {
      // The key holds a completed job: the file is read to compare it, and nothing is opened.
      try {
        while (!next.done) next = await rows.next();
      } catch (err) {
        stop(err);
        throw err instanceof DomainError ? err : DomainError.keyReused();
      }
      if (requestHash() !== started.replayOf.requestHash) throw DomainError.keyReused();
      const job = await this.services.call<BulkJobView>('identify', C.getBulkJob, context, {
        params: { id: started.job.jobId },
      });
      return this.answer(res, job);
    }
    const job = started.job;
    const params = { id: job.jobId };
    let chunk: BulkChunkDto = { rows: [], rejected: [], rowsRead: 0 };
    // One chunk in identify while the next is read: reading and opening overlap, and at most
    // two chunks of the file are in memory. Chunks go one after the other.
    let inFlight: Promise<unknown> = Promise.resolve();
    let sentUpTo = 0; // rows opened so far
    let readFailed = false;
    let lastSent = Date.now();
    const read = () =>
      rows.next().catch((err: unknown) => {
        readFailed = true;
        throw err;
      });
    /** Sends the chunk; answers when the one before it is done (it fails if that one failed). */
    const send = () => {
      const body = chunk;
      chunk = { rows: [], rejected: [], rowsRead: chunk.rowsRead };
      lastSent = Date.now();
      const previous = inFlight;
      const call = previous.then(() =>
        this.services.call('identify', C.bulkRows, context, { params, body }),
      );
      inFlight = call;
      call.then(
        () => (sentUpTo = Math.max(sentUpTo, body.rowsRead)),
        () => undefined, // awaited below; not unhandled meanwhile
      );
      return previous;
    };
    // While the client is slow to send, what was read so far goes anyway (an empty chunk if
    // nothing): identify hears from a live gateway, and shows a job incomplete only when its
    // gateway died (not heard from for `staleSeconds`).
    const beatMs = (started.staleSeconds * 1000) / 4;
    const heartbeat = setInterval(() => {
      if (Date.now() - lastSent >= beatMs) send().catch(() => undefined);
    }, beatMs);
    try {
      for (; !next.done; next = await read()) {
        const read = next.value;
        if ('valid' in read) chunk.rows.push(read.valid);
        else chunk.rejected.push(read.rejected);
        chunk.rowsRead = read.row;
        if (chunk.rows.length + chunk.rejected.length >= BULK_CHUNK_ROWS) await send();
      }
      if (chunk.rows.length + chunk.rejected.length > 0) await send();
      await inFlight;
    } catch (err) {
      clearInterval(heartbeat);
      stop(err);
      // A file that stopped part way (unreadable, too large, broken off): the whole rows read
      // before are opened all the same. A failure in identify leaves them to the next upload.
      const sent = readFailed
        ? await send()
            .then(() => inFlight)
            .then(
              () => true,
              () => false,
            )
        : false;
      const rowsRead = sent ? chunk.rowsRead : sentUpTo;
      const stopped = await this.services
        .call<BulkJobView>('identify', C.finishBulkJob, context, {
          params,
          body: {
            status: 'incomplete',
            reason: stopReason(err, rowsRead),
            rowsRead,
          },
        })
        .catch(() => undefined); // identify down: the job is shown incomplete once it goes stale
      if (err instanceof BulkReadError && stopped) return this.answer(res, stopped);
      if (err instanceof DomainError)
        throw new DomainError(
          err.status,
          err.code,
          err.message,
          { ...err.details, jobId: job.jobId },
          err.fields,
        );
      throw err;
    } finally {
      clearInterval(heartbeat);
    }
    const done = await this.services.call<BulkJobView>('identify', C.finishBulkJob, context, {
      params,
      body: {
        status: 'completed',
        rowsRead: chunk.rowsRead,
        ...(idempotency && { idempotencyKey: idempotency.key, requestHash: requestHash() }),
      },
    });
    return this.answer(res, done);
  }

  @Get()
  @ApiOperation({
    summary:
      "The tenant's bulk jobs, oldest first: where to find a job whose upload's answer was lost",
  })
  @ApiPaged()
  @ApiOkResponse({ type: BulkJobPageView })
  @ApiErrors(ErrorCode.INVALID_CURSOR)
  list(@Caller() caller: CommandContext, @Query() query: Record<string, unknown>) {
    return this.services.call('identify', C.listBulkJobs, caller, { query });
  }

  @Get(':jobId')
  @ApiIdParam('jobId', ID.bulkJob)
  @ApiOperation({
    summary: 'A bulk job: status and rows read, created, already existing and rejected so far',
  })
  @ApiOkResponse({ type: BulkJobView })
  @ApiErrors(ErrorCode.BULK_JOB_NOT_FOUND)
  get(@Caller() caller: CommandContext, @Param('jobId') jobId: string) {
    return this.services.call('identify', C.getBulkJob, caller, { params: { id: jobId } });
  }

  @Get(':jobId/rows')
  @ApiIdParam('jobId', ID.bulkJob)
  @ApiOperation({
    summary: "A bulk job's report: per row, the case opened or found, or why it was rejected",
  })
  @ApiPaged()
  @ApiOkResponse({ type: BulkReportPageView })
  @ApiErrors(ErrorCode.BULK_JOB_NOT_FOUND, ErrorCode.INVALID_CURSOR)
  report(
    @Caller() caller: CommandContext,
    @Param('jobId') jobId: string,
    @Query() query: Record<string, unknown>,
  ) {
    return this.services.call('identify', C.bulkJobRows, caller, {
      params: { id: jobId },
      query,
    });
  }

  private answer(res: Response, job: BulkJobView): BulkJobView {
    res.location(`/api/v1/cases/bulk/${job.jobId}`);
    return job;
  }
}

/** The file's format from its Content-Type; 415 for anything else. */
function formatOf(req: Request): BulkFormat {
  const [type = '', ...params] = (req.headers['content-type'] ?? '').toLowerCase().split(';');
  const format = FORMATS[type.trim()];
  const charset = params.map((p) => /^\s*charset=(.*)$/.exec(p)?.[1]?.trim()).find(Boolean);
  if (!format || (charset && !/^"?utf-?8"?$/.test(charset)))
    throw new DomainError(
      415,
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `send the file as text/csv or application/x-ndjson, in UTF-8 (got ${req.headers['content-type'] ? JSON.stringify(req.headers['content-type'].slice(0, 100)) : 'no Content-Type'})`,
    );
  return format;
}

function stopReason(err: unknown, rowsRead: number): string {
  const why = err instanceof Error ? err.message : String(err);
  return `the upload stopped after row ${rowsRead}: ${why}`.slice(0, 300);
}
