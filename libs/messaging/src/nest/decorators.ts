import { SetMetadata } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';
import type { CommandContext, EventDefinition } from '@balanse/contracts';

export const COMMAND_HANDLER = 'balanse:command-handler';
export const EVENT_HANDLER = 'balanse:event-handler';

export interface CommandHandlerMeta {
  name: string;
  body?: ClassConstructor<object>;
}

/** What a command handler receives: the validated body, path parameters, query and context. */
export interface CommandInput<B = undefined> {
  context: CommandContext;
  params: Record<string, string>;
  query: Record<string, string>;
  body: B;
}

/** Marks a method as the handler of one command of this service (`Command.<service>.*`). */
export const OnCommand = (name: string, body?: ClassConstructor<object>) =>
  SetMetadata<string, CommandHandlerMeta>(COMMAND_HANDLER, { name, body });

/** Marks a method as a consumer of one event type; it runs inside the inbox transaction. */
export const OnEvent = (definition: EventDefinition) => SetMetadata(EVENT_HANDLER, definition);
