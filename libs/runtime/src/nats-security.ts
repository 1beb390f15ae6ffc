import { readFileSync } from 'node:fs';
import { credsAuthenticator, type ConnectionOptions } from '@nats-io/nats-core';
import { ConfigError } from './env';

/**
 * How a process proves who it is to NATS and protects the connection: the part of the
 * connect options that comes from the environment. Everything is optional, so a dev NATS
 * without authorization keeps working; a locked-down server (deploy/nats/nats.conf) needs a
 * user per process.
 *
 * | variable             | meaning                                                           |
 * | -------------------- | ----------------------------------------------------------------- |
 * | `NATS_USER`          | user name (one per app in deploy/nats/nats.conf)                  |
 * | `NATS_PASSWORD`      | its password                                                      |
 * | `NATS_PASSWORD_FILE` | or a file holding it (a mounted secret); one trailing newline cut |
 * | `NATS_CREDS_FILE`    | instead of user and password: a `.creds` file (JWT and nkey seed) |
 * | `NATS_TLS_CA_FILE`   | CA that signed the server's certificate (turns TLS on)            |
 * | `NATS_TLS_CERT_FILE` | client certificate, for servers that verify clients (with key)    |
 * | `NATS_TLS_KEY_FILE`  | its private key                                                   |
 *
 * Secrets are read here and never returned in an error message: a problem names the variable.
 */
export type NatsSecurity = Pick<ConnectionOptions, 'user' | 'pass' | 'authenticator' | 'tls'>;

export function natsSecurityFromEnv(env: NodeJS.ProcessEnv = process.env): NatsSecurity {
  const problems: string[] = [];
  const value = (name: string) => (env[name] === '' ? undefined : env[name]);
  const readable = (name: string): string | undefined => {
    const path = value(name);
    if (path === undefined) return undefined;
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      problems.push(`  ${name}: cannot read ${path} (${(err as NodeJS.ErrnoException).code})`);
      return undefined;
    }
  };

  const security: NatsSecurity = {};
  const user = value('NATS_USER');
  const passwordSet = value('NATS_PASSWORD') !== undefined;
  const passwordFileSet = value('NATS_PASSWORD_FILE') !== undefined;
  if (passwordSet && passwordFileSet)
    problems.push('  NATS_PASSWORD_FILE: set either NATS_PASSWORD or NATS_PASSWORD_FILE, not both');
  if (
    value('NATS_CREDS_FILE') !== undefined &&
    (user !== undefined || passwordSet || passwordFileSet)
  )
    problems.push('  NATS_CREDS_FILE: replaces NATS_USER and NATS_PASSWORD; set one or the other');
  if (user === undefined && (passwordSet || passwordFileSet))
    problems.push('  NATS_USER: is required with a password');
  if (user !== undefined) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(user))
      problems.push('  NATS_USER: must be letters, digits, "_" or "-" (at most 64)');
    if (!passwordSet && !passwordFileSet)
      problems.push('  NATS_PASSWORD: is required with NATS_USER (or NATS_PASSWORD_FILE)');
    const password = passwordSet
      ? value('NATS_PASSWORD')
      : readable('NATS_PASSWORD_FILE')?.replace(/\r?\n$/, '');
    if (password === '') problems.push('  NATS_PASSWORD_FILE: the file is empty');
    if (password) Object.assign(security, { user, pass: password });
  }

  const creds = readable('NATS_CREDS_FILE');
  if (creds !== undefined) {
    if (
      !/-----BEGIN NATS USER JWT-----/.test(creds) ||
      !/-----BEGIN USER NKEY SEED-----/.test(creds)
    )
      problems.push('  NATS_CREDS_FILE: is not a NATS .creds file (a user JWT and an nkey seed)');
    else security.authenticator = credsAuthenticator(new TextEncoder().encode(creds));
  }

  const certSet = value('NATS_TLS_CERT_FILE') !== undefined;
  const keySet = value('NATS_TLS_KEY_FILE') !== undefined;
  if (certSet !== keySet)
    problems.push('  NATS_TLS_CERT_FILE: a client certificate needs NATS_TLS_KEY_FILE, and back');
  const tlsFiles = {
    caFile: ['NATS_TLS_CA_FILE', 'certificate'],
    certFile: ['NATS_TLS_CERT_FILE', 'certificate'],
    keyFile: ['NATS_TLS_KEY_FILE', 'private key'],
  } as const;
  for (const [option, [name, kind]] of Object.entries(tlsFiles)) {
    const pem = readable(name);
    if (pem === undefined) continue;
    if (!new RegExp(`-----BEGIN [A-Z ]*${kind.toUpperCase()}-----`).test(pem))
      problems.push(`  ${name}: is not a PEM ${kind}`);
    else security.tls = { ...security.tls, [option]: value(name) };
  }

  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
  return security;
}
