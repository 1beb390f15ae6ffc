import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import type { LogLevel } from '@nestjs/common';
import type { CommandMessage, CommandReply } from '@balanse/contracts';
import { createGatewayApp, type GatewayOptions } from '@balanse/gateway';
import { bytesOver, requestTooLarge, type CommandRequestOptions } from '@balanse/messaging';
import { guardProcess, listen, PortError, type ReadinessCheck } from '@balanse/runtime';

/** What the embedded launcher hands the gateway's thread. */
export interface GatewayThreadData {
  port: number;
  host: string;
  adminToken: string;
  commandTimeoutMs: number;
  /** The in-process bus's max payload, which the gateway's body limit follows. */
  maxPayloadBytes: number;
  /** The cap of a call opted in as large. */
  maxLargeMessageBytes: number;
  /** Names of the services' readiness checks; the launcher runs them when asked. */
  checks: string[];
  logger: LogLevel[] | false;
}

/** Thread → launcher. */
export type FromGateway =
  | {
      kind: 'request';
      id: number;
      subject: string;
      message: string;
      timeoutMs: number;
      large?: boolean;
    }
  | { kind: 'check'; id: number; name: string }
  /** The process's metrics live on the main thread, where the services run. */
  | { kind: 'metrics'; id: number }
  | { kind: 'listening'; port: number }
  | { kind: 'failed'; error: string; /** a PortError's one line */ portError?: string }
  | { kind: 'closed' };

/** Launcher → thread. */
export type ToGateway =
  | { kind: 'reply'; id: number; /** the CommandReply as JSON */ reply: string }
  | { kind: 'checked'; id: number; ok: boolean }
  | { kind: 'metrics'; id: number; text: string }
  | { kind: 'close' };

/**
 * The embedded mode's gateway, in a worker thread of its own: HTTP parsing, routing, validation
 * and JSON run here, beside the services on the main thread. Commands cross to the services as
 * one message each way, serialised here (as they would be for NATS).
 */
async function main(port: NonNullable<typeof parentPort>, data: GatewayThreadData) {
  // An error escaping here would end the thread, and with it the process (see embedded.ts).
  guardProcess('gateway', { metrics: false });
  const pending = new Map<number, (value: never) => void>();
  let next = 1;
  const ask = <T>(msg: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve) => {
      const id = next++;
      pending.set(id, resolve as (value: never) => void);
      port.postMessage({ ...msg, id });
    });

  // The gateway only sends: one message to the launcher, which answers from the services. A
  // command too large for the bus is answered here, as NatsCommandTransport answers it. A call
  // opted in as large crosses whole, up to the large cap.
  const commands: GatewayOptions['commands'] = {
    request: async (
      subject: string,
      message: CommandMessage,
      timeoutMs: number,
      options?: CommandRequestOptions,
    ) => {
      const json = JSON.stringify(message);
      const large = options?.large === true;
      const limit = large ? data.maxLargeMessageBytes : data.maxPayloadBytes;
      const bytes = bytesOver(json, limit);
      if (bytes) return requestTooLarge(bytes, limit, large);
      const reply = await ask<string>({
        kind: 'request',
        subject,
        message: json,
        timeoutMs,
        ...(large ? { large } : {}),
      });
      return JSON.parse(reply) as CommandReply;
    },
  };
  const readiness: ReadinessCheck[] = data.checks.map((name) => ({
    name,
    check: () => ask<boolean>({ kind: 'check', name }),
  }));

  const app = await createGatewayApp(
    {
      commands,
      adminToken: data.adminToken,
      commandTimeoutMs: data.commandTimeoutMs,
      maxPayloadBytes: data.maxPayloadBytes,
      readiness,
      metrics: () => ask<string>({ kind: 'metrics' }),
    },
    data.logger,
  );
  port.on('message', (msg: ToGateway) => {
    if (msg.kind === 'close') {
      void app.close().finally(() => {
        port.postMessage({ kind: 'closed' } satisfies FromGateway);
        port.close();
      });
      return;
    }
    const resolve = pending.get(msg.id);
    pending.delete(msg.id);
    resolve?.(
      (msg.kind === 'reply' ? msg.reply : msg.kind === 'metrics' ? msg.text : msg.ok) as never,
    );
  });
  await listen(app, data.port, data.host);
  const address = app.getHttpServer().address() as { port: number };
  port.postMessage({ kind: 'listening', port: address.port } satisfies FromGateway);
}

if (parentPort) {
  const port = parentPort;
  main(port, workerData as GatewayThreadData).catch((err: Error) =>
    port.postMessage({
      kind: 'failed',
      error: err.stack ?? String(err),
      portError: err instanceof PortError ? err.message : undefined,
    } satisfies FromGateway),
  );
}
