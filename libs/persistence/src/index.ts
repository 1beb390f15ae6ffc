export * from './data-source';
export * from './embedded-database';
export * from './pglite-pool';
export * from './pglite-engine';
export * from './keyset';
