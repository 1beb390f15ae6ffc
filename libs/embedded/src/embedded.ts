import { Logger, type INestApplication, type LoggerService, type LogLevel } from '@nestjs/common';
import { join } from 'node:path';
import { assessService } from '@balanse/assess';
import { certifyService } from '@balanse/certify';
import { documentService } from '@balanse/document';
import { createGatewayApp } from '@balanse/gateway';
import { identifyService } from '@balanse/identify';
import {
  InProcessCommandTransport,
  InProcessEventTransport,
  type RetryPolicy,
} from '@balanse/messaging';
import { createService, type RunningService } from '@balanse/runtime';

export interface EmbeddedOptions {
  /** Folder for the services' PGlite databases; `memory://` keeps everything in memory. */
  dataDir: string;
  port: number;
  /** Interface to listen on; 0.0.0.0 in a container. */
  host?: string;
  adminToken: string;
  logger?: LoggerService | LogLevel[] | false;
  retry?: RetryPolicy;
}

export interface Embedded {
  url: string;
  app: INestApplication;
  services: RunningService[];
  events: InProcessEventTransport;
  close(): Promise<void>;
}

export const EMBEDDED_SERVICES = [identifyService, documentService, assessService, certifyService];

/**
 * Every service in this process: each with its own PGlite database (same migrations as
 * PostgreSQL) and its own Nest container, joined by the in-process bus; the gateway on `port`.
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<Embedded> {
  const events = new InProcessEventTransport();
  const commands = new InProcessCommandTransport();
  const services: RunningService[] = await Promise.all(
    EMBEDDED_SERVICES.map((def) => {
      const dir = options.dataDir === 'memory://' ? 'memory://' : join(options.dataDir, def.name);
      return createService(
        def,
        { kind: 'pglite', dir },
        { events, commands, retry: options.retry, relay: { pollMs: 500 } },
        { http: false, logger: options.logger },
      );
    }),
  );
  // Relays start only when every consumer is subscribed: the in-process bus keeps no backlog.
  for (const s of services) s.runtime.start();
  const app = await createGatewayApp(
    {
      commands,
      adminToken: options.adminToken,
      commandTimeoutMs: 10_000,
      readiness: services.flatMap((s) => s.readiness),
    },
    options.logger,
  );
  await app.listen(options.port, options.host ?? '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${address.port}`;
  new Logger('embedded').log(`all services running in one process; API at ${url}/api/v1`);
  return {
    url,
    app,
    services,
    events,
    close: async () => {
      await app.close();
      for (const s of services) await s.runtime.relay.stop();
      await events.close();
      await commands.close();
      for (const s of services) await s.close();
    },
  };
}
