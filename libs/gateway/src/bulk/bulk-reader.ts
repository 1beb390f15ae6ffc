import { parse, type CsvError, type Options } from 'csv-parse';
import type { Hash } from 'node:crypto';
import { pipeline, Transform, type Readable } from 'node:stream';
import {
  BULK_COLUMNS,
  BULK_NUMBER_COLUMNS,
  BULK_REQUIRED_COLUMNS,
  BulkRowDto,
  DomainError,
  ErrorCode,
  validatePayload,
  type BulkChunkRow,
  type BulkFormat,
  type BulkRejection,
} from '@balanse/contracts';

/** A row as read: valid (to open), or rejected with why. Row 1 is the first under the header. */
export type ReadRow =
  { row: number; valid: BulkChunkRow } | { row: number; rejected: BulkRejection };

/** One row (a CSV record or an NDJSON line) may take at most this much of the file. */
export const MAX_ROW_BYTES = 64 * 1024;

/**
 * Reads a bulk file as a stream of rows, never the whole file: csv-parse (or a line splitter for
 * NDJSON) pulls from the request as fast as the caller consumes rows, so memory stays flat
 * however large the file. A file that cannot be read at all (no valid CSV header, a first NDJSON
 * line that is not an object) throws BULK_FILE_INVALID before the first row; later bad rows are
 * yielded as rejections and the reading goes on. More than `maxBytes` throws PAYLOAD_TOO_LARGE.
 * `hash`, if given, is fed every byte read, as it is read (an Idempotency-Key's claim).
 */
export async function* readRows(
  body: Readable,
  format: BulkFormat,
  maxBytes: number,
  hash?: Hash,
): AsyncGenerator<ReadRow> {
  // Not a pipeline: on a failure the request must stay open for the answer (see `settleUpload`).
  const limited = body.pipe(byteLimit(maxBytes, hash));
  body.on('error', (err) => limited.destroy(new BulkReadError(err.message)));
  body.on('aborted', () => limited.destroy(new BulkReadError('the client closed the upload')));
  yield* format === 'csv' ? readCsv(limited) : readNdjson(limited);
}

/**
 * After reading stopped early: the rest of an over-large upload is not read (the connection is
 * closed once the answer is out); otherwise the rest is read and dropped, up to the limit, so the
 * client, still sending, receives the answer.
 */
export function settleUpload(
  req: Readable & { complete?: boolean },
  res: {
    setHeader(name: string, value: string): unknown;
    on(event: 'finish', f: () => void): unknown;
  },
  maxBytes: number,
  tooLarge: boolean,
): void {
  req.unpipe();
  if (req.complete) return;
  if (tooLarge) {
    res.setHeader('connection', 'close');
    res.on('finish', () => req.destroy());
    return;
  }
  let left = maxBytes;
  req.on('data', (chunk: Buffer) => {
    left -= chunk.length;
    if (left < 0) req.destroy();
  });
  req.resume();
}

function byteLimit(maxBytes: number, hash?: Hash): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > maxBytes) return done(payloadTooLarge(maxBytes));
      hash?.update(chunk);
      done(null, chunk);
    },
  });
}

export function payloadTooLarge(maxBytes: number): DomainError {
  return new DomainError(
    413,
    ErrorCode.PAYLOAD_TOO_LARGE,
    `bulk file is too large (limit ${maxBytes} bytes); split it`,
  );
}

function fileInvalid(message: string, field = 'header'): DomainError {
  return new DomainError(400, ErrorCode.BULK_FILE_INVALID, message, undefined, [
    { field, message },
  ]);
}

/** The row checked against the row contract; a rejection names the first failing field. */
function checkRow(row: number, fields: Record<string, unknown>): ReadRow {
  try {
    const valid = validatePayload(BulkRowDto, fields);
    const optional = (name: keyof BulkRowDto) =>
      valid[name] !== undefined ? { [name]: valid[name] } : {};
    return {
      row,
      valid: {
        row,
        standardId: valid.standardId,
        externalId: valid.externalId,
        name: valid.name,
        ...optional('email'),
        ...optional('standardVersion'),
        ...optional('needId'),
        ...optional('sector'),
        ...optional('region'),
      },
    };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const first = err.fields?.[0];
    return rejection(
      row,
      err.code,
      first?.field,
      first ? `${first.field}: ${first.message}` : err.message,
    );
  }
}

function rejection(row: number, code: string, field: string | undefined, reason: string): ReadRow {
  return {
    row,
    rejected: {
      row,
      code,
      ...(field !== undefined ? { field: field.slice(0, 200) } : {}),
      reason: reason.slice(0, 300),
    },
  };
}

/** The header's column names, checked: known, each once, the required ones present. */
function checkHeader(header: string[]): string[] {
  const known = new Set<string>(BULK_COLUMNS);
  const unknown = header.find((c) => !known.has(c));
  if (unknown !== undefined)
    throw fileInvalid(
      `unknown column ${JSON.stringify(unknown.slice(0, 40))}: the header row names the columns ${BULK_COLUMNS.join(', ')}`,
    );
  const twice = header.find((c, i) => header.indexOf(c) !== i);
  if (twice) throw fileInvalid(`column ${twice} appears twice in the header`);
  const missing = BULK_REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0)
    throw fileInvalid(
      `missing column ${missing.join(', ')}: the header row must name ${BULK_REQUIRED_COLUMNS.join(', ')} (the others optional)`,
    );
  return header;
}

