import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { EvidenceKind } from '@balanse/contracts';

/**
 * A case's evidence portfolio (dokumentasjon): opened by `case.identified`, closed when complete.
 * Keyed by tenant and case id, so a case id claimed in another tenant cannot block this one.
 */
@Entity('portfolio')
export class Portfolio {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId: string;
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId: string;
  @Column('uuid', { name: 'standard_id' }) standardId: string;
  @Column('uuid', { name: 'candidate_ref' }) candidateRef: string;
  @Column('jsonb', { name: 'outcome_ids' }) outcomeIds: string[];
  /** Every outcome of the standard, passed on to assess; `[]` if opened before it was carried. */
  @Column('jsonb', { name: 'standard_outcome_ids' }) standardOutcomeIds: string[];
  /** The standard's version the case pins; null if opened before it was carried. */
  @Column('text', { name: 'standard_version', nullable: true }) standardVersion: string | null;
  @Column('text') status: 'open' | 'complete';
  @CreateDateColumn({ type: 'timestamptz', name: 'opened_at' }) openedAt: Date;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt: Date | null;
}

/** One piece of evidence (an attestation, work sample, diploma, log…) linked to outcomes. */
@Entity('evidence')
export class Evidence {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('text') kind: EvidenceKind;
  @Column('text') title: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('jsonb', { name: 'outcome_ids' }) outcomeIds: string[];
  @Column('text', { nullable: true }) issuer: string | null;
  @Column('date', { name: 'period_from', nullable: true }) periodFrom: string | null;
  @Column('date', { name: 'period_to', nullable: true }) periodTo: string | null;
  @Column('int', { name: 'position_percent', nullable: true }) positionPercent: number | null;
  @Column('jsonb') tasks: string[];
  @Column('text', { name: 'added_by' }) addedBy: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'added_at' }) addedAt: Date;
}
