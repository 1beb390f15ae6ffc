export * from './embedded';
export * from './secrets-key';
