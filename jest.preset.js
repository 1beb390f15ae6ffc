// The jest configuration every project shares; each project's jest.config.js is
// `require('<root>/jest.preset')(__dirname)`, and the root jest.config.js runs them all.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const swcOptions = require('./tools/swc-options.cjs');
const { compilerOptions } = require('./tsconfig.base.json');

/** @param {string} projectDir @param {import('jest').Config} [extra] @returns {import('jest').Config} */
module.exports = function projectConfig(projectDir, extra = {}) {
  const { name } = JSON.parse(readFileSync(join(projectDir, 'project.json'), 'utf8'));
  return {
    displayName: name,
    rootDir: projectDir,
    testEnvironment: join(__dirname, 'libs/testing/src/jest/quiet-environment.ts'),
    testMatch: ['<rootDir>/**/*.spec.ts'],
    transform: { '^.+\\.ts$': ['@swc/jest', swcOptions()] },
    moduleNameMapper: Object.fromEntries(
      Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
        `^${alias}$`,
        join(__dirname, target),
      ]),
    ),
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    slowTestThreshold: 20,
    ...extra,
  };
};
