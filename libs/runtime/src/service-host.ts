import {
  Module,
  type DynamicModule,
  type INestApplicationContext,
  type LoggerService,
  type LogLevel,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import type { ServiceName } from '@balanse/contracts';
import {
  MessagingModule,
  MessagingRuntime,
  MessagingTables1764300000000,
  messagingEntities,
  type CommandTransport,
  type EventTransport,
  type RelayOptions,
  type RetryPolicy,
} from '@balanse/messaging';
import { openServiceDataSource, type StorageTarget } from '@balanse/persistence';
import { HealthModule, type ReadinessCheck } from './health';

/** What a service library exports so that a launcher can run it. */
export interface ServiceDefinition {
  name: ServiceName;
  /** The Nest module with the service's handlers. */
  module: Type<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  /** Runs once after migrations, e.g. to seed reference data. */
  seed?: (dataSource: DataSource) => Promise<void>;
}

export interface ServiceInfra {
  events: EventTransport;
  commands: CommandTransport;
  retry?: RetryPolicy;
  relay?: Partial<RelayOptions>;
}

export interface RunningService {
  name: ServiceName;
  app: INestApplicationContext;
  dataSource: DataSource;
  runtime: MessagingRuntime;
  readiness: ReadinessCheck[];
  close(): Promise<void>;
}

/** Opens the service's database (migrated, seeded) and builds its Nest application around it. */
export async function createService(
  def: ServiceDefinition,
  storage: StorageTarget,
  infra: ServiceInfra,
  options: { http: boolean; logger?: LoggerService | LogLevel[] | false },
): Promise<RunningService> {
  const dataSource = await openServiceDataSource({
    storage,
    entities: [...messagingEntities, ...def.entities],
    migrations: [MessagingTables1764300000000, ...def.migrations],
  });
  await def.seed?.(dataSource);
  const readiness: ReadinessCheck[] = [
    {
      name: `${def.name}:database`,
      check: async () => (await dataSource.query('SELECT 1 AS ok')).length === 1,
    },
    { name: `${def.name}:events`, check: async () => infra.events.healthy() },
    { name: `${def.name}:commands`, check: async () => infra.commands.healthy() },
  ];
  const host = hostModule(def, dataSource, infra, options.http ? readiness : undefined);
  const app = options.http
    ? await NestFactory.create(host, { logger: options.logger, abortOnError: false })
    : await NestFactory.createApplicationContext(host, {
        logger: options.logger,
        abortOnError: false,
      });
  await app.init();
  const runtime = app.get(MessagingRuntime);
  return {
    name: def.name,
    app,
    dataSource,
    runtime,
    readiness,
    close: async () => {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

function hostModule(
  def: ServiceDefinition,
  dataSource: DataSource,
  infra: ServiceInfra,
  health?: ReadinessCheck[],
): DynamicModule {
  @Module({})
  class ServiceHostModule {}
  return {
    module: ServiceHostModule,
    imports: [
      MessagingModule.forService({ service: def.name, dataSource, ...infra }),
      def.module,
      ...(health ? [HealthModule.with(health)] : []),
    ],
  };
}
