export * from './env';
export * from './service-env';
export * from './health';
export * from './service-host';
export * from './distributed';
export * from './nats-security';
export * from './timing.interceptor';
export * from './listen';
