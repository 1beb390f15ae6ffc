import { Catch, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { DomainError, ErrorCode, type ErrorBody } from '@balanse/contracts';
import { RETRY_AFTER_SECONDS } from '../transport/command-gate';
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

/**
 * SQLSTATEs of a server that is going away or not there yet: admin/crash shutdown (57P01/57P02),
 * cannot connect now (57P03), the connection exception class (08xxx) and too many connections
 * (53300). Any of them passes once the server is back.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
]);
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
/** What pg, pg-pool and TypeORM say, in words only, when the connection is gone or cannot be had. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|the database system is (shutting down|starting up|in recovery mode)|Driver not Connected|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|already released/i;
/** TypeORM's errors for a transaction whose connection the pool dropped under it. */
const RELEASED_RUNNER = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);

/** A database that is down, restarting or out of connections, as opposed to a failing statement. */
export function isDatabaseUnavailable(err: unknown): boolean {
  // TypeORM's QueryFailedError keeps pg's error as `driverError`.
  for (const e of [err, (err as { driverError?: unknown } | null)?.driverError]) {
    if (typeof e !== 'object' || e === null) continue;
    const { code, name, message } = e as { code?: unknown; name?: unknown; message?: unknown };
    if (
      typeof code === 'string' &&
      (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code))
    )
      return true;
    if (typeof name === 'string' && RELEASED_RUNNER.has(name)) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
  }
  return false;
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
