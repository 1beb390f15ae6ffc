import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DomainError } from '@balanse/contracts';
import { readCasePackageStream } from './read-case-stream';

const fixture = readFileSync(join(__dirname, 'fixtures/opensalt-what-standards-could-be.json'));

/** A stream of `bytes` in chunks of `size`, recording how much of it was read. */
function chunked(bytes: Buffer, size: number) {
  const seen = { chunks: 0 };
  const stream = Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += size) {
        seen.chunks++;
        yield bytes.subarray(i, i + size);
      }
    })(),
  );
  return { stream, seen };
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(e)}`);
  return e;
}

describe('readCasePackageStream', () => {
  it('parses a package arriving in small chunks (split inside strings and multi-byte characters) as JSON.parse does', async () => {
    const { stream } = chunked(fixture, 7);
    expect(await readCasePackageStream(stream)).toEqual(JSON.parse(fixture.toString('utf8')));
  });

  it('accepts a UTF-8 byte order mark', async () => {
    const { stream } = chunked(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixture]), 1000);
    expect((await readCasePackageStream(stream))['CFDocument']).toBeDefined();
  });

  it('refuses more than the limit as soon as it is passed, without reading the rest', async () => {
    const { stream, seen } = chunked(fixture, 1000);
    const e = await refusal(readCasePackageStream(stream, { limitBytes: 10_000 }));
    expect([e.status, e.code, e.details]).toEqual([
      413,
      'PAYLOAD_TOO_LARGE',
      { limitBytes: 10_000 },
    ]);
    expect(seen.chunks).toBe(11);
    expect(stream.destroyed).toBe(true);
  });

  it.each([
    ['invalid JSON', '{"CFDocument": {"title": "x",}}'],
    ['a truncated body', '{"CFDocument": {"title": "x"'],
    ['an array', '[{"CFDocument": {}}]'],
    ['a string', '"CFPackage"'],
    ['an empty body', '   '],
    ['text after the object', '{"CFDocument": {}} {"more": 1}'],
  ])('refuses %s with MALFORMED_JSON', async (_what, body) => {
    const e = await refusal(readCasePackageStream(Readable.from([Buffer.from(body)])));
    expect([e.status, e.code]).toEqual([400, 'MALFORMED_JSON']);
  });
});
