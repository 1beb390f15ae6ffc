import { Controller, Injectable } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { CaseOpened, CaseOpenedV1, type RecipientHashV1 } from '@balanse/contracts';
import type { EventContext } from '@balanse/messaging';

/** Each case's recipient, only as the salted hash identify sends on `case.opened` (read by `CredentialRepository.issuing`). */
@Injectable()
export class Recipients {
  async store(manager: EntityManager, tenantId: string, caseId: string, r: RecipientHashV1) {
    await manager.query(
      `INSERT INTO case_recipient (tenant_id, case_id, identity_hash, salt, identity_type)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [tenantId, caseId, r.identityHash, r.salt, r.identityType],
    );
  }
}

@Controller()
export class RecipientEvents {
  constructor(private readonly recipients: Recipients) {}

  /** Cases opened before identify sent the hash have none: their credential hashes the case. */
  // One INSERT … ON CONFLICT DO NOTHING of a fact that never changes: no inbox needed.
  @EventPattern(CaseOpened.type, { idempotent: true })
  opened(@Payload() data: CaseOpenedV1, @Ctx() { tx }: EventContext) {
    if (!data.recipient) return;
    return this.recipients.store(tx.manager, tx.tenantId, data.caseId, data.recipient);
  }
}
