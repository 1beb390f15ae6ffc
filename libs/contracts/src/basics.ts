/** Small shared definitions that would otherwise be copied into every service. */

/** A UUID in canonical 8-4-4-4-12 form (any version; ids are compared in lower case). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/** A tenant name: lower-case letters, digits and dashes, starting with a letter or digit. */
export const TENANT_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Log levels, least verbose first; LOG_LEVEL=x enables x and everything before it. */
export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export function logLevels(level: LogLevelName | string): LogLevelName[] {
  const i = LOG_LEVELS.indexOf(level as LogLevelName);
  return LOG_LEVELS.slice(0, (i < 0 ? LOG_LEVELS.indexOf('log') : i) + 1);
}
