import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';

/** The port cannot be had; the message is the one line a person needs to act on it. */
export class PortError extends Error {
  override name = 'PortError';
}

const PORT_PROBLEMS: Record<string, (port: number) => string> = {
  EADDRINUSE: (port) => `PORT ${port} is already in use; set PORT to a free port`,
  EACCES: (port) => `PORT ${port} needs privileges this process lacks; set PORT to 1024 or above`,
};

/**
 * `app.listen`, with a port that cannot be had thrown as a one-line PortError. Listens on the
 * HTTP server itself: Nest's own `listen` logs the raw error first, which is the stack-trace-like
 * noise this avoids.
 */
export async function listen(app: INestApplication, port: number, host?: string): Promise<void> {
  await app.init();
  const server = app.getHttpServer() as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((err: NodeJS.ErrnoException) => {
    const problem = PORT_PROBLEMS[err.code ?? ''];
    throw problem ? new PortError(problem(port)) : err;
  });
}

/** `listen`, or print the PortError's line and exit 1: what a process's main() wants. */
export async function listenOrExit(
  app: INestApplication,
  port: number,
  host?: string,
): Promise<void> {
  try {
    await listen(app, port, host);
  } catch (err) {
    if (!(err instanceof PortError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}
