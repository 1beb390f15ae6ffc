export * from './problems';
export * from './document-loader';
export * from './achievement-credential';
export * from './keys';
export * from './multikey';
export { signCredential, verifyCredential } from './eddsa-rdfc-2022';
export type { SignOptions, KeyResolver, ResolvedKey, VerifyResult } from './eddsa-rdfc-2022';
export { SigningPool, signCredentials, closeSharedSigningPool } from './signing-pool';
export type { SigningPoolOptions } from './signing-pool';
