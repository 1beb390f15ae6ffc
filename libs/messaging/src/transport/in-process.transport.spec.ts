import { ErrorCode } from '@balanse/contracts';
import { InProcessCommandTransport, InProcessEventTransport } from './in-process.transport';

const envelope = { id: 'e1', type: 'balanse.t.v1' };
const spec = { type: 'balanse.t.v1', concurrency: 1, maxDeliver: 5 };

describe('in-process event bus', () => {
  it('resolves publish only once every consumer has acked, redelivering after a nak', async () => {
    const bus = new InProcessEventTransport();
    const attempts: number[] = [];
    let other = 0;
    await bus.subscribe({ ...spec, durable: 'a' }, async (d) => {
      attempts.push(d.attempt);
      if (d.attempt < 3) d.nak(5);
      else d.ack();
    });
    await bus.subscribe({ ...spec, durable: 'b' }, async (d) => {
      other++;
      d.ack();
    });
    await bus.publish(envelope);
    expect(attempts).toEqual([1, 2, 3]);
    expect(other).toBe(1);
    await bus.close();
  });

  it('redelivers when a handler throws without settling', async () => {
    const bus = new InProcessEventTransport();
    let calls = 0;
    await bus.subscribe({ ...spec, durable: 'a' }, async (d) => {
      calls++;
      if (calls === 1) throw new Error('crash');
      d.ack();
    });
    await bus.publish(envelope);
    expect(calls).toBe(2);
    await bus.close();
  }, 5000);

  it('delivers the envelope as text on its event subject', async () => {
    const bus = new InProcessEventTransport();
    const seen: Array<[string, string]> = [];
    await bus.subscribe({ ...spec, durable: 'a' }, async (d) => {
      seen.push([d.subject, d.body]);
      d.ack();
    });
    await bus.publish(envelope);
    expect(seen).toEqual([['balanse.events.t.v1', JSON.stringify(envelope)]]);
  });

  it('stops after a term, and after maxDeliver deliveries', async () => {
    const bus = new InProcessEventTransport();
    const attempts: Record<string, number[]> = { a: [], b: [] };
    await bus.subscribe({ ...spec, durable: 'a' }, async (d) => {
      attempts['a']!.push(d.attempt);
      d.term();
    });
    await bus.subscribe({ ...spec, durable: 'b', maxDeliver: 2 }, async (d) => {
      attempts['b']!.push(d.attempt);
      d.nak(1);
    });
    await bus.publish(envelope);
    expect(attempts).toEqual({ a: [1], b: [1, 2] });
  });
});

describe('in-process request/reply', () => {
  const message = { context: { tenantId: 't', actor: 'a', correlationId: 'c' }, data: {} };

  it('answers 503 when no service serves the subject', async () => {
    const reply = await new InProcessCommandTransport().request(
      'balanse.cmd.assess.x',
      message,
      100,
    );
    expect(reply).toMatchObject({
      ok: false,
      error: { status: 503, code: ErrorCode.SERVICE_UNAVAILABLE },
    });
  });

  it('answers 504 when the service is too slow', async () => {
    const commands = new InProcessCommandTransport();
    await commands.serve(
      'assess',
      () => new Promise((resolve) => setTimeout(() => resolve({ ok: true, data: null }), 200)),
    );
    const reply = await commands.request('balanse.cmd.assess.x', message, 20);
    expect(reply).toMatchObject({
      ok: false,
      error: { status: 504, code: ErrorCode.SERVICE_TIMEOUT },
    });
  });
});

describe('in-process bus limits', () => {
  it('answers a command too large for the bus 413 before any handler sees it', async () => {
    const commands = new InProcessCommandTransport({ maxPayloadBytes: 64 * 1024 });
    let called = false;
    await commands.serve('identify', async () => {
      called = true;
      return { ok: true, data: null };
    });
    const reply = await commands.request(
      'balanse.cmd.identify.standards.create',
      {
        context: { tenantId: 't', actor: 'a', correlationId: 'c' },
        data: { body: 'x'.repeat(70_000) },
      },
      1000,
    );
    expect(reply).toMatchObject({
      ok: false,
      error: { status: 413, code: ErrorCode.PAYLOAD_TOO_LARGE },
    });
    expect(called).toBe(false);
  });

  it('holds at most maxPending deliveries: a publish beyond waits until one is acked', async () => {
    const bus = new InProcessEventTransport(2);
    const held: Array<() => void> = [];
    await bus.subscribe({ ...spec, durable: 'a', concurrency: 10 }, async (d) => {
      await new Promise<void>((resolve) =>
        held.push(() => {
          d.ack();
          resolve();
        }),
      );
    });
    const published: string[] = [];
    const publish = (id: string) =>
      bus.publish({ id, type: 'balanse.t.v1' }).then(() => published.push(id));
    const all = ['e1', 'e2', 'e3'].map(publish);
    await new Promise((r) => setTimeout(r, 20));
    expect(held).toHaveLength(2); // e3 waits for room
    held.shift()!();
    await new Promise((r) => setTimeout(r, 20));
    expect(published).toEqual(['e1']);
    expect(held).toHaveLength(2); // e3 delivered now
    held.splice(0).forEach((ack) => ack());
    await Promise.all(all);
    expect(published.sort()).toEqual(['e1', 'e2', 'e3']);
    await bus.close();
  });
});
