import { Logger } from '@nestjs/common';
import { ErrorCode, type CommandReply } from '@balanse/contracts';
import { handlerFailures, repliesTooLarge } from '../metrics';
import { CommandGate, type CommandHandler, type CommandLimits } from './command-gate';

const limits: CommandLimits = { maxPayloadBytes: 64 * 1024, maxConcurrent: 2, maxQueued: 1 };
const command = JSON.stringify({ context: { tenantId: 't' }, data: {} });
const parse = (json: string) => JSON.parse(json) as CommandReply;
const count = async (counter: typeof handlerFailures | typeof repliesTooLarge) =>
  (await counter.get()).values
    .filter((v) => v.labels['service'] === 'assess')
    .reduce((sum, v) => sum + v.value, 0);

describe('CommandGate', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  const gate = (handler: CommandHandler, own: Partial<CommandLimits> = {}) =>
    new CommandGate('assess', handler, { ...limits, ...own });

  it('answers an answer too large for the bus REPLY_TOO_LARGE, counted, and keeps serving', async () => {
    const before = await count(repliesTooLarge);
    const g = gate(async (_s, m) =>
      m.data['big'] ? { ok: true, data: 'é'.repeat(40_000) } : { ok: true, data: 'small' },
    );
    const big = parse(await g.answer('balanse.cmd.assess.x', JSON.stringify({ data: { big: 1 } })));
    expect(big).toMatchObject({
      ok: false,
      error: { status: 413, code: ErrorCode.REPLY_TOO_LARGE, details: { bytes: 80_021 } },
    });
    expect(await count(repliesTooLarge)).toBe(before + 1);
    expect(parse(await g.answer('balanse.cmd.assess.x', command))).toEqual({
      ok: true,
      data: 'small',
    });
  });

  it('answers a handler that throws, or an answer that cannot be encoded, 500 INTERNAL, counted', async () => {
    const before = await count(handlerFailures);
    const throws = gate(async () => {
      throw new Error('boom');
    });
    expect(parse(await throws.answer('s', command))).toMatchObject({
      ok: false,
      error: { status: 500, code: ErrorCode.INTERNAL },
    });
    const unencodable = gate(async () => ({ ok: true, data: { n: BigInt(1) } }));
    expect(parse(await unencodable.answer('s', command))).toMatchObject({
      error: { status: 500, code: ErrorCode.INTERNAL },
    });
    expect(await count(handlerFailures)).toBe(before + 2);
  });

  it('answers a command that is not JSON 400 MALFORMED_JSON', async () => {
    const g = gate(async () => ({ ok: true, data: null }));
    expect(parse(await g.answer('s', '{nope'))).toMatchObject({
      error: { status: 400, code: ErrorCode.MALFORMED_JSON },
    });
  });

  it('runs at most maxConcurrent at once, queues maxQueued, and answers the rest SERVICE_BUSY', async () => {
    let running = 0;
    let most = 0;
    const release: Array<() => void> = [];
    const g = gate(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => release.push(resolve));
      running--;
      return { ok: true, data: 'done' };
    });
    const answers = [1, 2, 3].map(() => g.answer('s', command));
    const busy = parse(await g.answer('s', command));
    expect(busy).toMatchObject({
      error: { status: 503, code: ErrorCode.SERVICE_BUSY, details: { retryAfterSeconds: 1 } },
    });
    while (release.length < 2) await new Promise((r) => setImmediate(r));
    expect(running).toBe(2);
    release.shift()!(); // the first ends; the queued third takes its slot
    while (release.length < 2) await new Promise((r) => setImmediate(r));
    release.splice(0).forEach((r) => r());
    expect((await Promise.all(answers)).map(parse)).toEqual(
      Array(3).fill({ ok: true, data: 'done' }),
    );
    expect(most).toBe(2);
    // every slot was given back: two more run at once again
    const again = [1, 2].map(() => g.answer('s', command));
    while (release.length < 2) await new Promise((r) => setImmediate(r));
    release.splice(0).forEach((r) => r());
    expect((await Promise.all(again)).map(parse)).toHaveLength(2);
  });
});
