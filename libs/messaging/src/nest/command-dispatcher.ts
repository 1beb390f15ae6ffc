import { Logger } from '@nestjs/common';
import { IsString, Matches, MaxLength } from 'class-validator';
import {
  COMMAND_PREFIX,
  DomainError,
  ErrorCode,
  validatePayload,
  type CommandMessage,
  type CommandReply,
  type ServiceName,
} from '@balanse/contracts';
import type { CommandHandlerMeta, CommandInput } from './decorators';

class ContextShape {
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/) tenantId: string;
  @IsString() @MaxLength(200) actor: string;
  @IsString() @MaxLength(200) correlationId: string;
}

type Handler = (input: CommandInput<unknown>) => Promise<unknown>;

/** Routes a service's commands to their handlers, validating context and body first. */
export class CommandDispatcher {
  private readonly log: Logger;
  private readonly handlers = new Map<string, { meta: CommandHandlerMeta; handle: Handler }>();

  constructor(private readonly service: ServiceName) {
    this.log = new Logger(`${service}:commands`);
  }

  register(meta: CommandHandlerMeta, handle: Handler): void {
    if (this.handlers.has(meta.name)) throw new Error(`command ${meta.name} registered twice`);
    this.handlers.set(meta.name, { meta, handle });
  }

  async dispatch(subject: string, message: CommandMessage): Promise<CommandReply> {
    const name = subject.slice(`${COMMAND_PREFIX}.${this.service}.`.length);
    try {
      const entry = this.handlers.get(name);
      if (!entry) throw new DomainError(404, ErrorCode.NOT_FOUND, `unknown command ${name}`);
      const context = validatePayload(ContextShape, message?.context);
      const body = entry.meta.body
        ? validatePayload(entry.meta.body, message.body ?? {})
        : undefined;
      const data = await entry.handle({
        context,
        params: message.params ?? {},
        query: message.query ?? {},
        body,
      });
      return { ok: true, data: data ?? null };
    } catch (err) {
      if (err instanceof DomainError) return { ok: false, error: err.toBody() };
      this.log.error(`command ${name} failed: ${(err as Error).stack ?? err}`);
      return {
        ok: false,
        error: {
          status: 500,
          code: ErrorCode.INTERNAL,
          message: 'internal error; see the service log',
        },
      };
    }
  }
}
