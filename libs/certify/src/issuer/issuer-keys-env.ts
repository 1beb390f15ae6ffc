import { Logger } from '@nestjs/common';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, secretSetting } from '@balanse/runtime';
import { ISSUER_KEY_ID, IssuerKey, IssuerKeys } from './issuer-keys';
import { MultikeyError, seedFromSecretMultibase } from '@balanse/credentials';

/**
 * The issuer's Ed25519 keys (they sign credentials), from the environment:
 *
 * | variable                    | meaning                                                        |
 * | --------------------------- | -------------------------------------------------------------- |
 * | `BALANSE_ISSUER_KEYS`       | `<id>=<secretKeyMultibase>` entries, comma- or line-separated   |
 * | `BALANSE_ISSUER_KEYS_FILE`  | or a file holding them (a mounted secret); `#` starts a comment |
 *
 * The first entry signs new credentials; the others only verify (rotation: put the new key
 * first and keep the old ones). Like the secrets key (libs/runtime), a problem names the variable
 * and the key id, never the secret.
 */
export const ISSUER_KEYS_FILE_NAME = 'issuer-keys';

const HOW =
  '`<id>=<secretKeyMultibase>` (an Ed25519 Multikey secret, z3u2…), e.g. `key-2026=z3u2…`';

/** The keys a text configures, or problems that name only ids and positions. */
export function parseIssuerKeys(
  text: string,
  source: string,
): { keys: IssuerKey[]; problems: string[] } {
  // A comment runs to the end of its line (and may hold commas); then entries split on commas.
  const entries = text
    .split('\n')
    .flatMap((line) => line.replace(/#.*$/, '').split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const keys: IssuerKey[] = [];
  const problems: string[] = [];
  const ids = new Set<string>();
  const publics = new Map<string, string>();
  entries.forEach((entry, i) => {
    const where = `${source}: key ${i + 1} of ${entries.length}`;
    const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(entry);
    if (!match) {
      problems.push(`  ${where}: must be ${HOW} (value not shown)`);
      return;
    }
    const [, id, secret] = match as unknown as [string, string, string];
    if (!ISSUER_KEY_ID.test(id)) {
      problems.push(
        `  ${where}: the id must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit`,
      );
      return;
    }
    if (ids.has(id)) {
      problems.push(`  ${where}: the id ${id} is used twice`);
      return;
    }
    ids.add(id);
    let key: IssuerKey;
    try {
      key = new IssuerKey(id, seedFromSecretMultibase(secret));
    } catch (err) {
      const why = err instanceof MultikeyError ? err.message : 'not an Ed25519 secret key';
      problems.push(`  ${where} (${id}): ${why} (value not shown)`);
      return;
    }
    const same = publics.get(key.publicKeyMultibase);
    if (same) {
      problems.push(`  ${where} (${id}): the same key as ${same}`);
      return;
    }
    publics.set(key.publicKeyMultibase, id);
    keys.push(key);
  });
  return { keys, problems };
}

/** What the environment configures (undefined: nothing); a ConfigError for a bad value. */
export function issuerKeysConfigFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): IssuerKeys | undefined {
  const setting = secretSetting('BALANSE_ISSUER_KEYS', env);
  const problems = [...setting.problems];
  let keys: IssuerKey[] = [];
  if (setting.text !== undefined) {
    const parsed = parseIssuerKeys(setting.text, setting.from!);
    problems.push(...parsed.problems);
    keys = parsed.keys;
    if (parsed.problems.length === 0 && keys.length === 0)
      problems.push(`  ${setting.from}: holds no key`);
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
  return keys.length > 0 ? new IssuerKeys(keys) : undefined;
}

/** The distributed mode: keys are required (there is no data folder to keep one in). */
export function issuerKeysFromEnv(env: NodeJS.ProcessEnv = process.env): IssuerKeys {
  const keys = issuerKeysConfigFromEnv(env);
  if (!keys)
    throw new ConfigError(
      `invalid configuration:\n  BALANSE_ISSUER_KEYS: is required in the distributed mode (the keys that sign credentials): ${HOW}, or BALANSE_ISSUER_KEYS_FILE naming a file that holds them`,
    );
  return keys;
}

/**
 * The embedded mode's issuer keys: the configured ones if any; else those kept in
 * `<dataDir>/issuer-keys`, created (0600) with one new key at the first start, which is logged
 * (the id and public key, never the secret); with `memory://` data, a key that lives as long as
 * the data does. `created` is the file written, if one was.
 */
export async function embeddedIssuerKeys(
  dataDir: string,
  configured: IssuerKeys | undefined = undefined,
  log: (message: string) => void = (message) => new Logger('embedded').warn(message),
): Promise<{ keys: IssuerKeys; created?: string }> {
  if (configured) return { keys: configured };
  if (dataDir === 'memory://') return { keys: new IssuerKeys([IssuerKey.generate()]) };
  const file = join(dataDir, ISSUER_KEYS_FILE_NAME);
  const kept = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw new ConfigError(`cannot read ${file} (${err.code})`);
  });
  if (kept !== undefined) {
    const { keys, problems } = parseIssuerKeys(kept, file);
    if (problems.length > 0 || keys.length === 0)
      throw new ConfigError(
        `${file} does not hold issuer keys (${HOW}); restore it from a backup of the data folder:\n${problems.join('\n')}`,
      );
    return { keys: new IssuerKeys(keys) };
  }
  const keys = new IssuerKeys([IssuerKey.generate()]);
  await mkdir(dataDir, { recursive: true });
  // 'wx': never overwrite keys another start wrote meanwhile.
  await writeFile(
    file,
    `# Balanse issuer keys (secret): <id>=<secretKeyMultibase>, the current key first\n${keys.toConfig()}`,
    { mode: 0o600, flag: 'wx' },
  );
  log(
    `created ${file} with issuer key ${keys.current.id} (${keys.current.publicKeyMultibase}), which signs credentials; back it up with the data folder (or set BALANSE_ISSUER_KEYS)`,
  );
  return { keys, created: file };
}
