import { secretSetting } from './secret-setting';
import { ConfigError } from './env';
import { SECRETS_KEY_BYTES, SecretKeys } from './secret-keys';

/**
 * The key that encrypts stored secrets (webhook signing secrets), from the environment:
 *
 * | variable                       | meaning                                                     |
 * | ------------------------------ | ----------------------------------------------------------- |
 * | `BALANSE_SECRETS_KEY`          | base64 of 32 random bytes (`openssl rand -base64 32`)       |
 * | `BALANSE_SECRETS_KEY_FILE`     | or a file holding it (a mounted secret); whitespace cut     |
 * | `BALANSE_SECRETS_KEY_PREVIOUS` | earlier keys, comma-separated: still decrypt, never encrypt |
 *
 * Like the NATS credentials (nats-security.ts), a problem names the variable, never the value.
 */
export interface SecretsKeyConfig {
  current?: Buffer;
  previous: Buffer[];
}

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const HOW = `base64 of ${SECRETS_KEY_BYTES} random bytes, e.g. \`openssl rand -base64 32\``;

/** A base64 (or base64url) key of the right length, or undefined. */
function decodeKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!BASE64.test(trimmed)) return undefined;
  const key = Buffer.from(
    trimmed,
    trimmed.includes('-') || trimmed.includes('_') ? 'base64url' : 'base64',
  );
  return key.length === SECRETS_KEY_BYTES ? key : undefined;
}

/** What the environment configures; throws a ConfigError for a bad or unreadable value. */
export function secretsKeyConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SecretsKeyConfig {
  const problems: string[] = [];
  const value = (name: string) => (env[name]?.trim() ? env[name] : undefined);
  const setting = secretSetting('BALANSE_SECRETS_KEY', env);
  problems.push(...setting.problems);
  let current: Buffer | undefined;
  if (setting.text !== undefined) {
    current = decodeKey(setting.text);
    if (!current)
      problems.push(
        setting.from === 'BALANSE_SECRETS_KEY'
          ? `  BALANSE_SECRETS_KEY: must be ${HOW} (value not shown)`
          : `  BALANSE_SECRETS_KEY_FILE: must hold ${HOW} (content not shown)`,
      );
  }
  const previousText = value('BALANSE_SECRETS_KEY_PREVIOUS');
  const previousParts = previousText ? previousText.split(',').filter((p) => p.trim()) : [];
  const previous: Buffer[] = [];
  previousParts.forEach((part, i) => {
    const key = decodeKey(part);
    if (key) previous.push(key);
    else
      problems.push(
        `  BALANSE_SECRETS_KEY_PREVIOUS: key ${i + 1} of ${previousParts.length} must be ${HOW} (value not shown)`,
      );
  });
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
  return { current, previous };
}

/** The distributed mode: a key is required (there is no data folder to keep one in). */
export function secretKeysFromEnv(env: NodeJS.ProcessEnv = process.env): SecretKeys {
  const config = secretsKeyConfigFromEnv(env);
  if (!config.current)
    throw new ConfigError(
      `invalid configuration:\n  BALANSE_SECRETS_KEY: is required in the distributed mode (it encrypts webhook signing secrets): ${HOW}, or BALANSE_SECRETS_KEY_FILE naming a file that holds it`,
    );
  return new SecretKeys(config.current, config.previous);
}
