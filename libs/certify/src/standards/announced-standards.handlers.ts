import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { StandardAnnounced, StandardAnnouncedV1 } from '@balanse/contracts';
import type { EventContext } from '@balanse/messaging';
import { AnnouncedStandards } from './announced-standards';

/** `standard.announced`: keeps what credentials say about a standard's outcomes. */
@Controller()
export class AnnouncedStandardEvents {
  constructor(private readonly standards: AnnouncedStandards) {}

  // One INSERT … ON CONFLICT DO NOTHING of a part that never changes: no inbox needed.
  @EventPattern(StandardAnnounced.type, { idempotent: true })
  announced(@Payload() data: StandardAnnouncedV1, @Ctx() { tx }: EventContext) {
    return this.standards.store(tx.manager, tx.tenantId, data);
  }
}
