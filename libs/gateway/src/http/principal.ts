import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, ErrorCode, STATISTICS_ROLE, type CommandContext } from '@balanse/contracts';

export interface AuthedRequest extends Request {
  context?: CommandContext;
  /** What the caller may do beyond its tenant's own work (`statistics`: tables across employers). */
  roles?: readonly string[];
}

/**
 * The roles of the admin token, today the only principal with a token. The identity model to
 * come gives each principal its own; a caller without a role is refused it (403 FORBIDDEN).
 */
export const ADMIN_ROLES: readonly string[] = ['admin', STATISTICS_ROLE];

/** 403 FORBIDDEN unless the caller holds `role`. */
export function requireRole(roles: readonly string[], role: string, doing: string): void {
  if (!roles.includes(role))
    throw new DomainError(403, ErrorCode.FORBIDDEN, `${doing} needs the ${role} role`, { role });
}

/** The caller's tenant, identity and correlation id, set by the AuthGuard. */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!req.context) throw new Error('AuthGuard did not run');
  return req.context;
});

/** The caller's roles (none on a public route). */
export const CallerRoles = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): readonly string[] =>
    ctx.switchToHttp().getRequest<AuthedRequest>().roles ?? [],
);
