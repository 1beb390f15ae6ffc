import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { DataSource } from 'typeorm';
import {
  Command,
  DomainError,
  ErrorCode,
  type EventDefinition,
  type ServiceName,
} from '@balanse/contracts';
import { DeadLetters } from '../dead-letters/dead-letters';
import { EventConsumer, defaultRetryPolicy, type RetryPolicy } from '../inbox/event-consumer';
import { OutboxRelay, type RelayOptions } from '../outbox/outbox-relay';
import { UnitOfWork, type OutboxRow } from '../outbox/unit-of-work';
import type { CommandTransport, EventTransport } from '../transport/transport';
import { CommandDispatcher } from './command-dispatcher';
import {
  COMMAND_HANDLER,
  EVENT_HANDLER,
  type CommandHandlerMeta,
  type CommandInput,
} from './decorators';

export interface MessagingOptions {
  service: ServiceName;
  dataSource: DataSource;
  events: EventTransport;
  commands: CommandTransport;
  retry?: RetryPolicy;
  relay?: Partial<RelayOptions>;
  /** Deliveries handled at once per consumer. */
  consumerConcurrency?: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/**
 * Wires a service to its database and the buses: finds `@OnCommand` and `@OnEvent` methods in
 * the service's providers, serves the commands, subscribes the consumers, and runs the outbox
 * relay once `start()` is called (the embedded launcher starts relays after every consumer exists).
 */
@Injectable()
export class MessagingRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: Logger;
  readonly relay: OutboxRelay;
  readonly consumer: EventConsumer;
  private readonly dispatcher: CommandDispatcher;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    readonly uow: UnitOfWork,
    readonly deadLetters: DeadLetters,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {
    this.log = new Logger(`${options.service}:messaging`);
    this.relay = relayFor(options);
    this.consumer = new EventConsumer(
      uow,
      deadLetters,
      options.retry ?? defaultRetryPolicy,
      options.service,
    );
    this.dispatcher = new CommandDispatcher(options.service);
  }

  async onApplicationBootstrap(): Promise<void> {
    const { service, events, commands } = this.options;
    const subscriptions: Array<{
      durable: string;
      definition: EventDefinition;
      fn: (...a: never[]) => Promise<void>;
    }> = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method] as (...args: never[]) => Promise<unknown>;
        const command = Reflect.getMetadata(COMMAND_HANDLER, fn) as CommandHandlerMeta | undefined;
        if (command)
          this.dispatcher.register(
            command,
            fn.bind(instance) as (i: CommandInput<unknown>) => Promise<unknown>,
          );
        const definition = Reflect.getMetadata(EVENT_HANDLER, fn) as EventDefinition | undefined;
        if (definition) {
          const durable = `${service}--${definition.type.replace(/^balanse\./, '').replace(/\./g, '-')}`;
          subscriptions.push({
            durable,
            definition,
            fn: fn.bind(instance) as (...a: never[]) => Promise<void>,
          });
        }
      }
    }
    this.registerDeadLetterCommands();
    for (const sub of subscriptions) {
      const onDelivery = this.consumer.register(sub.durable, sub.definition, sub.fn as never);
      await events.subscribe(
        {
          durable: sub.durable,
          type: sub.definition.type,
          concurrency: this.options.consumerConcurrency ?? 16,
        },
        onDelivery,
      );
    }
    await commands.serve(service, (subject, message) => this.dispatcher.dispatch(subject, message));
    this.log.log(
      `serving commands; consuming ${subscriptions.map((s) => s.definition.type).join(', ') || 'no events'}`,
    );
  }

  /** Starts publishing the outbox. */
  start(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }

  private registerDeadLetterCommands(): void {
    this.dispatcher.register({ name: Command.deadLetters.list }, async ({ context }) =>
      this.deadLetters.list(context.tenantId),
    );
    this.dispatcher.register({ name: Command.deadLetters.replay }, async ({ context, params }) => {
      const id = params['id'] ?? '';
      const found =
        /^[0-9a-f-]{36}$/i.test(id) &&
        (await this.consumer.replay(context.tenantId, id)) === 'replayed';
      if (!found) throw DomainError.notFound(ErrorCode.DEAD_LETTER_NOT_FOUND, 'dead letter', id);
      return { id, replayed: true };
    });
  }
}

function relayFor(options: MessagingOptions): OutboxRelay {
  const relay: RelayOptions = {
    pollMs: 250,
    markMs: 100,
    batchSize: 100,
    retentionMs: 24 * 3600_000,
    ...options.relay,
  };
  return new OutboxRelay(options.dataSource, options.events, relay, options.service);
}

@Global()
@Module({})
export class MessagingModule {
  static forService(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: DataSource, useValue: options.dataSource },
        { provide: DeadLetters, useFactory: () => new DeadLetters(options.dataSource) },
        {
          provide: UnitOfWork,
          // The relay is created by the runtime; the unit of work kicks it through this late binding.
          useFactory: () =>
            new UnitOfWork(options.dataSource, `/balanse/${options.service}`, (rows) =>
              relayKick.get(options)?.(rows),
            ),
        },
        {
          provide: MessagingRuntime,
          useFactory: (
            uow: UnitOfWork,
            dl: DeadLetters,
            discovery: DiscoveryService,
            scanner: MetadataScanner,
          ) => {
            const runtime = new MessagingRuntime(options, uow, dl, discovery, scanner);
            relayKick.set(options, (rows) => runtime.relay.kick(rows));
            return runtime;
          },
          inject: [UnitOfWork, DeadLetters, DiscoveryService, MetadataScanner],
        },
      ],
      exports: [DataSource, UnitOfWork, DeadLetters, MessagingRuntime, MESSAGING_OPTIONS],
    };
  }
}

const relayKick = new WeakMap<MessagingOptions, (rows: OutboxRow[]) => void>();
