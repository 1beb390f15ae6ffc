import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ConfigError,
  SECRETS_KEY_BYTES,
  SecretKeys,
  type SecretsKeyConfig,
} from '@balanse/runtime';

/** The key's file in the data folder, next to the PGlite database it protects. */
export const SECRETS_KEY_FILE_NAME = 'secrets-key';

/**
 * The embedded mode's keys for stored secrets: the configured key if there is one (previous keys
 * from the configuration either way); else the one kept in the data folder, created (0600) at
 * the first start; with `memory://` data, a random key that lives as long as the data does.
 * The key itself is never logged.
 */
export async function embeddedSecretKeys(
  dataDir: string,
  config: SecretsKeyConfig = { previous: [] },
): Promise<SecretKeys> {
  if (config.current) return new SecretKeys(config.current, config.previous);
  if (dataDir === 'memory://')
    return new SecretKeys(randomBytes(SECRETS_KEY_BYTES), config.previous);
  const file = join(dataDir, SECRETS_KEY_FILE_NAME);
  const kept = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw new ConfigError(`cannot read ${file} (${err.code})`);
  });
  if (kept !== undefined) {
    const key = Buffer.from(kept.trim(), 'base64');
    if (key.length !== SECRETS_KEY_BYTES)
      throw new ConfigError(
        `${file} does not hold a key (base64 of ${SECRETS_KEY_BYTES} bytes); restore it from a backup of the data folder`,
      );
    return new SecretKeys(key, config.previous);
  }
  const key = randomBytes(SECRETS_KEY_BYTES);
  await mkdir(dataDir, { recursive: true });
  // 'wx': never overwrite a key another start wrote meanwhile.
  await writeFile(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  new Logger('embedded').log(
    `created ${file}, the key that encrypts webhook signing secrets; back it up with the data folder (or set BALANSE_SECRETS_KEY)`,
  );
  return new SecretKeys(key, config.previous);
}
