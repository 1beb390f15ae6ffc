// One swc configuration for the build and for jest: TypeScript with the decorator metadata
// that NestJS dependency injection and class-validator need.
/** @param {{ paths?: boolean }} opts */
module.exports = function swcOptions(opts = {}) {
  const base = {
    sourceMaps: true,
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
  };
  if (opts.paths) {
    const { compilerOptions } = require('../tsconfig.base.json');
    base.jsc.baseUrl = require('node:path').resolve(__dirname, '..');
    base.jsc.paths = compilerOptions.paths;
  }
  return base;
};
