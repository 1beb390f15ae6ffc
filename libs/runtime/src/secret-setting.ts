import { readFileSync } from 'node:fs';

/** A secret setting's text and the variable it came from, or what is wrong with it. */
export interface SecretSetting {
  text?: string;
  from?: string;
  problems: string[];
}

/**
 * A setting that is a secret, given inline as `NAME` or as `NAME_FILE` naming a file (a mounted
 * secret); an empty value is unset. The problems (both set, a file that cannot be read or is
 * empty) are configuration lines that never show the value.
 */
export function secretSetting(name: string, env: NodeJS.ProcessEnv = process.env): SecretSetting {
  const value = (n: string) => (env[n]?.trim() ? env[n] : undefined);
  const inline = value(name);
  const file = value(`${name}_FILE`);
  if (inline !== undefined && file !== undefined)
    return { problems: [`  ${name}_FILE: set either ${name} or ${name}_FILE, not both`] };
  if (inline !== undefined) return { text: inline, from: name, problems: [] };
  if (file === undefined) return { problems: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { problems: [`  ${name}_FILE: cannot read ${file} (${code})`] };
  }
  if (!text.trim()) return { problems: [`  ${name}_FILE: the file is empty`] };
  return { text, from: `${name}_FILE`, problems: [] };
}
