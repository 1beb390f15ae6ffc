import { Controller, Injectable } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { CaseDocumented, CaseDocumentedV2, type EvidenceRefV1 } from '@balanse/contracts';
import type { EventContext } from '@balanse/messaging';

/** Each case's evidence as a credential cites it: ids and SHA-256 digests, never content (read by `CredentialRepository.issuing`). */
@Injectable()
export class EvidenceRefs {
  async store(manager: EntityManager, tenantId: string, caseId: string, refs: EvidenceRefV1[]) {
    await manager.query(
      `INSERT INTO case_evidence (tenant_id, case_id, evidence) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [tenantId, caseId, JSON.stringify(refs)],
    );
  }
}

@Controller()
export class EvidenceRefEvents {
  constructor(private readonly refs: EvidenceRefs) {}

  /** Cases documented before document sent references have none on their credential. */
  // One INSERT … ON CONFLICT DO NOTHING of a fact that never changes: no inbox needed.
  @EventPattern(CaseDocumented.type, { idempotent: true })
  documented(@Payload() data: CaseDocumentedV2, @Ctx() { tx }: EventContext) {
    if (!data.evidence?.length) return;
    return this.refs.store(tx.manager, tx.tenantId, data.caseId, data.evidence);
  }
}
