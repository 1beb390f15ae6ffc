import { runToExit } from '@balanse/testing';

describe('configuration is validated at boot (distributed mode)', () => {
  it('refuses to start the gateway without an admin token', async () => {
    const { code, output } = await runToExit('gateway', { NATS_URL: 'nats://127.0.0.1:4222' });
    expect(code).toBe(78);
    expect(output).toMatch(/BALANSE_ADMIN_TOKEN: .*required in the distributed mode/);
  });

  it('names each bad value of a service, with what it got', async () => {
    const { code, output } = await runToExit('assess', {
      PORT: 'eighty',
      NATS_URL: 'localhost:4222',
      DATABASE_URL: 'mysql://x/y',
      BALANSE_MAX_ATTEMPTS: '0',
    });
    expect(code).toBe(78);
    expect(output).toMatch(/PORT: .*\(got "eighty"\)/);
    expect(output).toMatch(/NATS_URL: must be a nats:\/\/ URL/);
    expect(output).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(output).toMatch(/BALANSE_MAX_ATTEMPTS: /);
  });

  it('refuses to start identify without the key for webhook secrets, and never echoes a bad one', async () => {
    const base = {
      NATS_URL: 'nats://127.0.0.1:4222',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/balanse_identify',
    };
    const missing = await runToExit('identify', base);
    expect(missing.code).toBe(78);
    expect(missing.output).toMatch(
      /BALANSE_SECRETS_KEY: is required in the distributed mode .*openssl rand -base64 32/,
    );
    const bad = 'not-base64-of-32-bytes-but-secret';
    const wrong = await runToExit('identify', { ...base, BALANSE_SECRETS_KEY: bad });
    expect(wrong.code).toBe(78);
    expect(wrong.output).toMatch(/BALANSE_SECRETS_KEY: must be base64 of 32 .*\(value not shown\)/);
    expect(wrong.output).not.toContain(bad);
  });
});
