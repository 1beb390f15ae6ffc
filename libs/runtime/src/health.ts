import {
  Controller,
  Get,
  Header,
  HttpCode,
  HttpException,
  Inject,
  Module,
  type DynamicModule,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { metrics } from '@balanse/messaging';

/** Something readiness depends on: the message bus, a database. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
export const METRICS_TEXT = Symbol('METRICS_TEXT');

/** The process's metrics in Prometheus text format. */
export type MetricsText = () => Promise<string>;

@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    @Inject(METRICS_TEXT) private readonly metricsText: MetricsText,
  ) {}

  /** Liveness: the process answers. */
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  /** Prometheus metrics: counters by service (never by tenant), and Node's own. */
  @Get('metrics')
  @Header('Content-Type', metrics.contentType)
  @Header('Cache-Control', 'no-store')
  prometheus(): Promise<string> {
    return this.metricsText();
  }

  /** Readiness: every dependency answers within a second. */
  @Get('ready')
  @HttpCode(200)
  async ready() {
    const results = await Promise.all(
      this.checks.map(async (c) => {
        const ok = await Promise.race([
          c.check().catch(() => false),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000).unref()),
        ]);
        return [c.name, ok ? 'up' : 'down'] as const;
      }),
    );
    const checks = Object.fromEntries(results);
    const ready = results.every(([, state]) => state === 'up');
    if (!ready)
      throw new HttpException(
        { status: 503, code: 'SERVICE_UNAVAILABLE', message: 'not ready', checks },
        503,
      );
    return { status: 'ready', checks };
  }
}

@Module({})
export class HealthModule {
  /** `metricsText`: by default this thread's registry (the embedded gateway's thread asks the main one). */
  static with(
    checks: ReadinessCheck[],
    metricsText: MetricsText = () => metrics.metrics(),
  ): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [
        { provide: READINESS_CHECKS, useValue: checks },
        { provide: METRICS_TEXT, useValue: metricsText },
      ],
    };
  }
}
