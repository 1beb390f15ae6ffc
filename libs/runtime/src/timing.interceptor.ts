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
 * (`CasesController.open 12 ms`), a warning when one takes longer than 2 s.
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