/**
 * A CSV cell as the row contract reads it: text, or a number in a number column. Only plain
 * decimals are numbers (`1e3`, `0x10` stay text and fail as `POST /cases` fails them).
 */
function cell(column: string, value: string): string | number {
  return BULK_NUMBER_COLUMNS.includes(column) && /^-?\d{1,15}(\.\d{1,15})?$/.test(value)
    ? Number(value)
    : value;
}

async function* readCsv(input: Readable): AsyncGenerator<ReadRow> {
  let header: string[] | undefined;
  let row = 0;
  // csv-parse reports a skipped record (unclosed quote, too long) through on_skip, in file order;
  // it travels with the next record so that rows stay in order.
  let skipped: ReadRow[] = [];
  type Parsed = { before: ReadRow[]; read?: ReadRow };
  const options: Options<Parsed, string[]> = {
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    max_record_size: MAX_ROW_BYTES,
    on_skip: (err: CsvError | undefined) => {
      if (!header) return undefined; // the header's own error ends the reading below
      row++;
      skipped.push(
        rejection(
          row,
          ErrorCode.VALIDATION_FAILED,
          '(row)',
          `not readable as CSV: ${err?.message ?? 'skipped'}`,
        ),
      );
      return undefined;
    },
    on_record: (record: string[]): Parsed => {
      if (!header) {
        header = checkHeader(record);
        return { before: skipped.splice(0) };
      }
      row++;
      const before = skipped;
      skipped = [];
      if (record.length !== header.length)
        return {
          before,
          read: rejection(
            row,
            ErrorCode.VALIDATION_FAILED,
            '(row)',
            `has ${record.length} fields; the header has ${header.length}`,
          ),
        };
      const fields: Record<string, string | number> = {};
      header.forEach((column, i) => {
        // An empty cell of an optional column is a value left out.
        if (record[i] !== '' || (BULK_REQUIRED_COLUMNS as readonly string[]).includes(column))
          fields[column] = cell(column, record[i]!);
      });
      return { before, read: checkRow(row, fields) };
    },
  };
  // csv-parse types `on_record` only with `columns`; we read the header ourselves.
  const parser = parse(options as unknown as Options);
  const records = pipeline(input, parser, () => undefined);
  try {
    for await (const r of records as AsyncIterable<Parsed>) {
      yield* r.before;
      if (r.read) yield r.read;
    }
  } catch (err) {
    if (err instanceof DomainError || err instanceof BulkReadError) throw err;
    if (!header) throw fileInvalid(`not a CSV file with a header row: ${(err as Error).message}`);
    throw new BulkReadError(`the CSV cannot be read further: ${(err as Error).message}`);
  }
  if (!header) throw fileInvalid('the file is empty: a CSV starts with its header row');
  yield* skipped;
}

/**
 * The file stopped after some rows: it cannot be read further (an unclosed quote at its end,
 * say), or the upload broke off. The rows read before it are whole and are opened.
 */
export class BulkReadError extends Error {}

async function* readNdjson(input: Readable): AsyncGenerator<ReadRow> {
  let row = 0;
  for await (const line of lines(input)) {
    if (line !== null && line.trim() === '') continue;
    row++;
    if (line === null) {
      if (row === 1)
        throw fileInvalid(`line 1 is over ${MAX_ROW_BYTES} bytes: not NDJSON`, '(row)');
      yield rejection(
        row,
        ErrorCode.PAYLOAD_TOO_LARGE,
        '(row)',
        `longer than ${MAX_ROW_BYTES} bytes`,
      );
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      if (row === 1)
        throw fileInvalid(
          'the first line is not a JSON object: not NDJSON (one JSON object a line)',
          '(row)',
        );
      yield rejection(row, ErrorCode.MALFORMED_JSON, '(row)', 'not a JSON object');
      continue;
    }
    yield checkRow(row, value as Record<string, unknown>);
  }
  if (row === 0) throw fileInvalid('the file is empty: NDJSON has one JSON object a line', '(row)');
}

/**
 * The lines of a byte stream as UTF-8 text; a line longer than MAX_ROW_BYTES is dropped as it
 * comes (yielded as null) rather than held.
 */
async function* lines(input: Readable): AsyncGenerator<string | null> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      if (tooLong || size + piece.length > MAX_ROW_BYTES) yield null;
      else yield Buffer.concat([...parts, piece]).toString('utf8');
      parts = [];
      size = 0;
      tooLong = false;
      start = nl + 1;
    }
    const rest = chunk.subarray(start);
    if (tooLong || size + rest.length > MAX_ROW_BYTES) {
      tooLong = true;
      parts = [];
      size = 0;
    } else if (rest.length > 0) {
      parts.push(rest);
      size += rest.length;
    }
  }
  if (tooLong) yield null;
  else if (size > 0) yield Buffer.concat(parts).toString('utf8');
}
