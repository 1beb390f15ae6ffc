// Test support: the official CASE 1.1 JSON schemas (copies in schemas/, sources in its README),
// compiled with ajv for the draft each one declares. Not used at run time (ajv is a dev dependency).
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import informationModel from './schemas/case_v1p1_cfpackage-jsonschema1.json';
import restBinding from './schemas/caseservicegroupv1p1-getcfpackage-200-responsepayload-schemav1p0p0.json';
import openapi from './schemas/imscasev1p1_openapi3_v1p0.json';

// Each declares its draft in `$schema` (2019-09 with a trailing `#`, and 2020-12 under http: instead
// of https:), spellings ajv does not resolve; the draft is chosen by the Ajv class instead.
const withoutMeta = (schema: object) => ({ ...schema, $schema: undefined });

function compile(ajv: Ajv2019 | Ajv2020, schema: object): ValidateFunction {
  addFormats(ajv);
  return ajv.compile(withoutMeta(schema));
}

let compiled: Record<'informationModel' | 'restBinding', ValidateFunction> | undefined;

/** The errors of a package against both official schemas; empty when it validates against both. */
export function caseSchemaErrors(pkg: unknown): { schema: string; errors: ErrorObject[] }[] {
  compiled ??= {
    informationModel: compile(new Ajv2019({ strict: false, allErrors: true }), informationModel),
    restBinding: compile(new Ajv2020({ strict: false, allErrors: true }), restBinding),
  };
  return Object.entries(compiled)
    .map(([schema, validate]) => ({ schema, ok: validate(pkg), errors: validate.errors ?? [] }))
    .filter((r) => !r.ok)
    .map(({ schema, errors }) => ({ schema, errors: errors.slice(0, 20) }));
}

/** A validator for one response schema of the official CASE 1.1 OpenAPI file (OpenAPI 3.0: draft-04-like schemas, checked as 2019-09). */
export function openapiResponseValidator(path: string, status = '200'): ValidateFunction {
  const doc = openapi as unknown as {
    paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: object }> }> } }>;
    components: { schemas: Record<string, object> };
  }; // prettier-ignore
  const schema = doc.paths[path].get.responses[status].content['application/json'].schema;
  const ajv = new Ajv2019({ strict: false, allErrors: true, discriminator: false });
  addFormats(ajv);
  return ajv.compile({ ...schema, components: doc.components } as object);
}
