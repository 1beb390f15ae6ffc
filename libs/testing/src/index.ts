export * from './api-client';
export * from './case-driver';
export * from './processes';
export * from './servers';
export * from './stack';
export * from './status';
