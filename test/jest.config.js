// The integration tests: real NATS JetStream and PostgreSQL, found or started once per run by the
// global setup; the built apps (`npm run build`) run as child processes.
module.exports = require('../jest.preset')(__dirname, {
  testMatch: ['<rootDir>/**/*.int.spec.ts'],
  globalSetup: '<rootDir>/../libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/../libs/testing/src/global-teardown.ts',
});
