import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  Command,
  DEFAULT_PAGE_LIMIT,
  DeadLetterQueryDto,
  DiscardDeadLetterDto,
  DomainError,
  ErrorCode,
  ReplayDeadLettersDto,
  type CommandContext,
} from '@balanse/contracts';
import { DeadLetters } from '../dead-letters/dead-letters';
import { EventConsumer, type ReplayOutcome } from '../inbox/event-consumer';
import { IdPipe } from './pipes';

/**
 * Every service answers these about its own dead letters. The tenant is the caller's, or the one
 * the list names (`tenant`; `_invalid` for events that named no valid tenant).
 */
@Controller()
export class DeadLettersController {
  constructor(
    private readonly deadLetters: DeadLetters,
    private readonly consumer: EventConsumer,
  ) {}

  @MessagePattern(Command.deadLetters.list)
  list(@Ctx() ctx: CommandContext, @Payload('body') query: DeadLetterQueryDto) {
    return this.deadLetters.list({
      tenantId: query.tenant ?? ctx.tenantId,
      type: query.type,
      from: query.from,
      to: query.to,
      limit: query.limit ?? DEFAULT_PAGE_LIMIT,
      cursor: query.cursor,
    });
  }

  @MessagePattern(Command.deadLetters.replay)
  async replay(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    const result = await this.consumer.replay(ctx.tenantId, id, ctx.actor);
    if (result.outcome === 'not_found')
      throw DomainError.notFound(ErrorCode.DEAD_LETTER_NOT_FOUND, 'dead letter', id);
    if (result.outcome === 'failed')
      throw new DomainError(422, ErrorCode.REPLAY_FAILED, `replay failed: ${result.reason}`, {
        id,
        reason: result.reason,
      });
    return { id, replayed: true };
  }

  /** One answer per id, in the order asked; one failing does not stop the others. */
  @MessagePattern(Command.deadLetters.replayMany)
  async replayMany(@Ctx() ctx: CommandContext, @Payload('body') body: ReplayDeadLettersDto) {
    const results: Array<{ id: string } & ReplayOutcome> = [];
    for (const id of body.ids.map((i) => i.toLowerCase()))
      results.push({ id, ...(await this.consumer.replay(ctx.tenantId, id, ctx.actor)) });
    return { results };
  }

  @MessagePattern(Command.deadLetters.discard)
  async discard(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('body') body: DiscardDeadLetterDto,
  ) {
    if (
      !(await this.deadLetters.discard(
        body.tenant ?? ctx.tenantId,
        id,
        body.reason.trim(),
        ctx.actor,
      ))
    )
      throw DomainError.notFound(ErrorCode.DEAD_LETTER_NOT_FOUND, 'dead letter', id);
    return { id, discarded: true };
  }
}
