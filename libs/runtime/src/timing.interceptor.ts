import {
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { tap, type Observable } from 'rxjs';

/** Slower than this is worth a warning whatever the log level. */
const SLOW_MS = 2000;

/**
 * Times every handler, HTTP route and message handler alike: a debug line each
 * (`CasesController.open 12 ms`), a warning when one takes longer than 2 s. Installed only with
 * LOG_LEVEL=debug or verbose (`withTiming`): Nest binds an async resource for every call through
 * an interceptor, which cost about 3 % of the CPU per case in `npm run bench`.
 */
@Injectable()
export class TimingInterceptor implements NestInterceptor {
  private readonly log = new Logger('timing');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const started = performance.now();
    const done = (outcome: string) => {
      const ms = Math.round(performance.now() - started);
      const line = `${context.getType()} ${context.getClass().name}.${context.getHandler().name} ${outcome} ${ms} ms`;
      if (ms > SLOW_MS) this.log.warn(`slow: ${line}`);
      else this.log.debug(line);
    };
    return next.handle().pipe(tap({ complete: () => done('ok'), error: () => done('failed') }));
  }
}

/** Installs the TimingInterceptor on `app` when its debug lines would be printed. */
export function withTiming(app: { useGlobalInterceptors(...i: NestInterceptor[]): unknown }): void {
  if (Logger.isLevelEnabled('debug')) app.useGlobalInterceptors(new TimingInterceptor());
}
