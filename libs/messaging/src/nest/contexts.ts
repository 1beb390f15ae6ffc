import { Type } from 'class-transformer';
import {
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  IDEMPOTENCY_KEY_PATTERN,
  TENANT_PATTERN,
  type CommandContext,
  type IdempotencyClaim,
} from '@balanse/contracts';
import type { DomainEvent } from '../events/domain-event';
import type { Tx } from '../outbox/unit-of-work';

/** The gateway's claim of an Idempotency-Key (see `CommandContext.idempotency`). */
class IdempotencyClaimShape implements IdempotencyClaim {
  @Matches(IDEMPOTENCY_KEY_PATTERN) key: string;
  @Matches(/^[0-9a-f]{64}$/) requestHash: string;
}

/** The command context as it arrives on the bus, checked before any handler sees it. */
export class CommandContextShape implements CommandContext {
  @Matches(TENANT_PATTERN) tenantId: string;
  @IsString() @MaxLength(200) actor: string;
  @IsString() @MaxLength(200) correlationId: string;
  @IsOptional() @IsUUID() awaitCase?: string;
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => IdempotencyClaimShape)
  idempotency?: IdempotencyClaimShape;
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
