import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A credential issued for a case: the full standard, or a partial certificate
 * (kompetansebevis) listing the outcomes met. `document` is the credential exactly as issued:
 * an Open Badges 3.0 AchievementCredential with an eddsa-rdfc-2022 proof (credentials issued
 * before signing came keep their unsigned document and have no status slot).
 */
@Entity('credential')
export class Credential {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('uuid', { name: 'standard_id' }) standardId: string;
  @Column('text') kind: 'full' | 'partial';
  /** The outcomes it covers: those met. */
  @Column('jsonb', { name: 'outcome_ids' }) outcomeIds: string[];
  /** Every outcome of the standard; `[]` for a credential issued before they were carried. */
  @Column('jsonb', { name: 'standard_outcome_ids' }) standardOutcomeIds: string[];
  /** The standard's version the case pinned; null for credentials issued before it was carried. */
  @Column('text', { name: 'standard_version', nullable: true }) standardVersion: string | null;
  @Column('timestamptz', { name: 'issued_at' }) issuedAt: Date;
  @Column('jsonb') document: Record<string, unknown>;
  /** The status lists' slot (revocation and suspension alike); null before signing came. */
  @Column('int', { name: 'status_list', nullable: true }) statusList: number | null;
  @Column('int', { name: 'status_index', nullable: true }) statusIndex: number | null;
  /** The recipient as the credential has it (`sha256$…`); never the identifier itself. */
  @Column('text', { name: 'recipient_hash', nullable: true }) recipientHash: string | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  @Column('text', { name: 'revocation_reason', nullable: true }) revocationReason: string | null;
  @Column('timestamptz', { name: 'suspended_at', nullable: true }) suspendedAt: Date | null;
  @Column('text', { name: 'suspension_reason', nullable: true }) suspensionReason: string | null;
}
