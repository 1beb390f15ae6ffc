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
});
