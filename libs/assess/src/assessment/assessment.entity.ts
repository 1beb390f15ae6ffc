import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Decision, Judgement } from '@balanse/contracts';

/**
 * The assessment (vurdering) of one case: opened by `case.documented`, closed by a decision.
 * Keyed by tenant and case id, so a case id claimed in another tenant cannot block this one.
 */
@Entity('assessment')
export class Assessment {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId: string;
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId: string;
  @Column('uuid', { name: 'standard_id' }) standardId: string;
  /** The outcomes in scope: each is judged. */
  @Column('jsonb', { name: 'outcome_ids' }) outcomeIds: string[];
  /** Every outcome of the standard: all must be met for `certified`; `[]` if unknown. */
  @Column('jsonb', { name: 'standard_outcome_ids' }) standardOutcomeIds: string[];
  /** The standard's version the case pins; null if opened before it was carried. */
  @Column('text', { name: 'standard_version', nullable: true }) standardVersion: string | null;
  @Column('text') status: 'open' | 'decided';
  @Column('text', { nullable: true }) decision: Decision | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'opened_at' }) openedAt: Date;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
}

/** An assessor's judgement of one learning outcome, with the reason. */
@Entity('outcome_judgement')
export class OutcomeJudgement {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId: string;
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId: string;
  @PrimaryColumn('uuid', { name: 'outcome_id' }) outcomeId: string;
  @Column('text') judgement: Judgement;
  @Column('text') rationale: string;
  @Column('text') assessor: string;
  @Column('timestamptz', { name: 'judged_at' }) judgedAt: Date;
}
