// Every project's tests in one run (`npm test`): the unit tests beside the code (*.spec.ts, one
// jest project per Nx project) and the integration tests in test/ (project e2e), which need NATS
// JetStream and PostgreSQL (see libs/testing/src/global-setup.ts). `npm run test:unit` leaves
// out e2e; `npx nx test <project>` runs one project's.
module.exports = {
  // Options of the whole run (a project's own are ignored here): long, since the integration
  // tests start processes and wait for events.
  testTimeout: 60_000,
  slowTestThreshold: 20,
  projects: [
    '<rootDir>/apps/*/jest.config.js',
    '<rootDir>/libs/*/jest.config.js',
    '<rootDir>/tools/jest.config.js',
    '<rootDir>/test/jest.config.js',
  ],
};
