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

  it('refuses to start certify without issuer keys or a public URL, and never echoes a bad key', async () => {
    const base = {
      NATS_URL: 'nats://127.0.0.1:4222',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/balanse_certify_config',
      BALANSE_PUBLIC_URL: 'https://balanse.example.no',
    };
    const missing = await runToExit('certify', { ...base, BALANSE_ISSUER_KEYS: '' });
    expect(missing.code).toBe(78);
    expect(missing.output).toMatch(/BALANSE_ISSUER_KEYS: is required in the distributed mode/);
    const bad = 'key-1=z3u2notakeyatallbutsecret';
    const wrong = await runToExit('certify', { ...base, BALANSE_ISSUER_KEYS: bad });
    expect(wrong.code).toBe(78);
    expect(wrong.output).toMatch(
      /BALANSE_ISSUER_KEYS: key 1 of 1 \(key-1\): .*\(value not shown\)/,
    );
    expect(wrong.output).not.toContain('z3u2notakeyatallbutsecret');
    const noUrl = await runToExit('certify', { ...base, BALANSE_PUBLIC_URL: '' });
    expect(noUrl.code).toBe(78);
    expect(noUrl.output).toMatch(/BALANSE_PUBLIC_URL: is required in the distributed mode/);
  });
});
