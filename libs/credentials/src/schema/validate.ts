import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { ACHIEVEMENT_CREDENTIAL_SCHEMA } from './achievementcredential-schema';

/** One way a credential breaks the 1EdTech schema: a JSON path (`/credentialSubject/type`) and why. */
export interface SchemaProblem {
  path: string;
  message: string;
}

let compiled: ValidateFunction | undefined;

/** Compiled once, on first use (about 50 ms). */
function validator(): ValidateFunction {
  if (!compiled) {
    // strict off: the 1EdTech schema uses keywords ajv's strict mode refuses.
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    compiled = ajv.compile(ACHIEVEMENT_CREDENTIAL_SCHEMA);
  }
  return compiled;
}

/**
 * Checks a credential against the official Open Badges 3.0 AchievementCredential JSON schema.
 * Returns up to `max` problems (none when it conforms).
 */
export function achievementCredentialSchemaProblems(
  credential: unknown,
  max = 10,
): SchemaProblem[] {
  const validate = validator();
  if (validate(credential)) return [];
  return (validate.errors ?? []).slice(0, max).map((e) => ({
    path: e.instancePath || '/',
    message: `${e.instancePath || 'the credential'} ${e.message ?? 'is not valid'}`.slice(0, 300),
  }));
}
