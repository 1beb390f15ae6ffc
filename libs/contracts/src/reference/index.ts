export * from './nace';
export * from './counties';
