import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CaseAssessed,
  CaseAssessedV2,
  CaseCertified,
  CaseCertifiedV1,
  CaseDocumented,
  CaseDocumentedV2,
  CaseIdentified,
  CaseIdentifiedV2,
  CaseOpened,
  CaseOpenedV1,
  CredentialRevoked,
  CredentialRevokedV1,
} from '@balanse/contracts';
import type { EventContext } from '@balanse/messaging';

/**
 * The anonymous fact row of each case (`case_fact`), one column group per event. Events of a
 * case arrive in any order on separate consumers, so each handler is one upsert that sets only
 * its own columns and marks the row dirty for the roller: idempotent by itself (a repeat writes
 * the same values), hence `idempotent: true` (no inbox row, no transaction). The row stays its
 * tenant's: an event of another tenant naming the same case changes nothing.
 *
 * Only what statistics need is kept: the candidate reference, the recipient hash and the evidence
 * never enter this database.
 */
@Controller()
export class CaseFactEvents {
  @EventPattern(CaseOpened.type, { idempotent: true })
  async opened(@Payload() d: CaseOpenedV1, @Ctx() { tx }: EventContext) {
    await tx.manager.query(
      `INSERT INTO case_fact AS f (case_id, tenant_id, standard_id, standard_version, need_id,
                                   sector, region, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (case_id) DO UPDATE SET
         standard_id = excluded.standard_id, standard_version = excluded.standard_version,
         need_id = COALESCE(excluded.need_id, f.need_id), sector = COALESCE(excluded.sector, f.sector),
         region = COALESCE(excluded.region, f.region), opened_at = excluded.opened_at, dirty = true
       WHERE f.tenant_id = excluded.tenant_id`,
      [
        d.caseId,
        tx.tenantId,
        d.standardId,
        d.standardVersion,
        d.needId ?? null,
        d.sector ?? null,
        d.region ?? null,
        d.openedAt,
      ],
    );
  }

  /** The case's dimensions as opened win; identification only fills what opening lacked. */
  @EventPattern(CaseIdentified.type, { idempotent: true })
  async identified(@Payload() d: CaseIdentifiedV2, @Ctx() { tx, event }: EventContext) {
    await tx.manager.query(
      `INSERT INTO case_fact AS f (case_id, tenant_id, standard_id, standard_version, need_id,
                                   sector, region, identified_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (case_id) DO UPDATE SET
         standard_id = COALESCE(f.standard_id, excluded.standard_id),
         standard_version = COALESCE(f.standard_version, excluded.standard_version),
         need_id = COALESCE(f.need_id, excluded.need_id), sector = COALESCE(f.sector, excluded.sector),
         region = COALESCE(f.region, excluded.region), identified_at = excluded.identified_at,
         dirty = true
       WHERE f.tenant_id = excluded.tenant_id`,
      [
        d.caseId,
        tx.tenantId,
        d.standardId,
        d.standardVersion,
        d.needId ?? null,
        d.sector ?? null,
        d.region ?? null,
        event.time,
      ],
    );
  }

  @EventPattern(CaseDocumented.type, { idempotent: true })
  async documented(@Payload() d: CaseDocumentedV2, @Ctx() { tx, event }: EventContext) {
    await this.stamp(tx.manager, 'documented_at', d.caseId, tx.tenantId, event.time);
  }

  /** The judgement of every outcome in scope; nothing met ends the case (not_certified). */
  @EventPattern(CaseAssessed.type, { idempotent: true })
  async assessed(@Payload() d: CaseAssessedV2, @Ctx() { tx, event }: EventContext) {
    await tx.manager.query(
      `INSERT INTO case_fact AS f (case_id, tenant_id, standard_id, assessed_at, decision, result,
                                   met, partly_met, not_met)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (case_id) DO UPDATE SET
         standard_id = COALESCE(f.standard_id, excluded.standard_id),
         assessed_at = excluded.assessed_at, decision = excluded.decision,
         result = COALESCE(f.result, excluded.result), met = excluded.met,
         partly_met = excluded.partly_met, not_met = excluded.not_met, dirty = true
       WHERE f.tenant_id = excluded.tenant_id`,
      [
        d.caseId,
        tx.tenantId,
        d.standardId,
        event.time,
        d.decision,
        d.decision === 'not_certified' ? 'not_certified' : null,
        d.met,
        d.partlyMet,
        d.notMet,
      ],
    );
  }

  @EventPattern(CaseCertified.type, { idempotent: true })
  async certified(@Payload() d: CaseCertifiedV1, @Ctx() { tx, event }: EventContext) {
    await tx.manager.query(
      `INSERT INTO case_fact AS f (case_id, tenant_id, certified_at, result, credential_id)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (case_id) DO UPDATE SET
         certified_at = excluded.certified_at, result = excluded.result,
         credential_id = excluded.credential_id, dirty = true
       WHERE f.tenant_id = excluded.tenant_id`,
      [d.caseId, tx.tenantId, event.time, d.result, d.credentialId],
    );
  }

  /** Revocation is final; suspension is not counted (a credential suspended is still issued). */
  @EventPattern(CredentialRevoked.type, { idempotent: true })
  async revoked(@Payload() d: CredentialRevokedV1, @Ctx() { tx }: EventContext) {
    await this.stamp(tx.manager, 'revoked_at', d.caseId, tx.tenantId, d.at);
  }

  private async stamp(
    manager: EventContext['tx']['manager'],
    column: 'documented_at' | 'revoked_at',
    caseId: string,
    tenantId: string,
    at: string,
  ) {
    await manager.query(
      `INSERT INTO case_fact AS f (case_id, tenant_id, ${column}) VALUES ($1, $2, $3)
       ON CONFLICT (case_id) DO UPDATE SET ${column} = excluded.${column}, dirty = true
       WHERE f.tenant_id = excluded.tenant_id`,
      [caseId, tenantId, at],
    );
  }
}
