export * from './disclosure';
export * from './export';
