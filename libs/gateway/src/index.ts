export * from './gateway.module';
export * from './http/gateway-options';
export { TENANT_HEADER, DEFAULT_TENANT } from './http/auth.guard';
