export * from './disclosure';
export * from './export';
export * from './tables';
