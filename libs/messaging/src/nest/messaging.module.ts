import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeadLetters } from '../dead-letters/dead-letters';
import { EventConsumer } from '../inbox/event-consumer';
import { UnitOfWork } from '../outbox/unit-of-work';
import { DeadLettersController } from './dead-letters.controller';

/** What a service's handlers may inject: its database, its unit of work (outbox), its dead letters. */
export interface MessagingProviders {
  dataSource: DataSource;
  uow: UnitOfWork;
  deadLetters: DeadLetters;
  consumer: EventConsumer;
}

@Global()
@Module({})
export class MessagingModule {
  static forService(p: MessagingProviders): DynamicModule {
    return {
      module: MessagingModule,
      controllers: [DeadLettersController],
      providers: [
        { provide: DataSource, useValue: p.dataSource },
        { provide: UnitOfWork, useValue: p.uow },
        { provide: DeadLetters, useValue: p.deadLetters },
        { provide: EventConsumer, useValue: p.consumer },
      ],
      exports: [DataSource, UnitOfWork, DeadLetters],
    };
  }
}
