import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CaseResult, Phase } from '@balanse/contracts';

/** The person being validated. Only identify stores who they are; other services see `id` only. */
@Entity('candidate')
export class Candidate {
  /** Pseudonymous reference used in events (`candidateRef`). */
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  /** The employer's own id for the person (HR system). */
  @Column('text', { name: 'external_id' }) externalId: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) email: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

/** A validation case (sak): one candidate against one standard version, through the four phases. */
@Entity('competence_case')
export class CaseRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'candidate_id' }) candidateId: string;
  @Column('uuid', { name: 'standard_id' }) standardId: string;
  /** The published version of the standard the case was opened on; it keeps it. */
  @Column('int', { name: 'standard_version' }) standardVersion: number;
  @Column('text') phase: Phase;
  @Column('text', { nullable: true }) result: CaseResult | null;
  @Column('jsonb', { name: 'outcome_ids' }) outcomeIds: string[];
  /** The candidate's own rating per outcome, 0 (none) to 4 (expert). */
  @Column('jsonb', { name: 'self_assessment' }) selfAssessment: Record<string, number>;
  /** The competence need the case serves, if any. */
  @Column('uuid', { name: 'need_id', nullable: true }) needId: string | null;
  /** The workplace's NACE code and county number, for statistics. */
  @Column('text', { nullable: true }) sector: string | null;
  @Column('text', { nullable: true }) region: string | null;
  /** The employer's view of the candidate per outcome, 0 (none) to 4 (expert). */
  @Column('jsonb', { name: 'employer_view' }) employerView: Record<string, number>;
  @CreateDateColumn({ type: 'timestamptz', name: 'opened_at' }) openedAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

/** One step in a case's history, from whichever phase it happened in. */
@Entity('case_history')
export class CaseHistoryEntry {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('timestamptz') at: Date;
  @Column('text') phase: Phase;
  @Column('text') event: string;
  @Column('text') actor: string;
  @Column('jsonb') detail: Record<string, unknown>;
}
