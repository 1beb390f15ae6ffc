import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './env';
import { natsSecurityFromEnv } from './nats-security';

const dir = mkdtempSync(join(tmpdir(), 'nats-security-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const SECRET = 'p0123456789abcdef-secret';
const messageOf = (env: NodeJS.ProcessEnv) => {
  try {
    natsSecurityFromEnv(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('no ConfigError');
};

describe('NATS credentials and TLS from the environment', () => {
  it('needs nothing for an open dev server', () => {
    expect(natsSecurityFromEnv({})).toEqual({});
  });

  it('takes a user with a password, or with a password file (one trailing newline cut)', () => {
    expect(natsSecurityFromEnv({ NATS_USER: 'identify', NATS_PASSWORD: SECRET })).toEqual({
      user: 'identify',
      pass: SECRET,
    });
    const NATS_PASSWORD_FILE = file('password', `${SECRET}\n`);
    expect(natsSecurityFromEnv({ NATS_USER: 'identify', NATS_PASSWORD_FILE })).toEqual({
      user: 'identify',
      pass: SECRET,
    });
  });

  it('names what is wrong and never echoes a secret', () => {
    const message = messageOf({
      NATS_USER: 'identify',
      NATS_PASSWORD: SECRET,
      NATS_PASSWORD_FILE: file('other', SECRET),
    });
    expect(message).toMatch(/NATS_PASSWORD_FILE: set either NATS_PASSWORD or NATS_PASSWORD_FILE/);
    expect(message).not.toContain(SECRET);
    expect(messageOf({ NATS_USER: 'identify' })).toMatch(/NATS_PASSWORD: is required/);
    expect(messageOf({ NATS_PASSWORD: SECRET })).toMatch(/NATS_USER: is required/);
    expect(messageOf({ NATS_USER: 'a b', NATS_PASSWORD: SECRET })).toMatch(/NATS_USER: must be/);
    expect(messageOf({ NATS_USER: 'identify', NATS_PASSWORD_FILE: join(dir, 'missing') })).toMatch(
      /NATS_PASSWORD_FILE: cannot read .*missing \(ENOENT\)/,
    );
    expect(messageOf({ NATS_USER: 'identify', NATS_PASSWORD_FILE: file('empty', '') })).toMatch(
      /NATS_PASSWORD_FILE: the file is empty/,
    );
  });

  it('takes a .creds file instead of user and password', () => {
    const creds = file('user.creds', 'not a creds file');
    expect(messageOf({ NATS_CREDS_FILE: creds })).toMatch(/NATS_CREDS_FILE: is not a NATS .creds/);
    expect(
      messageOf({ NATS_CREDS_FILE: creds, NATS_USER: 'identify', NATS_PASSWORD: SECRET }),
    ).toMatch(/NATS_CREDS_FILE: replaces NATS_USER/);
  });

  it('turns TLS on with a CA file, a client certificate with its key', () => {
    const ca = file('ca.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const key = file('key.pem', '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
    expect(natsSecurityFromEnv({ NATS_TLS_CA_FILE: ca })).toEqual({ tls: { caFile: ca } });
    expect(
      natsSecurityFromEnv({ NATS_TLS_CA_FILE: ca, NATS_TLS_CERT_FILE: ca, NATS_TLS_KEY_FILE: key }),
    ).toEqual({ tls: { caFile: ca, certFile: ca, keyFile: key } });
    expect(messageOf({ NATS_TLS_CERT_FILE: ca })).toMatch(
      /NATS_TLS_CERT_FILE: .*needs NATS_TLS_KEY_FILE/,
    );
    expect(messageOf({ NATS_TLS_CA_FILE: key })).toMatch(
      /NATS_TLS_CA_FILE: is not a PEM certificate/,
    );
    expect(messageOf({ NATS_TLS_CERT_FILE: ca, NATS_TLS_KEY_FILE: ca })).toMatch(
      /NATS_TLS_KEY_FILE: is not a PEM private key/,
    );
  });
});
