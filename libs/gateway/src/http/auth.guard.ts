import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Response } from 'express';
import { DomainError, ErrorCode, TENANT_PATTERN, validationError } from '@balanse/contracts';
import { GATEWAY_OPTIONS, type GatewayOptions } from './gateway-options';
import { IDEMPOTENT, idempotencyClaim } from './idempotency';
import { ADMIN_ROLES, type AuthedRequest } from './principal';
import { anonymousContext } from './anonymous';
import { PUBLIC_ROUTE } from './public.decorator';

export const TENANT_HEADER = 'x-balanse-tenant';
export const DEFAULT_TENANT = 'default';

/**
 * Bearer-token authentication. For now one administrator token (BALANSE_ADMIN_TOKEN) acts for any
 * tenant named in `X-Balanse-Tenant` (default `default`); a proper identity model comes later.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly expected: Buffer;
  /** Tokens seen lately and whether they matched: an integration sends the same one all day. */
  private readonly seen = new Map<string, boolean>();

  constructor(
    @Inject(GATEWAY_OPTIONS) options: GatewayOptions,
    private readonly reflector: Reflector,
  ) {
    this.expected = digest(options.adminToken);
  }

  private valid(token: string): boolean {
    let ok = this.seen.get(token);
    if (ok === undefined) {
      ok = timingSafeEqual(digest(token), this.expected); // hashes of equal length, compared in constant time
      if (this.seen.size >= 64) this.seen.clear();
      this.seen.set(token, ok);
    }
    return ok;
  }

  /**
   * Why the request is not authenticated, or undefined when it carries the admin token. A missing
   * token and a wrong one are told apart: the first is a client not sending it at all.
   */
  authError(req: { headers: { authorization?: string } }): DomainError | undefined {
    const header = req.headers.authorization?.trim();
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    const problem = !header
      ? 'no bearer token: send Authorization: Bearer <token>'
      : token === undefined
        ? 'Authorization is not a bearer token: send Authorization: Bearer <token>'
        : this.valid(token)
          ? undefined
          : 'the bearer token is not valid';
    return problem ? new DomainError(401, ErrorCode.UNAUTHENTICATED, problem) : undefined;
  }

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    if (
      this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [ctx.getHandler(), ctx.getClass()])
    ) {
      // Verification, the DID document, status lists: no token, no tenant of the caller's.
      req.context = anonymousContext(req, res);
      return true;
    }
    const requestId =
      (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
    const unauthenticated = this.authError(req);
    if (unauthenticated) throw unauthenticated;
    const tenant = (req.headers[TENANT_HEADER] as string | undefined) ?? DEFAULT_TENANT;
    if (!TENANT_PATTERN.test(tenant)) {
      throw validationError([
        {
          field: `header.${TENANT_HEADER}`,
          message: 'tenant must be 1-63 lower-case letters, digits or dashes',
        },
      ]);
    }
    res.setHeader('x-request-id', requestId);
    req.context = { tenantId: tenant, actor: 'admin', correlationId: requestId };
    req.roles = ADMIN_ROLES;
    if (this.reflector.get<boolean>(IDEMPOTENT, ctx.getHandler())) {
      const idempotency = idempotencyClaim(req, tenant);
      if (idempotency) req.context.idempotency = idempotency;
    }
    return true;
  }
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
