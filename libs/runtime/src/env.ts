import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';

/**
 * Reads environment variables into `cls` (class-validator rules, defaults as property
 * initialisers) and fails fast with one line per bad or missing value.
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
    const lines = errors.map((e) => {
      const shown =
        e.value === undefined ? 'missing' : `got ${JSON.stringify(env[e.property] ?? e.value)}`;
      return `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')} (${shown})`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return instance;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
