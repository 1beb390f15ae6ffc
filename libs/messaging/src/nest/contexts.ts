import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { TENANT_PATTERN, type CommandContext } from '@balanse/contracts';
import type { DomainEvent } from '../events/domain-event';
import type { Tx } from '../outbox/unit-of-work';

/** The command context as it arrives on the bus, checked before any handler sees it. */
export class CommandContextShape implements CommandContext {
  @Matches(TENANT_PATTERN) tenantId: string;
  @IsString() @MaxLength(200) actor: string;
  @IsString() @MaxLength(200) correlationId: string;
  @IsOptional() @IsUUID() awaitCase?: string;
}

/**
 * What `@Ctx()` gives an `@EventPattern` handler: the event (its id, subject = case id, tenant,
 * time) and the inbox transaction its effects must be written in.
 */
export class EventContext<T = unknown> {
  constructor(
    readonly event: DomainEvent<T>,
    readonly tx: Tx,
  ) {}
}
