// Test support: EBSI's JSON Schema for Europass EDC credentials (ELM 3.2, VCDM 2.0), a copy in
// fixtures/ (source in fixtures/SOURCE.md), compiled with ajv's draft 2020-12 build. Not used at
// run time (ajv is a dev dependency).
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import edcSchema from './fixtures/europass-edc-schema.json';

let validate: ValidateFunction | undefined;

/** The errors of a credential against the EDC schema; empty when it validates. */
export function edcSchemaErrors(credential: unknown): ErrorObject[] {
  if (!validate) {
    // strict: false because the schema nests a second `$schema` (the EBSI attestation it extends).
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    validate = ajv.compile({ ...edcSchema, $schema: undefined });
  }
  return validate(credential) ? [] : (validate.errors ?? []).slice(0, 20);
}
