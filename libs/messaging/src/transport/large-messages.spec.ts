import { Logger } from '@nestjs/common';
import { ErrorCode, type CommandReply } from '@balanse/contracts';
import { largeMessages } from '../metrics';
import { CommandGate } from './command-gate';
import { InProcessCommandTransport } from './in-process.transport';
import {
  chunkBytes,
  CHUNK_HEADROOM_BYTES,
  MAX_LARGE_MESSAGE_BYTES,
  Reassembly,
  splitBytes,
} from './large-messages';

const encode = (text: string) => new TextEncoder().encode(text);
const parse = (json: string) => JSON.parse(json) as CommandReply;

describe('chunking and reassembly', () => {
  it('cuts bytes in pieces of at most the chunk size, in order, without copying', () => {
    const bytes = encode('abcdefghij');
    const pieces = splitBytes(bytes, 4);
    expect(pieces.map((p) => new TextDecoder().decode(p))).toEqual(['abcd', 'efgh', 'ij']);
    expect(pieces[0]!.buffer).toBe(bytes.buffer);
    expect(splitBytes(bytes, 10)).toEqual([bytes]);
    expect(splitBytes(new Uint8Array(0), 4)).toHaveLength(1);
  });

  it('leaves room for headers in each chunk, within the max payload', () => {
    expect(chunkBytes(1024 * 1024)).toBe(1024 * 1024 - CHUNK_HEADROOM_BYTES);
    // 64 MB in 1 MiB chunks, and the sentinel: what allow_responses in auth.conf must allow.
    expect(Math.ceil(MAX_LARGE_MESSAGE_BYTES / chunkBytes(1024 * 1024)) + 1).toBeLessThanOrEqual(
      80,
    );
  });

  it('reassembles text whose multi-byte characters are split across chunks', () => {
    // 2, 3 and 4 bytes a character, cut at every size from 1 byte: boundaries fall inside them.
    const text = JSON.stringify({ data: 'æøå€😀'.repeat(50) + 'ok' });
    const bytes = encode(text);
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const whole = new Reassembly(bytes.length);
      for (const piece of splitBytes(bytes, size)) expect(whole.add(piece)).toBe(true);
      expect(whole.complete).toBe(true);
      expect(whole.text()).toBe(text);
    }
  });

  it('refuses bytes beyond the size announced, and knows when some are missing', () => {
    const whole = new Reassembly(5);
    expect(whole.add(encode('abc'))).toBe(true);
    expect(whole.complete).toBe(false);
    expect(whole.add(encode('def'))).toBe(false);
    expect(whole.receivedBytes).toBe(3);
    expect(whole.add(encode('de'))).toBe(true);
    expect(whole.text()).toBe('abcde');
  });
});

describe('large calls through the CommandGate and the in-process bus', () => {
  const limits = { maxPayloadBytes: 64 * 1024, maxConcurrent: 4, maxQueued: 4 };
  const message = { context: { tenantId: 't', actor: 'a', correlationId: 'c' }, data: {} };
  beforeEach(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  const counted = async (kind: string) =>
    (await largeMessages.get()).values.find(
      (v) => v.labels['service'] === 'certify' && v.labels['kind'] === kind,
    )?.value ?? 0;

  it('answers a large call up to the cap, and REPLY_TOO_LARGE over it; ordinary calls keep the max payload', async () => {
    const gate = new CommandGate(
      'certify',
      async (_s, m) => ({ ok: true, data: 'é'.repeat(Number(m.data['n'])) }),
      { ...limits, maxLargeMessageBytes: 256 * 1024 },
    );
    const ask = (n: number, large?: boolean) =>
      gate.answer('balanse.cmd.certify.x', JSON.stringify({ data: { n } }), { large }).then(parse);
    const before = await counted('answer');
    expect(await ask(100_000, true)).toEqual({ ok: true, data: 'é'.repeat(100_000) });
    expect(await counted('answer')).toBe(before + 1);
    expect(await ask(100_000)).toMatchObject({
      error: { code: ErrorCode.REPLY_TOO_LARGE, details: { maxPayloadBytes: 64 * 1024 } },
    });
    expect(await ask(200_000, true)).toMatchObject({
      error: {
        status: 413,
        code: ErrorCode.REPLY_TOO_LARGE,
        details: { maxLargeMessageBytes: 256 * 1024 },
      },
    });
  });

  it('passes a large command whole in-process up to the cap; 413 over it, and for an ordinary call over the max payload', async () => {
    const commands = new InProcessCommandTransport({ ...limits, maxLargeMessageBytes: 256 * 1024 });
    await commands.serve('certify', async (_s, m) => ({
      ok: true,
      data: { got: String(m.data['body']).length, echo: m.data['body'] },
    }));
    const body = '€'.repeat(60_000); // 180 KB encoded
    const before = await counted('command');
    const large = await commands.request(
      'balanse.cmd.certify.x',
      { ...message, data: { body } },
      5_000,
      { large: true },
    );
    expect(large).toEqual({ ok: true, data: { got: 60_000, echo: body } });
    expect(await counted('command')).toBe(before + 1);
    const ordinary = await commands.request(
      'balanse.cmd.certify.x',
      { ...message, data: { body } },
      5_000,
    );
    expect(ordinary).toMatchObject({
      error: {
        status: 413,
        code: ErrorCode.PAYLOAD_TOO_LARGE,
        details: { maxPayloadBytes: 65536 },
      },
    });
    const over = await commands.request(
      'balanse.cmd.certify.x',
      { ...message, data: { body: body.repeat(2) } },
      5_000,
      { large: true },
    );
    expect(over).toMatchObject({
      error: {
        status: 413,
        code: ErrorCode.PAYLOAD_TOO_LARGE,
        details: { maxLargeMessageBytes: 256 * 1024 },
      },
    });
  });
});
