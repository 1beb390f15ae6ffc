export * from './errors';
export * from './validation';
export * from './events';
export * from './commands';
export * from './lifecycle';
export * from './basics';
export * from './examples';
export * from './paging';
