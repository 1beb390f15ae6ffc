import type { INestApplication } from '@nestjs/common';
import { createGatewayApp } from '../gateway.module';
import type { GatewayOptions } from './gateway-options';

/**
 * What the gateway answers before any service is asked: the token, the body's type, readiness.
 * (Every endpoint's bad input against the whole system is in test/bad-input/.)
 */
describe('the gateway refuses before asking a service', () => {
  const TOKEN = 'request-checks-token-0123456789';
  let app: INestApplication;
  let url: string;
  let ready = true;

  beforeAll(async () => {
    const options = {
      adminToken: TOKEN,
      commandTimeoutMs: 1000,
      readiness: [{ name: 'nats', check: async () => ready }],
    };
    app = await createGatewayApp(options as unknown as GatewayOptions, false);
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(() => app.close());

  const send = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${url}${path}`, init);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it.each([
    ['no Authorization header', undefined, /^no bearer token: send Authorization: Bearer <token>$/],
    ['an empty one', '', /^no bearer token/],
    [
      'another scheme',
      `Basic ${Buffer.from(`a:${TOKEN}`).toString('base64')}`,
      /not a bearer token/,
    ],
    ['a wrong token', 'Bearer not-the-token', /^the bearer token is not valid$/],
  ])('401 for %s, saying which', async (_, authorization, message) => {
    const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
    expect(await send('/api/v1/standards', { headers })).toEqual({
      status: 401,
      body: { status: 401, code: 'UNAUTHENTICATED', message: expect.stringMatching(message) },
    });
  });

  it('415 for a body that is not sent as JSON, naming the type it got', async () => {
    const res = await send('/api/v1/cases', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' },
      body: '{"standardId": "x"}',
    });
    expect(res).toEqual({
      status: 415,
      body: {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: expect.stringMatching(/Content-Type: application\/json \(got "text\/plain"\)$/),
      },
    });
  });

  it('415 for a body without a Content-Type, and 401 first when the token is missing', async () => {
    const body = new Blob(['{}']); // a Blob without a type: fetch sends no Content-Type
    const noType = await send(
      '/api/v1/cases/0e6f3c1a-7b2d-4c59-9a41-3f8e2d1c6b70/identify/complete',
      {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
        body,
      },
    );
    expect(noType.body).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: /no Content-Type/,
    });
    const noToken = await send('/api/v1/cases', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(noToken.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('415 UNSUPPORTED_MEDIA_TYPE for a charset JSON is not read in', async () => {
    const res = await send('/api/v1/cases', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json; charset=latin1',
      },
      body: '{}',
    });
    expect(res.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers /ready with 503 SERVICE_UNAVAILABLE and the checks when a dependency is down', async () => {
    ready = false;
    expect(await send('/ready')).toEqual({
      status: 503,
      body: {
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: 'not ready',
        checks: { nats: 'down' },
      },
    });
    ready = true;
    expect(await send('/ready')).toEqual({
      status: 200,
      body: { status: 'ready', checks: { nats: 'up' } },
    });
  });
});
