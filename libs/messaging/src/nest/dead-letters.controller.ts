import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { Command, DomainError, ErrorCode, type CommandContext } from '@balanse/contracts';
import { DeadLetters } from '../dead-letters/dead-letters';
import { EventConsumer } from '../inbox/event-consumer';
import { IdPipe } from './pipes';

/** Every service answers these about its own dead letters. */
@Controller()
export class DeadLettersController {
  constructor(
    private readonly deadLetters: DeadLetters,
    private readonly consumer: EventConsumer,
  ) {}

  @MessagePattern(Command.deadLetters.list)
  list(@Ctx() ctx: CommandContext) {
    return this.deadLetters.list(ctx.tenantId);
  }

  @MessagePattern(Command.deadLetters.replay)
  async replay(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    if ((await this.consumer.replay(ctx.tenantId, id)) === 'not_found')
      throw DomainError.notFound(ErrorCode.DEAD_LETTER_NOT_FOUND, 'dead letter', id);
    return { id, replayed: true };
  }
}
