export * from './issuer-keys';
export * from './issuer-keys-env';
export * from './did-web';
export * from './issuer-config';
