import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError, ErrorCode } from '@balanse/contracts';

/**
 * Only JSON bodies are read. A body of another type (a form, text/plain, none named) is left
 * unparsed, so the request would go on as if it had no body and fail with a misleading "field
 * missing"; it is refused here instead. Registered after the auth guard: a caller without a
 * valid token learns only that.
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request>();
    if (this.reflector.get<boolean>(STREAMED_BODY, ctx.getHandler())) return true;
    if (hasBody(req) && !req.is('application/json')) {
      const type = req.headers['content-type']?.slice(0, 100);
      throw new DomainError(
        415,
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        `send the request body as JSON with Content-Type: application/json (got ${type ? JSON.stringify(type) : 'no Content-Type'})`,
      );
    }
    return true;
  }
}

const STREAMED_BODY = 'balanse:streamed-body';

/** A route that reads its body itself, as a stream of another type (bulk files); it checks the type. */
export const StreamedBody = (): MethodDecorator => SetMetadata(STREAMED_BODY, true);

/** As body-parser decides it: a chunked body, or a Content-Length above 0. */
function hasBody(req: Request): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0
  );
}
