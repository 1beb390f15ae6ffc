import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { CommandContext } from '@balanse/contracts';

export interface AuthedRequest extends Request {
  context?: CommandContext;
}

/** The caller's tenant, identity and correlation id, set by the AuthGuard. */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!req.context) throw new Error('AuthGuard did not run');
  return req.context;
});
