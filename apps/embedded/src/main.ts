import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { logLevels } from '@balanse/contracts';
import {
  commandLimits,
  ConfigError,
  exitOnConfigError,
  guardProcess,
  HandlingEnv,
  hoursToMs,
  loadEnv,
  onStop,
  PortError,
  secretsKeyConfigFromEnv,
} from '@balanse/runtime';
import { startEmbedded } from '@balanse/embedded';

class EmbeddedEnv extends HandlingEnv {
  @IsString() BALANSE_DATA_DIR: string = './data';
  /** 127.0.0.1 keeps the API on this machine; 0.0.0.0 in a container. */
  @IsString() HOST: string = '127.0.0.1';
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  BALANSE_ADMIN_TOKEN?: string = undefined;
  /** Event deliveries the in-process bus holds at once; a publish beyond waits. */
  @IsInt() @Min(16) @Max(1_000_000) BALANSE_BUS_MAX_PENDING: number = 4096;
}

/**
 * The token from the environment, else the one kept in the data folder, else a new one. Only a
 * new one is printed (once, for its owner to copy): one from the environment or an earlier start
 * is named by where it comes from, so that logs never hold it.
 */
async function adminToken(
  env: EmbeddedEnv,
): Promise<{ token: string; from: string; show: boolean }> {
  if (env.BALANSE_ADMIN_TOKEN)
    return { token: env.BALANSE_ADMIN_TOKEN, from: 'BALANSE_ADMIN_TOKEN', show: false };
  const file = join(env.BALANSE_DATA_DIR, 'admin-token');
  const kept = await readFile(file, 'utf8').catch(() => '');
  if (kept.trim()) return { token: kept.trim(), from: file, show: false };
  const token = randomBytes(24).toString('base64url');
  await writeFile(file, token + '\n', { mode: 0o600 });
  return { token, from: `${file} (new)`, show: true };
}

async function main() {
  const env = exitOnConfigError(() => loadEnv(EmbeddedEnv));
  const secretsKey = exitOnConfigError(() => secretsKeyConfigFromEnv());
  guardProcess('embedded');
  await mkdir(env.BALANSE_DATA_DIR, { recursive: true });
  const { token, from, show } = await adminToken(env);
  const embedded = await startEmbedded({
    dataDir: resolve(env.BALANSE_DATA_DIR),
    port: env.PORT,
    host: env.HOST,
    adminToken: token,
    logger: logLevels(env.LOG_LEVEL),
    commandLimits: commandLimits(env),
    maxPendingDeliveries: env.BALANSE_BUS_MAX_PENDING,
    relayMaxInFlight: env.BALANSE_RELAY_MAX_IN_FLIGHT,
    inboxRetentionMs: hoursToMs(env.BALANSE_INBOX_RETENTION_HOURS),
    secretsKey,
  });
  const bearer = show
    ? token
    : from === 'BALANSE_ADMIN_TOKEN'
      ? '$BALANSE_ADMIN_TOKEN'
      : `$(cat ${from})`;
  const publicUrl = embedded.url.replace('127.0.0.1', 'localhost');
  console.log(
    [
      '',
      'Balanse is running (embedded: every service in this process, data in ' +
        resolve(env.BALANSE_DATA_DIR) +
        ')',
      `  API      ${publicUrl}/api/v1`,
      `  Docs     ${publicUrl}/api/docs`,
      show ? `  Token    ${token}   (from ${from})` : `  Token    from ${from}`,
      `  Try      curl -H "Authorization: Bearer ${bearer}" ${publicUrl}/api/v1/standards`,
      '',
    ].join('\n'),
  );
  onStop(() => embedded.close());
}

main().catch((err: Error) => {
  // A port in use or a bad key file is the user's to fix: their one line, no stack.
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78); // EX_CONFIG
  }
  console.error(
    err instanceof PortError ? err.message : `balanse failed to start: ${err.stack ?? err}`,
  );
  process.exit(1);
});
