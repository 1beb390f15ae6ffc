import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A credential issued for a case: the full standard, or a partial certificate
 * (kompetansebevis) listing the outcomes met. `document` is the credential as issued; signing
 * (Open Badges 3.0 / VC 2.0 with an eddsa-rdfc-2022 proof) is added by a later change.
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
}
