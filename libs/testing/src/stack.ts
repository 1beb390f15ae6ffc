import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from './api-client';
import { AppProcess, freePort, type EchoMode } from './processes';
import {
  databaseUrlFor,
  dropDatabases,
  resetEventStream,
  testServers,
  uniqueName,
} from './servers';

export const SERVICE_APPS = ['identify', 'document', 'assess', 'certify', 'statistics'] as const;
export type ServiceApp = (typeof SERVICE_APPS)[number];

/** The processes of a stack by name: `embedded`, or `gateway` and one per service. */
export type StackProcessName = 'embedded' | 'gateway' | ServiceApp;

export const TEST_TOKEN = 'integration-test-token-0123456789';

export interface StackOptions {
  /**
   * `embedded`: one `node dist/apps/embedded/main.js` (every service, PGlite, in-process bus).
   * `distributed`: `node dist/apps/<app>/main.js` for the gateway and each service, over the test
   * servers' NATS JetStream (the event stream reset first) and a fresh PostgreSQL database each.
   */
  mode: 'embedded' | 'distributed';
  /** Environment for every process, on top of the harness's (LOG_LEVEL=warn, ports, URLs). */
  env?: Record<string, string>;
  /** Distributed: environment for one process on top of `env` (its NATS user, say). */
  processEnv?: Partial<Record<StackProcessName, Record<string, string>>>;
  /** Bearer token (default TEST_TOKEN). */
  token?: string;
  /** Embedded: the PGlite folder, kept; by default a fresh temp folder that `stop()` removes. */
  dataDir?: string;
  /** What the processes' output does besides being kept (default `all`, see EchoMode). */
  echo?: EchoMode;
  /**
   * Per process: 180 s embedded (a first start creates four PGlite databases: 10-25 s on a
   * developer machine, a minute on a busy 2-core runner), else 60 s.
   */
  startTimeoutMs?: number;
  /**
   * Distributed: servers of the test's own instead of the test servers (private ones a fault
   * test restarts, a locked-down NATS). A NATS of its own must be fresh: its stream is not reset.
   */
  servers?: { natsUrl?: string; databaseUrl?: string };
  /** Distributed: the services to run beside the gateway (default all; the statistics bench runs one). */
  services?: readonly ServiceApp[];
  /** Distributed: a database name per service to use instead of a fresh one (the bench's `--reuse`). */
  databaseNames?: Partial<Record<ServiceApp, string>>;
  /** Distributed: leave the databases when the stack stops (the bench's `--keep`). */
  keepDatabases?: boolean;
}

