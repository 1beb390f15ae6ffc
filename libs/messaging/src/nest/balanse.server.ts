import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import {
  COMMAND_PREFIX,
  ErrorCode,
  EVENT_OWNERS,
  ownerSource,
  validatePayload,
  type CommandMessage,
  type CommandReply,
  type ServiceName,
} from '@balanse/contracts';
import type { DeadLetters } from '../dead-letters/dead-letters';
import type { DomainEvent } from '../events/domain-event';
import { EventConsumer } from '../inbox/event-consumer';
import { retryPolicy, type RetryPolicy } from '../inbox/retry-policy';
import type { Tx, UnitOfWork } from '../outbox/unit-of-work';
import type { CommandTransport, EventTransport } from '../transport/transport';
import { idempotencyScope } from '../idempotency/idempotency';
import { ArrivalWait } from './arrival-wait';
import { CommandContextShape, EventContext } from './contexts';
import { isErrorBody, toErrorBody } from './rpc-errors.filter';

export interface BalanseServerOptions {
  service: ServiceName;
  /** NATS request/reply (distributed) or the in-process bus (embedded). */
  commands: CommandTransport;
  /** JetStream (distributed) or the in-process bus (embedded). */
  events: EventTransport;
  uow: UnitOfWork;
  deadLetters: DeadLetters;
  retry?: RetryPolicy;
  /** Deliveries handled at once per consumer. */
  consumerConcurrency?: number;
  /** Which service publishes each event (default EVENT_OWNERS; tests add their own events). */
  owners?: Readonly<Record<string, string>>;
}

/**
 * The services' transport strategy. `@MessagePattern` handlers answer commands and queries on
 * `balanse.cmd.<service>.<pattern>` (queue group per service, so replicas share the load);
 * `@EventPattern(<event type>)` handlers each get a durable consumer of their event type and run
 * inside the inbox transaction (effects, inbox row and outbox rows commit together; ack after
 * commit; envelopes checked first; bounded redelivery, then a dead letter). Which wire carries them is the transports'
 * business: NATS and JetStream in the distributed mode, the in-process bus in the embedded one.
 */
export class BalanseServer extends Server implements CustomTransportStrategy {
  readonly consumer: EventConsumer;
  private readonly arrivals = new ArrivalWait();
  private readonly log: Logger;
  private readonly prefix: string;

  constructor(private readonly options: BalanseServerOptions) {
    super();
    this.log = new Logger(`${options.service}:server`);
    this.prefix = `${COMMAND_PREFIX}.${options.service}.`;
    this.consumer = new EventConsumer(
      options.uow,
      options.deadLetters,
      options.retry ?? retryPolicy(),
      options.service,
      (event) => this.arrivals.arrived(event.tenantId, event.subject),
    );
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    const { service, events, commands } = this.options;
    try {
      const consumed: string[] = [];
      for (const [type, handler] of this.messageHandlers) {
        if (!handler.isEventHandler) continue;
        const durable = `${service}--${type.replace(/^balanse\./, '').replace(/\./g, '-')}`;
        const source = ownerSource(type, this.options.owners ?? EVENT_OWNERS);
        if (!source) throw new Error(`no owner known for event type ${type} (EVENT_OWNERS)`);
        const onDelivery = this.consumer.register(
          durable,
          { type, source },
          (event, tx) => this.runEvent(handler, event, tx),
          // `@EventPattern(type, { idempotent: true })`: see HandlerOptions.
          { idempotent: handler.extras?.['idempotent'] === true },
        );
        await events.subscribe(
          {
            durable,
            type,
            concurrency: this.options.consumerConcurrency ?? 16,
            maxDeliver: this.consumer.maxDeliveries,
          },
          onDelivery,
        );
        consumed.push(type);
      }
      await commands.serve(service, (subject, message) => this.runCommand(subject, message));
      this.log.log(`serving commands; consuming ${consumed.join(', ') || 'no events'}`);
      callback();
    } catch (err) {
      callback(err);
    }
  }

  /** The transports are shared by every service of the process; their owner closes them. */
  close(): void {}

  on(): never {
    throw new Error('BalanseServer has no events to listen to');
  }

  /** Our patterns are plain strings; Nest's default tries JSON.parse on each (and throws). */
  protected override getRouteFromPattern(pattern: string): string {
    return pattern;
  }

  unwrap<T>(): T {
    return { commands: this.options.commands, events: this.options.events } as T;
  }

  private async runCommand(subject: string, message: CommandMessage): Promise<CommandReply> {
    const pattern = subject.startsWith(this.prefix) ? subject.slice(this.prefix.length) : subject;
    const handler = this.getHandlerByPattern(pattern);
    try {
      if (!handler || handler.isEventHandler) {
        return fail(404, ErrorCode.NOT_FOUND, `${this.options.service} has no command ${pattern}`);
      }
      const context = validatePayload(CommandContextShape, message?.context);
      const data = isObject(message?.data) ? message.data : {};
      const handle = async () =>
        lastValueFrom(this.transformToObservable(await handler(data, context)), {
          defaultValue: null,
        });
      // Under an Idempotency-Key the handler's unit of work claims the key (see UnitOfWork.run).
      const { idempotency } = context;
      const run = idempotency
        ? () =>
            idempotencyScope.run(
              { ...idempotency, tenantId: context.tenantId, settled: false },
              handle,
            )
        : handle;
      const result = context.awaitCase
        ? await this.arrivals.retry(context.tenantId, context.awaitCase, run)
        : await run();
      return { ok: true, data: result ?? null };
    } catch (err) {
      // Errors from handlers arrive as bodies already (RpcErrorsFilter); the rest are ours.
      return { ok: false, error: isErrorBody(err) ? err : toErrorBody(err, this.log) };
    }
  }

  private async runEvent(handler: MessageHandler, event: DomainEvent, tx: Tx): Promise<void> {
    const result: unknown = await handler(event.data, new EventContext(event, tx));
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }
}

function fail(status: number, code: ErrorCode, message: string): CommandReply {
  return { ok: false, error: { status, code, message } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
