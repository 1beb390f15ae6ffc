import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Response } from 'express';
import { DomainError, ErrorCode, validationError } from '@balanse/contracts';
import { GATEWAY_OPTIONS, type GatewayOptions } from './gateway-options';
import type { AuthedRequest } from './principal';

export const TENANT_HEADER = 'x-balanse-tenant';
export const DEFAULT_TENANT = 'default';
const TENANT = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Bearer-token authentication. For now one administrator token (BALANSE_ADMIN_TOKEN) acts for any
 * tenant named in `X-Balanse-Tenant` (default `default`); a proper identity model comes later.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly expected: Buffer;
  /** Tokens seen lately and whether they matched: an integration sends the same one all day. */
  private readonly seen = new Map<string, boolean>();

  constructor(@Inject(GATEWAY_OPTIONS) options: GatewayOptions) {
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

  /** Whether the request carries the admin token. */
  authenticates(req: { headers: { authorization?: string } }): boolean {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    return token !== undefined && this.valid(token);
  }

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    if (!this.authenticates(req)) {
      throw new DomainError(401, ErrorCode.UNAUTHENTICATED, 'send Authorization: Bearer <token>');
    }
    const tenant = (req.headers[TENANT_HEADER] as string | undefined) ?? DEFAULT_TENANT;
    if (!TENANT.test(tenant)) {
      throw validationError([
        {
          field: `header.${TENANT_HEADER}`,
          message: 'tenant must be 1-63 lower-case letters, digits or dashes',
        },
      ]);
    }
    const requestId =
      (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
    res.setHeader('x-request-id', requestId);
    req.context = { tenantId: tenant, actor: 'admin', correlationId: requestId };
    return true;
  }
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
