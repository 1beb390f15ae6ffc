import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import type { CommandMessage, ErrorBody } from '@balanse/contracts';
import type { CommandRequestOptions } from '../transport/large-messages';
import type { CommandTransport } from '../transport/transport';

/** An error answer from a service, passed to the HTTP client as it is. */
export class ServiceError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message);
  }
}

/** A command's subject with how it travels: `send({ subject, large: true }, message)`. */
export interface CommandRoute extends CommandRequestOptions {
  subject: string;
}

/**
 * The gateway's ClientProxy for BalanseServer: `send(subject, message)` is one request/reply on
 * the same transport the services serve (NATS, the in-process bus, or the embedded gateway
 * thread's port). A service's error answer arrives as a ServiceError; an unreachable service as
 * the transport's 503, a slow one as its 504. A pattern that is a CommandRoute carries the call's
 * options (a large call) to the transport; a plain subject is an ordinary call. Events are never
 * sent from here: they go through the services' outboxes.
 */
export class BalanseClient extends ClientProxy {
  constructor(
    private readonly commands: Pick<CommandTransport, 'request'>,
    private readonly timeoutMs: number,
  ) {
    super();
  }

  async connect(): Promise<void> {}

  close(): void {}

  unwrap<T>(): T {
    return this.commands as T;
  }

  protected publish(packet: ReadPacket<CommandMessage>, callback: (p: WritePacket) => void) {
    const route = packet.pattern as string | CommandRoute;
    const sent =
      typeof route === 'string'
        ? this.commands.request(route, packet.data, this.timeoutMs)
        : this.commands.request(route.subject, packet.data, this.timeoutMs, {
            large: route.large,
          });
    sent.then(
      (reply) =>
        reply.ok
          ? callback({ response: reply.data, isDisposed: true })
          : callback({ err: new ServiceError(reply.error), isDisposed: true }),
      (err: unknown) => callback({ err, isDisposed: true }),
    );
    return () => undefined;
  }

  protected dispatchEvent(): Promise<never> {
    return Promise.reject(new Error('events are published through the outbox, not the client'));
  }
}
