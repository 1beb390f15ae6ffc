export * from './status-list';
export * from './status-credential';
export * from './status-slots';
