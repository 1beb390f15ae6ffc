import {
  Catch,
  HttpException,
  Inject,
  Injectable,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode, type ErrorBody } from '@balanse/contracts';
import { AuthGuard } from './auth.guard';
import type { AuthedRequest } from './principal';
import { RETRY_AFTER_SECONDS, ServiceError } from '@balanse/messaging';
import { GATEWAY_OPTIONS, jsonBodyLimit, type GatewayOptions } from './gateway-options';
import { tooLargeVerifyAnswer, VERIFY_PATH } from '../verify/verify.controller';

/** Public routes that read a body: a body they cannot read is that error, never a 401. */
const PUBLIC_BODY_PATHS = new Set([VERIFY_PATH, '/verify']);

/**
 * Every error leaves as `{status, code, message, fields?, details?}`; only our own bugs are 500.
 * A 503 (a service or dependency down, busy) and a 504 carry `Retry-After`, from
 * `details.retryAfterSeconds` when the service gave one.
 */
@Catch()
@Injectable()
export class ErrorsFilter implements ExceptionFilter {
  private readonly log = new Logger('gateway');

  private readonly bodyLimit: number;

  constructor(
    private readonly auth: AuthGuard,
    @Inject(GATEWAY_OPTIONS) options: GatewayOptions,
  ) {
    this.bodyLimit = jsonBodyLimit(options);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<AuthedRequest>();
    let body = this.toBody(exception, req);
    // The body is read before the guard runs: a caller without a valid token learns only that.
    // (Public routes, which take no token, excepted.)
    if (!req.context && !PUBLIC_BODY_PATHS.has(req.path) && readingBodyFailed(exception, req))
      body = this.auth.authError(req)?.toBody() ?? body;
    if (body.status >= 500 && body.code === ErrorCode.INTERNAL)
      this.log.error((exception as Error)?.stack ?? String(exception));
    if (body.status === 503 || body.status === 504) {
      const hint = body.details?.['retryAfterSeconds'];
      res.setHeader('Retry-After', String(typeof hint === 'number' ? hint : RETRY_AFTER_SECONDS));
    }
    // The verify route answers a body over the limit in its own shape too (`TOO_LARGE`).
    if (body.code === ErrorCode.PAYLOAD_TOO_LARGE && req.path === VERIFY_PATH) {
      res.status(body.status).json({ ...body, ...tooLargeVerifyAnswer(body.message) });
      return;
    }
    res.status(body.status).json(body);
  }

  private toBody(exception: unknown, req: Request | undefined): ErrorBody {
    if (exception instanceof DomainError) return exception.toBody();
    if (exception instanceof ServiceError) return exception.body;
    const bodyParser = exception as { type?: string; status?: number; expose?: boolean };
    if (bodyParser?.type === 'entity.too.large')
      return {
        status: 413,
        code: ErrorCode.PAYLOAD_TOO_LARGE,
        message: `request body is too large (limit ${this.bodyLimit} bytes)`,
      };
    if (bodyParser?.type === 'entity.parse.failed' || isUnparsedJson(exception, req))
      return MALFORMED_JSON;
    if (bodyParser?.type && bodyParser.status === 415)
      return {
        status: 415,
        code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        message: `request body rejected: ${(exception as Error).message} (JSON is read as UTF-8, optionally gzip, deflate or br)`,
      };
    if (bodyParser?.type && bodyParser.status && bodyParser.status < 500) {
      return {
        status: bodyParser.status,
        code: ErrorCode.VALIDATION_FAILED,
        message: `request body rejected: ${bodyParser.type}`,
      };
    }
    // body-parser's other 4xx (http-errors without a type, e.g. a gzip body that does not inflate)
    if (
      !(exception instanceof HttpException) &&
      typeof bodyParser?.status === 'number' &&
      bodyParser.status >= 400 &&
      bodyParser.status < 500 &&
      bodyParser.expose === true
    ) {
      return {
        status: bodyParser.status,
        code: ErrorCode.VALIDATION_FAILED,
        message: 'request body could not be read',
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (isErrorBody(response, status)) return response; // e.g. /ready's SERVICE_UNAVAILABLE with its checks
      const code =
        status === 404
          ? ErrorCode.NOT_FOUND
          : status === 413
            ? ErrorCode.PAYLOAD_TOO_LARGE
            : status === 401
              ? ErrorCode.UNAUTHENTICATED
              : status < 500
                ? ErrorCode.VALIDATION_FAILED
                : ErrorCode.INTERNAL;
      const message = status === 404 ? 'no such route' : exception.message;
      return { status, code, message };
    }
    return {
      status: 500,
      code: ErrorCode.INTERNAL,
      message: 'internal error; see the gateway log',
    };
  }
}

const CODES = new Set<string>(Object.values(ErrorCode));

function isErrorBody(response: unknown, status: number): response is ErrorBody {
  const body = response as Partial<ErrorBody> | undefined;
  return body?.status === status && CODES.has(body.code ?? '') && typeof body.message === 'string';
}

/** body-parser's errors (they carry a `type` or `expose`), and Nest's rewrite of its SyntaxError. */
function readingBodyFailed(exception: unknown, req: Request): boolean {
  const e = exception as { type?: unknown; expose?: unknown };
  return (
    (!(exception instanceof HttpException) &&
      (typeof e?.type === 'string' || e?.expose === true)) ||
    isUnparsedJson(exception, req)
  );
}

const MALFORMED_JSON: ErrorBody = {
  status: 400,
  code: ErrorCode.MALFORMED_JSON,
  message: 'request body is not valid JSON (a JSON object is expected)',
};

/**
 * Nest turns body-parser's SyntaxError into a plain BadRequestException before this filter sees it
 * (RoutesResolver.mapExternalException), dropping its `type`. Such a 400 on a JSON request whose
 * body was never parsed is a JSON syntax error (a strict-mode `null`, `"text"` or `5` included).
 */
function isUnparsedJson(exception: unknown, req: Request | undefined): boolean {
  return (
    exception instanceof HttpException &&
    exception.getStatus() === 400 &&
    req?.body === undefined &&
    typeof req?.is === 'function' &&
    req.is('application/json') === 'application/json'
  );
}
