import { execSync } from 'node:child_process';

/**
 * Integration tests talk to real NATS JetStream and PostgreSQL. `NATS_URL` and `DATABASE_URL`
 * (a server URL; tests create their own databases on it) win when set, as in CI. Otherwise, where
 * a Docker engine answers, testcontainers starts both; else the local servers on the usual ports.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env['NATS_URL'] && process.env['DATABASE_URL']) return;
  if (dockerAvailable()) {
    process.env['TESTCONTAINERS_RYUK_DISABLED'] ??= 'true';
    const { GenericContainer, Wait } = await import('testcontainers');
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const [pg, nats] = await Promise.all([
      new PostgreSqlContainer('postgres:16')
        .withUsername('postgres')
        .withPassword('postgres')
        .start(),
      new GenericContainer('nats:2.10')
        .withCommand(['-js'])
        .withExposedPorts(4222)
        .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
        .start(),
    ]);
    process.env['DATABASE_URL'] = pg.getConnectionUri();
    process.env['NATS_URL'] = `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`;
    (globalThis as Record<string, unknown>)['__containers'] = [pg, nats];
    return;
  }
  process.env['DATABASE_URL'] ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  process.env['NATS_URL'] ??= 'nats://127.0.0.1:4222';
}

function dockerAvailable(): boolean {
  if (process.env['BALANSE_TEST_DOCKER'] === 'false') return false;
  try {
    execSync('docker info', { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}
