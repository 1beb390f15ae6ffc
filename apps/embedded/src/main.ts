import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { LOG_LEVELS, logLevels } from '@balanse/contracts';
import { exitOnConfigError, loadEnv, onStop, PortError } from '@balanse/runtime';
import { startEmbedded } from '@balanse/embedded';

class EmbeddedEnv {
  @IsString() BALANSE_DATA_DIR: string = './data';
  @IsInt({ message: 'must be an integer port' }) @Min(0) @Max(65535) PORT: number = 3000;
  /** 127.0.0.1 keeps the API on this machine; 0.0.0.0 in a container. */
  @IsString() HOST: string = '127.0.0.1';
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  BALANSE_ADMIN_TOKEN?: string = undefined;
  @IsIn(LOG_LEVELS) LOG_LEVEL: string = 'log';
}

/** The token from the environment, else the one kept in the data folder, else a new one. */
async function adminToken(env: EmbeddedEnv): Promise<{ token: string; from: string }> {
  if (env.BALANSE_ADMIN_TOKEN)
    return { token: env.BALANSE_ADMIN_TOKEN, from: 'BALANSE_ADMIN_TOKEN' };
  const file = join(env.BALANSE_DATA_DIR, 'admin-token');
  const kept = await readFile(file, 'utf8').catch(() => '');
  if (kept.trim()) return { token: kept.trim(), from: file };
  const token = randomBytes(24).toString('base64url');
  await writeFile(file, token + '\n', { mode: 0o600 });
  return { token, from: `${file} (new)` };
}

async function main() {
  const env = exitOnConfigError(() => loadEnv(EmbeddedEnv));
  await mkdir(env.BALANSE_DATA_DIR, { recursive: true });
  const { token, from } = await adminToken(env);
  const embedded = await startEmbedded({
    dataDir: resolve(env.BALANSE_DATA_DIR),
    port: env.PORT,
    host: env.HOST,
    adminToken: token,
    logger: logLevels(env.LOG_LEVEL),
  });
  const publicUrl = embedded.url.replace('127.0.0.1', 'localhost');
  console.log(
    [
      '',
      'Balanse is running (embedded: every service in this process, data in ' +
        resolve(env.BALANSE_DATA_DIR) +
        ')',
      `  API      ${publicUrl}/api/v1`,
      `  Docs     ${publicUrl}/api/docs`,
      `  Token    ${token}   (from ${from})`,
      `  Try      curl -H "Authorization: Bearer ${token}" ${publicUrl}/api/v1/standards`,
      '',
    ].join('\n'),
  );
  onStop(() => embedded.close());
}

main().catch((err: Error) => {
  // A port in use is the user's to fix: their one line, no stack.
  console.error(
    err instanceof PortError ? err.message : `balanse failed to start: ${err.stack ?? err}`,
  );
  process.exit(1);
});
