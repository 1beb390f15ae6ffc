export * from './api-client';
export * from './case-driver';
export * from './servers';
export * from './processes';
