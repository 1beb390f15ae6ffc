export * from './status-list';
export * from './status-credential';
