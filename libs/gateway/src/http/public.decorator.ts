import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const PUBLIC_ROUTE = 'balanse:public';

/**
 * A route anyone may call, without a token (credential verification, the verification page):
 * the auth guard lets it through with an anonymous context (tenant `public`), and OpenAPI marks
 * it `x-balanse-public` (with no bearer requirement: leave `@ApiBearerAuth` off its controller).
 * Put it on a handler or on a whole controller.
 */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension('x-balanse-public', true));

/** The tenant an anonymous caller's commands carry (public routes answer the same for all). */
export const PUBLIC_TENANT = 'public';

/**
 * The OpenAPI document's `@Public()` operations: no security requirement and no 401 answer
 * (`ApiErrors` lists UNAUTHENTICATED with the codes every operation shares).
 */
export function markPublicOperations(document: { paths: object }): void {
  for (const methods of Object.values(document.paths) as object[])
    for (const op of Object.values(methods) as Array<{
      'x-balanse-public'?: unknown;
      security?: unknown[];
      responses?: Record<string, unknown>;
    }>) {
      if (op?.['x-balanse-public'] !== true) continue;
      op.security = [];
      if (op.responses) delete op.responses['401'];
    }
}
