import { DomainError, ErrorCode } from '@balanse/contracts';

/**
 * Whether a failure means the database could not be reached rather than that the work is wrong:
 * a server shutting down or starting (57P01-57P03), a connection failure (class 08), too many
 * connections (53300), a refused or reset socket, a connection dropped mid-query, or a query
 * runner released under TypeORM's feet. These are waited out, never dead-lettered early.
 */
export function isTransient(err: unknown): boolean {
  for (let e = err as Failure | undefined, depth = 0; e && depth < 3; e = e.driverError, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (/^57P0[123]$|^08|^53300$|^ECONNREFUSED$|^ECONNRESET$|^ETIMEDOUT$|^EPIPE$/.test(code))
      return true;
    if (e.name === 'QueryRunnerAlreadyReleasedError') return true;
    if (
      /Connection terminated|the database system is (shutting down|starting up)/i.test(
        e.message ?? '',
      )
    )
      return true;
  }
  return false;
}

interface Failure {
  name?: string;
  code?: unknown;
  message?: string;
  driverError?: Failure;
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
