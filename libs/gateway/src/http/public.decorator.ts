import { applyDecorators, SetMetadata } from '@nestjs/common';

/** Marks a route (or a controller) that answers without a token (read by the AuthGuard). */
export const PUBLIC = 'balanse:public';

/**
 * A public route: no `Authorization` needed, and no tenant (what it serves is the platform's,
 * e.g. the issuer's DID document and status lists). Handlers get a caller of the default tenant.
 */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(PUBLIC, true));
}
