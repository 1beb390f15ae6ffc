export * from './env';
export * from './service-env';
export * from './health';
export * from './service-host';
export * from './distributed';
export * from './timing.interceptor';
export * from './listen';
export * from './process-guards';