export interface Stack {
  mode: StackOptions['mode'];
  /** The API's origin, e.g. http://127.0.0.1:23456 (the API is under /api/v1). */
  url: string;
  token: string;
  api: ApiClient;
  /** Started processes; none for a stack attached with `attachStack`. */
  processes: Partial<Record<StackProcessName, AppProcess>>;
  /** Distributed: each service's database URL (e.g. to count rows in a test). */
  databases: Partial<Record<ServiceApp, string>>;
  /** One process; throws if the stack has none of that name. */
  process(name: StackProcessName): AppProcess;
  /** Sends `signal` (SIGKILL, a crash, by default) and waits for the exit. */
  kill(name: StackProcessName, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped process again on its port and data; waits until it is ready. */
  start(name: StackProcessName): Promise<void>;
  /** Stops (SIGTERM, or `signal`) and starts again. */
  restart(name: StackProcessName, signal?: NodeJS.Signals): Promise<void>;
  /** Everything the processes printed, each line prefixed with its process. */
  logs(): string;
  /** Stops every process and removes what the stack created (databases, temp folder). */
  stop(): Promise<void>;
}

/** The one way tests and the benchmark start Balanse. */
export async function startStack(options: StackOptions): Promise<Stack> {
  return options.mode === 'embedded' ? startEmbeddedStack(options) : startDistributedStack(options);
}

/** A stack that is already running somewhere (the benchmark's `--url`): nothing to start or stop. */
export function attachStack(url: string, token: string): Stack {
  return makeStack('distributed', url, token, {}, async () => {});
}

async function startEmbeddedStack(options: StackOptions): Promise<Stack> {
  const token = options.token ?? TEST_TOKEN;
  const tempDir = options.dataDir ? undefined : await mkdtemp(join(tmpdir(), 'balanse-embedded-'));
  const embedded = new AppProcess(
    'embedded',
    await freePort(),
    {
      BALANSE_DATA_DIR: options.dataDir ?? tempDir!,
      HOST: '127.0.0.1',
      BALANSE_ADMIN_TOKEN: token,
      ...options.env,
    },
    { echo: options.echo, startTimeoutMs: options.startTimeoutMs ?? 180_000 },
  );
  const cleanup = async () => {
    await embedded.stop();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };
  try {
    await embedded.start();
  } catch (err) {
    await cleanup();
    throw err;
  }
  return makeStack('embedded', embedded.url, token, { embedded }, cleanup);
}

async function startDistributedStack(options: StackOptions): Promise<Stack> {
  const token = options.token ?? TEST_TOKEN;
  const natsUrl = options.servers?.natsUrl ?? testServers().natsUrl;
  const databaseUrl = options.servers?.databaseUrl ?? testServers().databaseUrl;
  const services = options.services ?? SERVICE_APPS;
  const prefix = uniqueName('bt');
  const databases = services.map((s) => options.databaseNames?.[s] ?? `${prefix}_${s}`);
  const urls = Object.fromEntries(
    services.map((s, i) => [s, databaseUrlFor(databases[i]!, databaseUrl)]),
  );
  if (!options.servers?.natsUrl) await resetEventStream(); // a test's own server is fresh
  const settings = { echo: options.echo, startTimeoutMs: options.startTimeoutMs };
  const processes: Partial<Record<StackProcessName, AppProcess>> = {};
  const gatewayPort = await freePort();
  for (const service of services) {
    processes[service] = new AppProcess(
      service,
      await freePort(),
      {
        NATS_URL: natsUrl,
        DATABASE_URL: urls[service]!,
        BALANSE_ACK_WAIT_MS: '3000',
        // Certify writes it into credentials (did:web, verification links): the gateway's.
        BALANSE_PUBLIC_URL: `http://localhost:${gatewayPort}`,
        ...options.env,
        ...options.processEnv?.[service],
      },
      settings,
    );
  }
  const gateway = new AppProcess(
    'gateway',
    gatewayPort,
    {
      NATS_URL: natsUrl,
      BALANSE_ADMIN_TOKEN: token,
      ...options.env,
      ...options.processEnv?.gateway,
    },
    settings,
  );
  processes.gateway = gateway;
  const cleanup = async () => {
    await Promise.all(Object.values(processes).map((p) => p.stop()));
    if (!options.keepDatabases) await dropDatabases(databases, databaseUrl);
  };
  try {
    await Promise.all(services.map((s) => processes[s]!.start()));
    await gateway.start();
  } catch (err) {
    await cleanup();
    throw err;
  }
  return makeStack('distributed', gateway.url, token, processes, cleanup, urls);
}

function makeStack(
  mode: Stack['mode'],
  url: string,
  token: string,
  processes: Stack['processes'],
  cleanup: () => Promise<void>,
  databases: Stack['databases'] = {},
): Stack {
  const one = (name: StackProcessName) => {
    const p = processes[name];
    if (!p) throw new Error(`this ${mode} stack has no process ${name}`);
    return p;
  };
  let stopped: Promise<void> | undefined;
  return {
    mode,
    url,
    token,
    api: new ApiClient(url, token),
    processes,
    databases,
    process: one,
    kill: (name, signal = 'SIGKILL') => one(name).kill(signal),
    start: (name) => one(name).start(),
    restart: (name, signal) => one(name).restart(signal),
    logs: () =>
      Object.values(processes)
        .flatMap((p) => (p.log() ? p.log().split('\n') : []).map((l) => `[${p.name}] ${l}`))
        .join('\n'),
    stop: () => (stopped ??= cleanup()),
  };
}
