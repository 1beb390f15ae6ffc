import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCode, type ErrorBody } from '@balanse/contracts';
import { ServiceError } from './service-client';

/** Every error leaves as `{status, code, message, fields?, details?}`; only our own bugs are 5xx. */
@Catch()
export class ErrorsFilter implements ExceptionFilter {
  private readonly log = new Logger('gateway');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.status >= 500 && body.code === ErrorCode.INTERNAL) this.log.error((exception as Error)?.stack ?? String(exception));
    res.status(body.status).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) return exception.toBody();
    if (exception instanceof ServiceError) return exception.body;
    const bodyParser = exception as { type?: string; status?: number };
    if (bodyParser?.type === 'entity.too.large') return { status: 413, code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'request body is too large (limit 1 MB)' };
    if (bodyParser?.type === 'entity.parse.failed') return { status: 400, code: ErrorCode.MALFORMED_JSON, message: 'request body is not valid JSON' };
    if (bodyParser?.type && bodyParser.status && bodyParser.status < 500) {
      return { status: bodyParser.status, code: ErrorCode.VALIDATION_FAILED, message: `request body rejected: ${bodyParser.type}` };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 404 ? ErrorCode.NOT_FOUND : status === 413 ? ErrorCode.PAYLOAD_TOO_LARGE : status === 401 ? ErrorCode.UNAUTHENTICATED : status < 500 ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL;
      const message = status === 404 ? 'no such route' : exception.message;
      return { status, code, message };
    }
    return { status: 500, code: ErrorCode.INTERNAL, message: 'internal error; see the gateway log' };
  }
}
