import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';

/**
 * Reads environment variables into `cls` (class-validator rules, defaults as property
 * initialisers) and fails fast with one line per bad or missing value. A bad value is echoed
 * only when it cannot be a secret: a token's or password's is not shown at all, and a URL's
 * password is masked.
 */
export function loadEnv<T extends object>(
  cls: ClassConstructor<T>,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const defaults = new cls() as Record<string, unknown>;
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const value = env[key];
    plain[key] = value === undefined || value === '' ? defaults[key] : value;
  }
  const instance = plainToInstance(cls, plain, { enableImplicitConversion: true });
  const errors = validateSync(instance, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) =>
        `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')} (${shown(e.property, e.value === undefined ? undefined : (env[e.property] ?? e.value))})`,
    );
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return instance;
}

/** Names whose values are secrets: never printed. */
const SECRET_NAME = /TOKEN|PASSWORD|SECRET|CREDENTIAL|_KEY$/i;

function shown(name: string, value: unknown): string {
  if (value === undefined) return 'missing';
  if (SECRET_NAME.test(name)) return 'value not shown';
  return `got ${JSON.stringify(redactPasswords(String(value)))}`;
}

/** `nats://user:secret@host` → `nats://user:***@host`, for every URL in `text` (with a scheme or not). */
export function redactPasswords(text: string): string {
  return text.replace(/([^\s/:@,]+:)[^\s/@,]*@/g, '$1***@');
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
