import { Logger, type LoggerService, type LogLevel } from '@nestjs/common';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { assessService } from '@balanse/assess';
import { certifyService } from '@balanse/certify';
import { statisticsService } from '@balanse/statistics';
import { documentService } from '@balanse/document';
import { identifyService } from '@balanse/identify';
import {
  InProcessCommandTransport,
  InProcessEventTransport,
  metrics,
  type CommandLimits,
  type RetryPolicy,
} from '@balanse/messaging';
import { EmbeddedDatabase } from '@balanse/persistence';
import {
  createService,
  PortError,
  type RunningService,
  type SecretsKeyConfig,
  type ServiceSetup,
} from '@balanse/runtime';
import type { FromGateway, GatewayThreadData, ToGateway } from './gateway-thread';
import { embeddedSecretKeys } from './secrets-key';

export interface EmbeddedOptions {
  /** Folder for the PGlite database (`<dataDir>/pglite`); `memory://` keeps everything in memory. */
  dataDir: string;
  port: number;
  /** Interface to listen on; 0.0.0.0 in a container. */
  host?: string;
  adminToken: string;
  logger?: LoggerService | LogLevel[] | false;
  retry?: RetryPolicy;
  /** Max payload, concurrent and queued commands per service (defaults as in the distributed mode). */
  commandLimits?: Partial<CommandLimits>;
  /** Deliveries the in-process bus holds at once before a publish waits. */
  maxPendingDeliveries?: number;
  /** Outbox rows each relay publishes at once. */
  relayMaxInFlight?: number;
  inboxRetentionMs?: number;
  /** Keys for stored secrets from the configuration; without a current one, the data folder's. */
  secretsKey?: SecretsKeyConfig;
}

export interface Embedded {
  url: string;
  close(): Promise<void>;
}

export const EMBEDDED_SERVICES = [
  identifyService,
  documentService,
  assessService,
  certifyService,
  statisticsService,
];

/**
 * Every service in this process: each with its own schema in one PGlite database (same
 * migrations as PostgreSQL) and its own Nest container, joined by the in-process bus; the
 * gateway on `port`.
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<Embedded> {
  const events = new InProcessEventTransport(options.maxPendingDeliveries);
  const commands = new InProcessCommandTransport(options.commandLimits);
  // Lines logged before the first Nest app exists (the secrets key) keep to the log level too.
  if (options.logger !== undefined) Logger.overrideLogger(options.logger);
  const secretKeys = await embeddedSecretKeys(options.dataDir, options.secretsKey);
  const database = await EmbeddedDatabase.open(options.dataDir);
  // The API's URL, known once the gateway listens: before any event is handled (relays start after).
  const api: { url?: string } = {};
  const setup: ServiceSetup = {
    mode: 'embedded',
    dataDir: options.dataDir,
    env: process.env,
    publicUrl: () => {
      if (!api.url) throw new Error('the public URL is not known before the gateway listens');
      return api.url;
    },
  };
  const services: RunningService[] = await Promise.all(
    EMBEDDED_SERVICES.map((def) => {
      return createService(
        def,
        { kind: 'pglite-schema', database, schema: def.name },
        {
          events,
          commands,
          retry: options.retry,
          relay: { pollMs: 500, maxInFlight: options.relayMaxInFlight },
          inboxRetentionMs: options.inboxRetentionMs,
          secretKeys,
          setup,
        },
        { http: false, logger: options.logger },
      );
    }),
  );
  const checks = services.flatMap((s) => s.readiness);
  const gateway = await startGatewayThread(
    {
      port: options.port,
      host: options.host ?? '127.0.0.1',
      adminToken: options.adminToken,
      commandTimeoutMs: 10_000,
      maxPayloadBytes: commands.maxPayloadBytes,
      maxLargeMessageBytes: commands.maxLargeMessageBytes,
      checks: checks.map((c) => c.name),
      logger: threadLogLevels(options.logger),
    },
    (msg) => {
      if (msg.kind === 'request')
        return commands
          .requestJson(
            msg.subject,
            msg.message,
            msg.timeoutMs,
            msg.large ? { large: true } : undefined,
          )
          .then((reply): ToGateway => ({ kind: 'reply', id: msg.id, reply }));
      if (msg.kind === 'metrics')
        return metrics.metrics().then((text): ToGateway => ({ kind: 'metrics', id: msg.id, text }));
      const check = checks.find((c) => c.name === msg.name);
      return (check ? check.check().catch(() => false) : Promise.resolve(false)).then(
        (ok): ToGateway => ({ kind: 'checked', id: msg.id, ok }),
      );
    },
  );
  const url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${gateway.port}`;
  api.url = `http://localhost:${gateway.port}`;
  // Relays start only when every consumer is subscribed (the in-process bus keeps no backlog)
  // and the public URL is known (certify writes it into credentials).
  for (const s of services) s.relay.start();
  new Logger('embedded').log(`all services running in one process; API at ${url}/api/v1`);
  return {
    url,
    close: async () => {
      await gateway.close();
      for (const s of services) await s.relay.stop();
      await events.close();
      await commands.close();
      for (const s of services) await s.close();
      await database.close();
    },
  };
}

/**
 * The gateway thread's log levels: the process's, without the route listing Nest prints at
 * start-up ('log'), which a thread's output would print after the launcher's banner.
 */
function threadLogLevels(logger: EmbeddedOptions['logger']): LogLevel[] | false {
  if (logger === false) return false;
  const levels: LogLevel[] = Array.isArray(logger) ? logger : ['error', 'warn', 'log'];
  return levels.filter((level) => level !== 'log');
}

/**
 * Starts the gateway in a worker thread (gateway-thread.ts) and answers its requests with
 * `answer`. From the TypeScript sources (tests) the thread compiles them as it loads them.
 */
async function startGatewayThread(
  data: GatewayThreadData,
  answer: (
    msg: Extract<FromGateway, { kind: 'request' | 'check' | 'metrics' }>,
  ) => Promise<ToGateway>,
): Promise<{ port: number; close(): Promise<void> }> {
  const file = join(__dirname, `gateway-thread${extname(__filename)}`);
  const worker = file.endsWith('.ts')
    ? new Worker(
        `require(${JSON.stringify(join(__dirname, '../../../tools/swc-register.cjs'))}); require(${JSON.stringify(file)});`,
        { eval: true, workerData: data },
      )
    : new Worker(file, { workerData: data });
  let closed: (() => void) | undefined;
  let running = false;
  const port = await new Promise<number>((resolve, reject) => {
    worker.on('message', (msg: FromGateway) => {
      if (msg.kind === 'listening') {
        running = true;
        resolve(msg.port);
      } else if (msg.kind === 'failed') {
        reject(
          msg.portError
            ? new PortError(msg.portError)
            : new Error(`gateway failed to start: ${msg.error}`),
        );
        void worker.terminate();
      } else if (msg.kind === 'closed') closed?.();
      else void answer(msg).then((reply) => worker.postMessage(reply));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      reject(new Error(`gateway thread exited (code ${code})`));
      if (!running) return;
      // Without its gateway the process serves nothing: stop, so that a supervisor restarts it.
      new Logger('embedded').error(`the gateway thread stopped (code ${code}); exiting`);
      process.exit(1);
    });
  });
  return {
    port,
    close: async () => {
      running = false;
      const done = new Promise<void>((resolve) => (closed = resolve));
      worker.postMessage({ kind: 'close' } satisfies ToGateway);
      await done;
      await worker.terminate();
    },
  };
}
