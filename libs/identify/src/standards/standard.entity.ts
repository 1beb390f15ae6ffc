import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { OutcomeCategory } from '@balanse/contracts';

export interface LearningOutcome {
  id: string;
  code: string;
  statement: string;
  /** kunnskap (knowledge), ferdigheter (skills) or generell kompetanse (general competence). */
  category: OutcomeCategory;
}
export interface CompetenceArea {
  id: string;
  title: string;
  outcomes: LearningOutcome[];
}
export interface Cluster {
  id: string;
  title: string;
  areas: CompetenceArea[];
}

/** Standards everyone may read (the seeded national examples) belong to this pseudo-tenant. */
export const SHARED_TENANT = '_shared';

/**
 * A competence standard (kompetansestandard): clusters → competence areas → learning outcomes.
 * Stored as one document: a standard version is written once and read whole.
 */
@Entity('standard')
export class Standard {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text') code: string;
  @Column('text') version: string;
  @Column('text') title: string;
  @Column('int', { name: 'nqf_level', nullable: true }) nqfLevel: number | null;
  @Column('text', { nullable: true }) sector: string | null;
  @Column('jsonb') clusters: Cluster[];
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

export function outcomesOf(standard: Pick<Standard, 'clusters'>): LearningOutcome[] {
  return standard.clusters.flatMap((c) => c.areas.flatMap((a) => a.outcomes));
}
