import { Logger, type INestApplication } from '@nestjs/common';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { NatsCommandTransport, NatsEventTransport, retryPolicy } from '@balanse/messaging';
import { redact } from '@balanse/persistence';
import { ConfigError, loadEnv, redactPasswords } from './env';
import { listenOrExit } from './listen';
import { createService, type ServiceDefinition } from './service-host';
import { logLevels } from '@balanse/contracts';
import { checkServiceEnv, commandLimits, hoursToMs, ServiceEnv } from './service-env';
import { guardProcess } from './process-guards';
import { natsSecurityFromEnv, type NatsSecurity } from './nats-security';
import { secretKeysFromEnv } from './secrets-key-env';

/**
 * Connects as `app` (`gateway`, `identify`, …). Replies to this process's requests (commands,
 * the JetStream API, event deliveries) come to inboxes under `_INBOX.<app>`, so a locked-down
 * server can let each user read its own replies and nobody else's (deploy/nats/nats.conf).
 */
export async function connectNats(
  url: string,
  app: string,
  security: NatsSecurity = {},
): Promise<NatsConnection> {
  const servers = url.split(',').map((s) => s.trim().replace(/^nats:\/\//, ''));
  // A tls:// URL without CA files still insists on TLS (verified against the system's CAs).
  const tls = security.tls ?? (/^tls:\/\//.test(url.trim()) ? {} : undefined);
  // noAsyncTraces: no stack captured per request (a measurable cost at hundreds of requests per second).
  const nc = await connect({
    servers,
    name: `balanse-${app}`,
    inboxPrefix: `_INBOX.${app}`,
    ...security,
    tls,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    noAsyncTraces: true,
  });
  void logRefusals(nc, new Logger(`${app}:nats`));
  return nc;
}

/** What the server refuses (a permission violation names only the subject) goes to the log. */
async function logRefusals(nc: NatsConnection, log: Logger): Promise<void> {
  for await (const status of nc.status()) {
    if (status.type === 'error') log.error(`NATS: ${status.error.message}`);
  }
}

/**
 * Starts one service as its own process: validated environment, NATS, its PostgreSQL database
 * (created and migrated if needed), /health and /ready on PORT, and a clean stop on SIGTERM.
 */
export async function runServiceProcess(def: ServiceDefinition): Promise<void> {
  const log = new Logger(def.name);
  const env = exitOnConfigError(() => checkServiceEnv(loadEnv(ServiceEnv)));
  guardProcess(def.name);
  const security = exitOnConfigError(() => natsSecurityFromEnv());
  const secretKeys = def.needsSecretKeys ? exitOnConfigError(() => secretKeysFromEnv()) : undefined;
  const nc = await connectNats(env.NATS_URL, def.name, security);
  const events = new NatsEventTransport(nc, {
    replicas: env.NATS_STREAM_REPLICAS,
    ackWaitMs: env.BALANSE_ACK_WAIT_MS,
    duplicateWindowMs: 120_000,
    limits: {
      maxAgeMs: hoursToMs(env.NATS_STREAM_MAX_AGE_HOURS),
      maxBytes: env.NATS_STREAM_MAX_BYTES,
      discard: env.NATS_STREAM_DISCARD,
    },
  });
  await events.start();
  const commands = new NatsCommandTransport(nc, commandLimits(env));
  const service = await createService(
    def,
    { kind: 'postgres', url: env.DATABASE_URL },
    {
      events,
      commands,
      retry: retryPolicy(env.BALANSE_MAX_ATTEMPTS),
      relay: { maxInFlight: env.BALANSE_RELAY_MAX_IN_FLIGHT },
      inboxRetentionMs: hoursToMs(env.BALANSE_INBOX_RETENTION_HOURS),
      secretKeys,
      setup: { mode: 'distributed', env: process.env },
    },
    { http: true, logger: logLevels(env.LOG_LEVEL) },
  ).catch((err: unknown) => {
    exitOn(err);
    throw err;
  });
  await listenOrExit(service.app as INestApplication, env.PORT);
  service.relay.start();
  log.log(
    `${def.name} ready on port ${env.PORT}, database ${redact(env.DATABASE_URL)}, NATS ${redactPasswords(env.NATS_URL)}`,
  );
  onStop(async () => {
    log.log('stopping');
    await commands.close();
    await events.close();
    await service.close();
    await nc.drain();
  });
}

/** Runs `stop` once on SIGTERM/SIGINT, then exits; gives up after 15 s (a second signal exits at once). */
export function onStop(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = () => {
    if (stopping) process.exit(1);
    stopping = true;
    setTimeout(() => {
      console.error('stop took longer than 15 s; exiting');
      process.exit(1);
    }, 15_000).unref();
    stop()
      .catch((err: Error) => console.error(err))
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}

export function exitOnConfigError<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    exitOn(err);
    throw err;
  }
}

/** A ConfigError (a service's `configure` rejects with one) ends the process with its message. */
function exitOn(err: unknown): void {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78); // EX_CONFIG
  }
}
