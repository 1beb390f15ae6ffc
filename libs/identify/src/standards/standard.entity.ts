import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { OutcomeCategory } from '@balanse/contracts';

/** Bokmål and English. */
export interface Localized {
  nb: string;
  en: string;
}
export interface EducationLink {
  programme?: string;
  course?: string;
  credits?: number;
  curriculumAim?: string;
}
export interface LearningOutcome {
  id: string;
  code: string;
  statement: Localized;
  /** kunnskap (knowledge), ferdigheter (skills) or generell kompetanse (general competence). */
  category: OutcomeCategory;
  mandatory: boolean;
  /** NKR level 1-8 and the EQF level it is referenced to (the same number). */
  nkrLevel: number | null;
  eqfLevel: number | null;
  escoSkills: string[];
  education: EducationLink[];
}
export interface CompetenceArea {
  id: string;
  title: Localized;
  outcomes: LearningOutcome[];
}
export interface Cluster {
  id: string;
  title: Localized;
  areas: CompetenceArea[];
}
export interface Owner {
  name: string;
  orgNumber?: string;
}

/** Standards everyone may read (the seeded national examples) belong to this pseudo-tenant. */
export const SHARED_TENANT = '_shared';

/** draft: may change; published: immutable, the one cases get by default; superseded: a newer one is published. */
export type VersionStatus = 'draft' | 'published' | 'superseded';

/** A competence standard (kompetansestandard): what stays across its versions. */
@Entity('standard')
export class StandardRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text') code: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

/**
 * One version of a standard: clusters → competence areas → learning outcomes, stored as one
 * document (a version is read whole). Outcome ids carry over from version to version.
 */
@Entity('standard_version')
export class StandardVersionRecord {
  @PrimaryColumn('uuid', { name: 'standard_id' }) standardId: string;
  @PrimaryColumn('int') version: number;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text') status: VersionStatus;
  @Column('jsonb') title: Localized;
  @Column('jsonb', { nullable: true }) description: Localized | null;
  @Column('jsonb', { nullable: true }) owner: Owner | null;
  @Column('int', { name: 'nqf_level', nullable: true }) nqfLevel: number | null;
  @Column('text', { nullable: true }) sector: string | null;
  @Column('jsonb') clusters: Cluster[];
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
}

/** A version of a standard, as it is read: the standard's id and code with the version's content. */
export type Standard = Omit<StandardVersionRecord, 'standardId'> & { id: string; code: string };

export function outcomesOf(standard: Pick<Standard, 'clusters'>): LearningOutcome[] {
  return standard.clusters.flatMap((c) => c.areas.flatMap((a) => a.outcomes));
}
