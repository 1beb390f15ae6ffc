import { Catch, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { DomainError, ErrorCode, type ErrorBody } from '@balanse/contracts';
import { RETRY_AFTER_SECONDS } from '../transport/command-gate';
import { isDatabaseUnavailable } from '../failures';
import { EventContext } from './contexts';

/**
 * The one place where a message handler's error becomes an answer. A command gets the error body
 * the gateway passes on: a DomainError as it is, a database that is down or restarting 503
 * SERVICE_UNAVAILABLE with a retry hint, anything else logged here and answered 500 INTERNAL
 * without its details. An event handler's error goes back to the consumer unchanged, which
 * retries it or keeps it as a dead letter with its message.
 */
@Catch()
export class RpcErrorsFilter implements RpcExceptionFilter<unknown> {
  private readonly log = new Logger('rpc');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    if (host.switchToRpc().getContext() instanceof EventContext) return throwError(() => exception);
    return throwError(() => toErrorBody(exception, this.log));
  }
}

export function toErrorBody(err: unknown, log: Logger): ErrorBody {
  if (err instanceof DomainError) return err.toBody();
  if (isErrorBody(err)) return err;
  if (isDatabaseUnavailable(err)) {
    // The message only: a driver error's other fields may hold the statement's parameters.
    log.warn(`database unavailable: ${(err as Error).message}`);
    return {
      status: 503,
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message: 'the database is unavailable or restarting; retry shortly',
      details: { retryAfterSeconds: RETRY_AFTER_SECONDS },
    };
  }
  log.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  return { status: 500, code: ErrorCode.INTERNAL, message: 'internal error; see the service log' };
}

export function isErrorBody(value: unknown): value is ErrorBody {
  const v = value as Partial<ErrorBody> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.status === 'number' &&
    typeof v.code === 'string'
  );
}
