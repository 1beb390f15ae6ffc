import { createServer, type Server } from 'node:http';
import { pollUntil, waitForReady } from './status';

describe('the status helper', () => {
  it('polls until the probe answers, and returns its answer', async () => {
    let calls = 0;
    const found = await pollUntil(
      async () => (++calls === 3 ? 'there' : undefined),
      () => 'never',
      { pollMs: 1 },
    );
    expect({ found, calls }).toEqual({ found: 'there', calls: 3 });
  });

  it('gives up after its deadline, saying what it last saw', async () => {
    await expect(
      pollUntil(
        async (seen) => {
          seen('phase document');
          return undefined;
        },
        (last) => `still ${last}`,
        { timeoutMs: 30, pollMs: 5 },
      ),
    ).rejects.toThrow('still phase document');
  });

  describe('waitForReady', () => {
    let server: Server;
    let url: string;
    let ready = false;
    beforeAll(async () => {
      server = createServer((req, res) => {
        res.statusCode = req.url === '/ready' && ready ? 200 : 503;
        res.end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('waits for /ready to answer 200', async () => {
      setTimeout(() => (ready = true), 150);
      await expect(waitForReady(url, { timeoutMs: 5_000, pollMs: 20 })).resolves.toBeUndefined();
    });

    it('stops waiting at once when the process it waits for has exited', async () => {
      ready = false;
      const started = Date.now();
      await expect(
        waitForReady(url, { timeoutMs: 5_000, alive: () => false, name: 'identify' }),
      ).rejects.toThrow('identify exited');
      expect(Date.now() - started).toBeLessThan(1_000);
    });
  });
});
