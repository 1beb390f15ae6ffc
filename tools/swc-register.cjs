// Lets plain `node` (a child process or a worker thread) require the TypeScript sources, compiled
// on the fly by the build's swc configuration with the @balanse/* aliases rewritten. For tests and
// tools that run from the sources; `npm run build` output needs none of this.
const { transformSync } = require('@swc/core');
const { readFileSync } = require('node:fs');
const options = require('./swc-options.cjs')({ paths: true });

require('reflect-metadata');
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    ...options,
    filename,
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
