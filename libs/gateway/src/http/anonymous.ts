import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { CommandContext } from '@balanse/contracts';
import { PUBLIC_TENANT } from './public.decorator';

/** The context of a caller without a token on a public route: no tenant of theirs, no identity. */
export function anonymousContext(req: Request, res: Response): CommandContext {
  const requestId =
    (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
  res.setHeader('x-request-id', requestId);
  return { tenantId: PUBLIC_TENANT, actor: 'anonymous', correlationId: requestId };
}
