import { ConfigError, loadEnv } from './env';
import { GatewayEnv, ServiceEnv } from './service-env';

describe('configuration from the environment', () => {
  it('applies defaults and converts numbers', () => {
    const env = loadEnv(ServiceEnv, {
      DATABASE_URL: 'postgres://u@db:5432/balanse_identify',
      PORT: '3001',
    });
    expect(env).toMatchObject({
      PORT: 3001,
      NATS_URL: 'nats://127.0.0.1:4222',
      NATS_STREAM_REPLICAS: 1,
      BALANSE_MAX_ATTEMPTS: 5,
    });
  });

  it('names every bad or missing value in one message', () => {
    const load = () =>
      loadEnv(ServiceEnv, { PORT: 'abc', NATS_URL: 'http://x', NATS_STREAM_REPLICAS: '2' });
    expect(load).toThrow(ConfigError);
    const message = (() => {
      try {
        load();
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(message).toMatch(/DATABASE_URL: .*\(missing\)/);
    expect(message).toMatch(/PORT: .*\(got "abc"\)/);
    expect(message).toMatch(/NATS_URL: must be a nats:\/\/ URL/);
    expect(message).toMatch(/NATS_STREAM_REPLICAS: must be 1, 3 or 5/);
  });

  it('refuses a gateway without an admin token', () => {
    expect(() => loadEnv(GatewayEnv, {})).toThrow(/BALANSE_ADMIN_TOKEN: .*required/);
    expect(() => loadEnv(GatewayEnv, { BALANSE_ADMIN_TOKEN: 'short' })).toThrow(/at least 16/);
  });
});
