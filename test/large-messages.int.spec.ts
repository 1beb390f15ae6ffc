/**
 * Large commands and answers (issue 8: a 20 MB CASE framework in and out) over real NATS, in
 * chunks each within the max payload, for calls opted in with `{ large: true }`; and the same
 * calls whole on the in-process bus. Ordinary calls keep the 413s of the max payload.
 */
import { createHash } from 'node:crypto';
import { headers, type Msg, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { lastValueFrom } from 'rxjs';
import { ErrorCode, type CommandMessage, type ServiceName } from '@balanse/contracts';
import {
  BalanseClient,
  InProcessCommandTransport,
  LargeHeader,
  largeMessages,
  NatsCommandTransport,
  partsSubject,
  ServiceError,
  uploadsDropped,
  type CommandHandler,
  type CommandTransport,
} from '@balanse/messaging';
import { testServers, uniqueName } from '@balanse/testing';

const MB = 1024 * 1024;
const context = { tenantId: 't', actor: 'a', correlationId: 'c' };
/** 20 MB of text with 1- to 4-byte characters, so chunk boundaries fall inside some. */
const TWENTY_MB = 'Kompetanse æøå € 😀 '.repeat(Math.ceil((20 * MB) / 28)).slice(0, 20 * MB - 7);
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** A service that reports the body it got, or answers `size` characters of TWENTY_MB. */
const handler: CommandHandler = async (subject, message) => {
  if (subject.endsWith('.slow')) await new Promise((r) => setTimeout(r, 1_500));
  const body = message.data['body'];
  if (typeof body === 'string')
    return {
      ok: true,
      data: { length: body.length, sha: sha(body), echo: message.data['echo'] ? body : undefined },
    };
  const size = Number(message.data['size'] ?? 0);
  return { ok: true, data: size <= TWENTY_MB.length ? TWENTY_MB.slice(0, size) : 'x'.repeat(size) };
};

const connectNats = () =>
  connect({ servers: testServers().natsUrl.replace(/^nats:\/\//, ''), maxPingOut: 10 });

/** The checks both transports must pass alike. */
function sharedCases(name: string, setup: () => { commands: CommandTransport; service: string }) {
  const ask = (
    pattern: string,
    data: CommandMessage['data'],
    large?: boolean,
    timeoutMs = 30_000,
  ) => {
    const { commands, service } = setup();
    return commands.request(
      `balanse.cmd.${service}.${pattern}`,
      { context, data },
      timeoutMs,
      large ? { large } : undefined,
    );
  };

  describe(name, () => {
    it('moves a 20 MB command to the service whole, and answers', async () => {
      const reply = await ask('import', { body: TWENTY_MB }, true);
      expect(reply).toEqual({ ok: true, data: { length: TWENTY_MB.length, sha: sha(TWENTY_MB) } });
    }, 60_000);

    it('moves a 20 MB answer back whole, multi-byte characters intact', async () => {
      const reply = await ask('export', { size: TWENTY_MB.length }, true);
      expect(reply.ok).toBe(true);
      const data = (reply as { data: string }).data;
      expect(data.length).toBe(TWENTY_MB.length);
      expect(sha(data)).toBe(sha(TWENTY_MB));
    }, 60_000);

    it('moves a 20 MB command and its 20 MB echo in one call', async () => {
      const reply = await ask('roundtrip', { body: TWENTY_MB, echo: true }, true);
      expect(reply).toMatchObject({ ok: true, data: { sha: sha(TWENTY_MB) } });
      expect(sha((reply as { data: { echo: string } }).data.echo)).toBe(sha(TWENTY_MB));
    }, 60_000);

    it('answers a small large call as usual', async () => {
      expect(await ask('small', { size: 5 }, true)).toEqual({ ok: true, data: 'Kompe' });
    });

    it('keeps the max payload for an ordinary call: 413 for a command or an answer over it', async () => {
      expect(await ask('import', { body: 'x'.repeat(MB + 1) })).toMatchObject({
        ok: false,
        error: { status: 413, code: ErrorCode.PAYLOAD_TOO_LARGE },
      });
      expect(await ask('export', { size: MB + 1 })).toMatchObject({
        ok: false,
        error: { status: 413, code: ErrorCode.REPLY_TOO_LARGE },
      });
    });

    it('answers 413 over the cap, for a command and for an answer', async () => {
      expect(await ask('import', { body: 'x'.repeat(64 * MB) }, true)).toMatchObject({
        ok: false,
        error: {
          status: 413,
          code: ErrorCode.PAYLOAD_TOO_LARGE,
          details: { maxLargeMessageBytes: 64 * MB },
        },
      });
      expect(await ask('export', { size: 64 * MB }, true)).toMatchObject({
        ok: false,
        error: {
          status: 413,
          code: ErrorCode.REPLY_TOO_LARGE,
          details: { maxLargeMessageBytes: 64 * MB },
        },
      });
    }, 60_000);

    it('holds a large call to its timeout, the whole exchange', async () => {
      expect(await ask('slow', { size: 5 * MB }, true, 500)).toMatchObject({
        ok: false,
        error: { status: 504, code: ErrorCode.SERVICE_TIMEOUT },
      });
    });
  });
}

describe('large calls over NATS', () => {
  let gatewayNc: NatsConnection;
  let serviceNc: NatsConnection;
  let gateway: NatsCommandTransport;
  let served: NatsCommandTransport;
  const service = uniqueName('large').replace(/_/g, '-') as ServiceName;
  const IDLE_MS = 600;

  beforeAll(async () => {
    [gatewayNc, serviceNc] = await Promise.all([connectNats(), connectNats()]);
    gateway = new NatsCommandTransport(gatewayNc);
    served = new NatsCommandTransport(serviceNc, {}, { maxUploads: 2, idleMs: IDLE_MS });
    await served.serve(service, handler);
  });
  afterAll(async () => {
    await served?.close();
    await Promise.all([gatewayNc?.close(), serviceNc?.close()]);
  });

  sharedCases('NatsCommandTransport and CommandGate', () => ({ commands: gateway, service }));

  /** The first part of a large command in `parts`, as a client that then goes away sends it. */
  const beginUpload = async (id: string, parts = 3, bytes = 3_000) => {
    const h = headers();
    h.set(LargeHeader.large, '1');
    h.set(LargeHeader.upload, id);
    h.set(LargeHeader.parts, String(parts));
    h.set(LargeHeader.bytes, String(bytes));
    return gatewayNc.request(`balanse.cmd.${service}.import`, new Uint8Array(1_000), {
      headers: h,
      timeout: 5_000,
    });
  };
  const sendPart = (id: string, index: number) => {
    const h = headers();
    h.set(LargeHeader.part, String(index));
    return gatewayNc.request(partsSubject(service, id), new Uint8Array(1_000), {
      headers: h,
      timeout: 5_000,
    });
  };
  const json = (data: Uint8Array) => JSON.parse(new TextDecoder().decode(data));
  const dropped = async () =>
    (await uploadsDropped.get()).values.find((v) => v.labels['service'] === service)?.value ?? 0;

  it('drops an upload abandoned for the idle time and frees it; beyond the limit, 503 SERVICE_BUSY', async () => {
    const before = await dropped();
    expect((await beginUpload('abandoned1')).headers?.get(LargeHeader.ack)).toBe('1');
    expect((await beginUpload('abandoned2')).headers?.get(LargeHeader.ack)).toBe('1');
    expect(served.uploadsInHand).toBe(2);
    expect(json((await beginUpload('third')).data)).toMatchObject({
      ok: false,
      error: { status: 503, code: ErrorCode.SERVICE_BUSY },
    });
    await new Promise((r) => setTimeout(r, IDLE_MS + 400));
    expect(served.uploadsInHand).toBe(0);
    expect(await dropped()).toBe(before + 2);
    // Its subject is gone with it: a late part finds no one.
    await expect(sendPart('abandoned1', 1)).rejects.toThrow(/503|no responders/i);
    // And the service takes new large calls.
    expect(
      await gateway.request(
        `balanse.cmd.${service}.import`,
        { context, data: { body: TWENTY_MB.slice(0, 3 * MB) } },
        30_000,
        { large: true },
      ),
    ).toMatchObject({ ok: true });
  }, 30_000);

  it('answers a part out of order, or parts that do not add up, 400 CHUNKED_MESSAGE_INVALID, and drops the upload', async () => {
    await beginUpload('outoforder');
    expect(json((await sendPart('outoforder', 2)).data)).toMatchObject({
      ok: false,
      error: {
        status: 400,
        code: ErrorCode.CHUNKED_MESSAGE_INVALID,
        details: { expected: 1, received: 2 },
      },
    });
    await beginUpload('toolong', 3, 2_500);
    expect((await sendPart('toolong', 1)).headers?.get(LargeHeader.ack)).toBe('1');
    expect(json((await sendPart('toolong', 2)).data)).toMatchObject({
      error: { status: 400, code: ErrorCode.CHUNKED_MESSAGE_INVALID },
    });
    expect(served.uploadsInHand).toBe(0);
    expect(json((await beginUpload('bad id!')).data)).toMatchObject({
      error: { status: 400, code: ErrorCode.CHUNKED_MESSAGE_INVALID },
    });
    expect(json((await beginUpload('over', 70, 65 * MB)).data)).toMatchObject({
      error: { status: 413, code: ErrorCode.PAYLOAD_TOO_LARGE },
    });
  });

  it('sends an ordinary call as before (no headers, the JSON as it was); a large one marked', async () => {
    const seen: Msg[] = [];
    // A plain subscription gets a copy of each command beside the service's queue group.
    const spy = serviceNc.subscribe(`balanse.cmd.${service}.watched`, {
      callback: (_err, msg) => void seen.push(msg),
    });
    await serviceNc.flush();
    const message = { context, data: { size: 3 } };
    await gateway.request(`balanse.cmd.${service}.watched`, message, 5_000);
    await gateway.request(`balanse.cmd.${service}.watched`, message, 5_000, { large: true });
    spy.unsubscribe();
    expect(seen).toHaveLength(2);
    expect(seen[0]!.headers).toBeUndefined();
    expect(new TextDecoder().decode(seen[0]!.data)).toBe(JSON.stringify(message));
    expect(seen[1]!.headers?.get(LargeHeader.large)).toBe('1');
  });

  it('counts the large messages it moved', async () => {
    const count = async (kind: string) =>
      (await largeMessages.get()).values.find(
        (v) => v.labels['service'] === service && v.labels['kind'] === kind,
      )?.value ?? 0;
    const before = [await count('command'), await count('answer')];
    await gateway.request(
      `balanse.cmd.${service}.roundtrip`,
      { context, data: { body: TWENTY_MB.slice(0, 2 * MB), echo: true } },
      30_000,
      { large: true },
    );
    expect([await count('command'), await count('answer')]).toEqual([
      before[0]! + 1,
      before[1]! + 1,
    ]);
  });

  it('answers an answer that lost a chunk 502 REPLY_INCOMPLETE', async () => {
    const lossy = `${service}-lossy`;
    // A responder whose middle chunk is lost on the way: 10 bytes announced, 6 arrive.
    const sub = serviceNc.subscribe(`balanse.cmd.${lossy}.>`, {
      callback: (_err, msg) => {
        const h = headers();
        h.set(LargeHeader.bytes, '10');
        msg.respond(new TextEncoder().encode('{"ok":'), { headers: h });
        msg.respond();
      },
    });
    await serviceNc.flush();
    const reply = await gateway.request(`balanse.cmd.${lossy}.x`, { context, data: {} }, 5_000, {
      large: true,
    });
    sub.unsubscribe();
    expect(reply).toMatchObject({
      ok: false,
      error: {
        status: 502,
        code: ErrorCode.REPLY_INCOMPLETE,
        details: { receivedBytes: 6, expectedBytes: 10 },
      },
    });
  });

  it('carries the opt-in from the gateway client (BalanseClient) to the transport', async () => {
    const client = new BalanseClient(gateway, 30_000);
    const subject = `balanse.cmd.${service}.import`;
    const message = { context, data: { body: TWENTY_MB.slice(0, 2 * MB) } };
    await expect(lastValueFrom(client.send(subject, message))).rejects.toBeInstanceOf(ServiceError);
    await expect(
      lastValueFrom(client.send({ subject, large: true }, message)),
    ).resolves.toMatchObject({
      length: 2 * MB,
    });
  });
});

describe('large calls on the in-process bus', () => {
  const commands = new InProcessCommandTransport();
  const service = 'inprocess';
  beforeAll(() => commands.serve(service as ServiceName, handler));
  afterAll(() => commands.close());
  sharedCases('InProcessCommandTransport and CommandGate', () => ({ commands, service }));
});
