import { ConfigError, loadEnv, redactPasswords } from './env';
import { checkServiceEnv, GatewayEnv, ServiceEnv } from './service-env';

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

  it('names a secret without echoing it, and masks a password in a URL', () => {
    const message = (() => {
      try {
        loadEnv(ServiceEnv, {
          DATABASE_URL: 'mysql://balanse:db-secret@db/balanse_identify',
          NATS_URL: 'nats-url user:nats-secret@host',
        });
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('mysql://balanse:***@db/balanse_identify');
    expect(message).toContain('nats-url user:***@host');
    expect(message).not.toMatch(/db-secret|nats-secret/);
    const token = (() => {
      try {
        loadEnv(GatewayEnv, { BALANSE_ADMIN_TOKEN: 'short-secret' });
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(token).toMatch(
      /BALANSE_ADMIN_TOKEN: must be at least 16 characters \(value not shown\)/,
    );
    expect(token).not.toContain('short-secret');
  });

  it('masks the password of every URL in a list', () => {
    expect(redactPasswords('nats://a:p1@h1:4222,nats://b:p2@h2:4222, tls://h3')).toBe(
      'nats://a:***@h1:4222,nats://b:***@h2:4222, tls://h3',
    );
  });

  it('refuses an inbox retention not longer than the stream keeps events', () => {
    const env = loadEnv(ServiceEnv, {
      DATABASE_URL: 'postgres://u@db:5432/balanse_identify',
      NATS_STREAM_MAX_AGE_HOURS: '48',
      BALANSE_INBOX_RETENTION_HOURS: '48',
    });
    expect(() => checkServiceEnv(env)).toThrow(/BALANSE_INBOX_RETENTION_HOURS: must exceed/);
  });
});
