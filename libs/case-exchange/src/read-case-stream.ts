import { JSONParser } from '@streamparser/json';
import type { Readable } from 'node:stream';
import { DomainError, ErrorCode } from '@balanse/contracts';

/** The default body limit of a CASE import: frameworks of 20 MB are real, 50 MB leaves room. */
export const CASE_IMPORT_LIMIT_BYTES = 50 * 1024 * 1024;

/**
 * Reads a CFPackage (a JSON object) from a byte stream, parsing as the bytes arrive: the raw text
 * is never held whole, only the parsed values of the package's top-level fields. More than
 * `limitBytes` is refused (413 `PAYLOAD_TOO_LARGE`) as soon as it is exceeded, and invalid JSON or a
 * body that is not an object is refused (400 `MALFORMED_JSON`). The result goes to `importCasePackage`.
 */
export async function readCasePackageStream(
  stream: Readable,
  { limitBytes = CASE_IMPORT_LIMIT_BYTES }: { limitBytes?: number } = {},
): Promise<Record<string, unknown>> {
  const pkg: Record<string, unknown> = {};
  // `$.*` emits each top-level value once parsed; keepStack: false lets the parser drop it then.
  const parser = new JSONParser({ paths: ['$.*'], keepStack: false });
  let failure: Error | undefined;
  let started = false;
  parser.onValue = ({ value, key }) => {
    // An own property even for `__proto__`, as JSON.parse makes it.
    if (typeof key === 'string')
      Object.defineProperty(pkg, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  };
  parser.onError = (err) => (failure ??= err);
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      let buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buf.length;
      if (bytes > limitBytes)
        throw new DomainError(
          413,
          ErrorCode.PAYLOAD_TOO_LARGE,
          `the CASE package is too large (limit ${limitBytes} bytes)`,
          { limitBytes },
        );
      if (!started) {
        if (bytes === buf.length && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
          buf = buf.subarray(3); // a UTF-8 byte order mark, as some exporters write
        const first = buf.toString('latin1').trimStart()[0];
        if (first !== undefined) {
          if (first !== '{') throw malformed('a JSON object is expected');
          started = true;
        }
      }
      if (parser.isEnded) {
        if (buf.toString('latin1').trim()) throw malformed('text after the JSON object');
        continue;
      }
      parser.write(buf);
      if (failure) throw malformed(failure.message);
    }
  } finally {
    stream.destroy();
  }
  if (!started) throw malformed('the body is empty');
  if (!parser.isEnded) parser.end();
  if (failure) throw malformed(failure.message);
  return pkg;
}

const malformed = (why: string) =>
  new DomainError(400, ErrorCode.MALFORMED_JSON, `the CASE package is not valid JSON: ${why}`);
