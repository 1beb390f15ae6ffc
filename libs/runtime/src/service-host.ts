import {
  Global,
  Module,
  type DynamicModule,
  type INestApplication,
  type INestApplicationContext,
  type INestMicroservice,
  type LoggerService,
  type LogLevel,
  type Type,
  type Provider,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import type { ServiceName } from '@balanse/contracts';
import {
  BalanseServer,
  ContractPayloadPipe,
  DeadLetters,
  DEFAULT_INBOX_RETENTION_MS,
  InboxPruner,
  MessagingModule,
  messagingMigrations,
  messagingEntities,
  OutboxRelay,
  RpcErrorsFilter,
  UnitOfWork,
  type CommandTransport,
  type EventTransport,
  type RelayOptions,
  type RetryPolicy,
} from '@balanse/messaging';
import { openServiceDataSource, type StorageTarget } from '@balanse/persistence';
import { HealthModule, type ReadinessCheck } from './health';
import { SecretKeys } from './secret-keys';
import { withTiming } from './timing.interceptor';

/** What a service library exports so that a launcher can run it. */
export interface ServiceDefinition {
  name: ServiceName;
  /** The Nest module with the service's message and event handlers (controllers). */
  module: Type<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  /** Runs once after migrations, e.g. to seed reference data. */
  seed?: (dataSource: DataSource) => Promise<void>;
  /** Stores secrets encrypted: the launcher must give it `SecretKeys` (ServiceInfra.secretKeys). */
  needsSecretKeys?: boolean;
  /**
   * The service's own configuration, read at start (a ConfigError names a bad or missing value):
   * providers its module injects. Certify's issuer keys and public URL come this way.
   */
  configure?: (setup: ServiceSetup) => Promise<Provider[]>;
}

/** How a service runs, for its `configure`. */
export type ServiceSetup =
  | {
      mode: 'embedded';
      /** The data folder (`memory://`: nothing kept). */
      dataDir: string;
      env: NodeJS.ProcessEnv;
      /** The gateway's public base URL, known once it listens (before any event is handled). */
      publicUrl: () => string;
    }
  | { mode: 'distributed'; env: NodeJS.ProcessEnv };

export interface ServiceInfra {
  events: EventTransport;
  commands: CommandTransport;
  retry?: RetryPolicy;
  relay?: Partial<RelayOptions>;
  /** How long inbox rows are kept (default DEFAULT_INBOX_RETENTION_MS). */
  inboxRetentionMs?: number;
  /** The keys for stored secrets, injectable as `SecretKeys` (required by `needsSecretKeys`). */
  secretKeys?: SecretKeys;
  /** For the service's `configure` (required when it has one). */
  setup?: ServiceSetup;
}

export interface RunningService {
  name: ServiceName;
  /** The Nest application: HTTP (health) with the microservice connected, or the microservice alone. */
  app: INestApplicationContext;
  dataSource: DataSource;
  relay: OutboxRelay;
  server: BalanseServer;
  readiness: ReadinessCheck[];
  close(): Promise<void>;
}

const RELAY_DEFAULTS: RelayOptions = {
  pollMs: 250,
  markMs: 100,
  batchSize: 100,
  retentionMs: 24 * 3600_000,
};

/**
 * Opens the service's database (migrated, seeded) and runs its Nest microservice on the
 * BalanseServer strategy over `infra`'s transports. With `http`, a Nest HTTP app serves /health
 * and /ready and has the microservice connected (the caller then listens on its port). The
 * outbox relay is started by the caller (`relay.start()`), once every consumer exists.
 */
export async function createService(
  def: ServiceDefinition,
  storage: StorageTarget,
  infra: ServiceInfra,
  options: { http: boolean; logger?: LoggerService | LogLevel[] | false },
): Promise<RunningService> {
  if (def.needsSecretKeys && !infra.secretKeys)
    throw new Error(`${def.name} stores secrets encrypted and needs secret keys`);
  if (def.configure && !infra.setup) throw new Error(`${def.name} needs its setup to configure`);
  const configured = def.configure ? await def.configure(infra.setup!) : [];
  const dataSource = await openServiceDataSource({
    storage,
    entities: [...messagingEntities, ...def.entities],
    migrations: [...messagingMigrations, ...def.migrations],
  });
  await def.seed?.(dataSource);
  const relay = new OutboxRelay(
    dataSource,
    infra.events,
    { ...RELAY_DEFAULTS, ...infra.relay },
    def.name,
  );
  const inbox = new InboxPruner(
    dataSource,
    infra.inboxRetentionMs ?? DEFAULT_INBOX_RETENTION_MS,
    def.name,
  );
  const uow = new UnitOfWork(dataSource, `/balanse/${def.name}`, (rows) => relay.kick(rows));
  const deadLetters = new DeadLetters(dataSource);
  const server = new BalanseServer({
    service: def.name,
    commands: infra.commands,
    events: infra.events,
    uow,
    deadLetters,
    retry: infra.retry,
  });
  const readiness: ReadinessCheck[] = [
    {
      name: `${def.name}:database`,
      check: async () => (await dataSource.query('SELECT 1 AS ok')).length === 1,
    },
    { name: `${def.name}:events`, check: async () => infra.events.healthy() },
    { name: `${def.name}:commands`, check: async () => infra.commands.healthy() },
  ];
  const messaging = MessagingModule.forService({
    dataSource,
    uow,
    deadLetters,
    consumer: server.consumer,
  });
  const appOptions = { logger: options.logger, abortOnError: false };
  let app: INestApplication | INestMicroservice;
  if (options.http) {
    const http = await NestFactory.create(
      hostModule(def, messaging, infra.secretKeys, configured, readiness),
      appOptions,
    );
    withMessageEnhancers(
      http.connectMicroservice({ strategy: server }, { deferInitialization: true }),
    );
    await http.init();
    await http.startAllMicroservices();
    app = http;
  } else {
    const microservice = await NestFactory.createMicroservice(
      hostModule(def, messaging, infra.secretKeys, configured),
      {
        ...appOptions,
        strategy: server,
      },
    );
    withMessageEnhancers(microservice);
    await microservice.listen();
    app = microservice;
  }
  inbox.start();
  return {
    name: def.name,
    app,
    dataSource,
    relay,
    server,
    readiness,
    close: async () => {
      await inbox.stop();
      await relay.stop();
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/** Pipes, the error filter and (at debug level) the timing interceptor for message handlers. */
function withMessageEnhancers(microservice: INestMicroservice): void {
  microservice.useGlobalPipes(new ContractPayloadPipe());
  microservice.useGlobalFilters(new RpcErrorsFilter());
  withTiming(microservice);
}

function hostModule(
  def: ServiceDefinition,
  messaging: DynamicModule,
  secretKeys: SecretKeys | undefined,
  configured: Provider[],
  health?: ReadinessCheck[],
): DynamicModule {
  @Module({})
  class ServiceHostModule {}
  return {
    module: ServiceHostModule,
    imports: [
      messaging,
      ...(secretKeys ? [secretKeysModule(secretKeys)] : []),
      ...(configured.length > 0 ? [configuredModule(configured)] : []),
      def.module,
      ...(health ? [HealthModule.with(health)] : []),
    ],
  };
}

/** What the service's `configure` gave, for every module of the service (global). */
function configuredModule(providers: Provider[]): DynamicModule {
  @Global()
  @Module({})
  class ServiceConfigModule {}
  return {
    module: ServiceConfigModule,
    providers,
    exports: providers.map((p) => (typeof p === 'function' ? p : p.provide)),
  };
}

/** `SecretKeys` for every module of the service (global: a feature module injects it directly). */
function secretKeysModule(keys: SecretKeys): DynamicModule {
  @Global()
  @Module({})
  class SecretKeysModule {}
  return {
    module: SecretKeysModule,
    providers: [{ provide: SecretKeys, useValue: keys }],
    exports: [SecretKeys],
  };
}
