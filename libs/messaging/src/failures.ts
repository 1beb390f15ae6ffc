import { DomainError, ErrorCode } from '@balanse/contracts';

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

/**
 * A database that is down, restarting or out of connections, as opposed to a failing statement:
 * a command is answered 503 with Retry-After, an event is waited out (never dead-lettered early).
 */
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

/** An event's payload failed its contract's validation (the handler's pipe). */
export function isContractFailure(err: unknown): err is DomainError {
  return err instanceof DomainError && err.code === ErrorCode.VALIDATION_FAILED;
}

/**
 * A failure as shown to operators: our own errors with their message, a database error by its
 * SQLSTATE only (its text can quote stored values; the log has it in full).
 */
export function describeFailure(err: unknown): string {
  if (err instanceof DomainError) {
    const fields = err.fields?.map((f) => `${f.field}: ${f.message}`).join('; ');
    return `${err.code}: ${err.message}${fields ? ` (${fields})` : ''}`;
  }
  const e = err as Failure | undefined;
  const code = e?.driverError?.code ?? e?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code))
    return `database error ${code} (see the service log)`;
  const message = err instanceof Error ? err.message : String(err);
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

interface Failure {
  code?: unknown;
  message?: string;
  driverError?: Failure;
}
