// What tests and the benchmark share: the API client and case driver, the one way to start the
// stack (`startStack`), the one status helper (`waitForReady`, `waitForPhase`, `waitForCase`) and
// the test servers (NATS, PostgreSQL). The jest environment (./jest) is not exported: jest loads it.
export * from './api-client';
export * from './case-driver';
export * from './private-servers';
export * from './processes';
export * from './row-counts';
export * from './servers';
export * from './stack';
export * from './standards';
export * from './status';
export * from './statistics-events';
