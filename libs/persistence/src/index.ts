export * from './data-source';
export * from './pglite-pool';
export * from './pglite-engine';
