// Test support for other projects' tests: the official schemas' checks, small packages, and the
// public fixtures (`@balanse/case-exchange/testing`; ajv is a dev dependency, never at run time).
export { caseSchemaErrors, openapiResponseValidator } from './case-schemas.testing';
export { testPackage } from './test-packages.testing';
export { default as actMathFixture } from './fixtures/act-holistic-framework-math.json';
export { default as openSaltFixture } from './fixtures/opensalt-what-standards-could-be.json';
