import {
  ApiClient,
  AppProcess,
  databaseUrlFor,
  dropDatabases,
  resetEventStream,
  testServers,
  uniqueName,
} from '@balanse/testing';

export const TEST_TOKEN = 'integration-test-token-0123456789';
export const SERVICE_APPS = ['identify', 'document', 'assess', 'certify'] as const;

export interface Stack {
  api: ApiClient;
  gateway: AppProcess;
  services: Record<(typeof SERVICE_APPS)[number], AppProcess>;
  stop(): Promise<void>;
}

/**
 * The distributed mode for tests: the built apps (`dist/apps/<app>/main.js`) as separate
 * processes, each service with a fresh PostgreSQL database, all on a freshly reset event stream.
 */
export async function startStack(extraEnv: Record<string, string> = {}): Promise<Stack> {
  const { natsUrl } = testServers();
  const prefix = uniqueName('bt');
  // Below Linux's ephemeral range (32768-60999): a service restarted on its port must not find it
  // taken by some process's outgoing connection meanwhile.
  const basePort = 21000 + Math.floor(Math.random() * 1600) * 5;
  await resetEventStream();
  const databases = SERVICE_APPS.map((s) => `${prefix}_${s}`);
  const services = Object.fromEntries(
    SERVICE_APPS.map((s, i) => [
      s,
      new AppProcess(s, basePort + 1 + i, {
        NATS_URL: natsUrl,
        DATABASE_URL: databaseUrlFor(databases[i]),
        BALANSE_ACK_WAIT_MS: '3000',
        ...extraEnv,
      }),
    ]),
  ) as Stack['services'];
  const gateway = new AppProcess('gateway', basePort, {
    NATS_URL: natsUrl,
    BALANSE_ADMIN_TOKEN: TEST_TOKEN,
    ...extraEnv,
  });
  await Promise.all(Object.values(services).map((s) => s.start()));
  await gateway.start();
  return {
    api: new ApiClient(gateway.url, TEST_TOKEN),
    gateway,
    services,
    stop: async () => {
      await Promise.all([gateway, ...Object.values(services)].map((p) => p.kill('SIGTERM')));
      await dropDatabases(databases);
    },
  };
}
