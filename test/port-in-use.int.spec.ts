import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runToExit, testServers } from '@balanse/testing';

/** A port in use stops an app with one line naming PORT and exit code 1, not a stack trace. */
describe('a port in use', () => {
  let taken: Server;
  let port: number;

  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    port = (taken.address() as { port: number }).port;
  });
  afterAll(() => new Promise((resolve) => taken.close(resolve)));

  const oneLine = () => `PORT ${port} is already in use; set PORT to a free port\n`;

  it('stops the gateway with one line', async () => {
    const { code, output } = await runToExit('gateway', {
      PORT: String(port),
      NATS_URL: testServers().natsUrl,
      BALANSE_ADMIN_TOKEN: 'port-in-use-token-0123456789',
      LOG_LEVEL: 'error',
    });
    expect({ code, output }).toEqual({ code: 1, output: oneLine() });
  });

  it('stops the embedded mode with one line (its gateway listens in a worker thread)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'balanse-port-'));
    try {
      const { code, output } = await runToExit(
        'embedded',
        { PORT: String(port), BALANSE_DATA_DIR: dataDir, LOG_LEVEL: 'error' },
        120_000,
      );
      expect({ code, output }).toEqual({ code: 1, output: oneLine() });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 130_000);
});
