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
  description?: Localized;
  extensions?: Extensions;
}
/**
 * A competence area (kompetanseområde). Areas may hold areas: frameworks imported from elsewhere
 * are often deeper than Balansemodellen's three levels, and keep their tree.
 */
export interface CompetenceArea {
  id: string;
  code?: string;
  title: Localized;
  description?: Localized;
  outcomes: LearningOutcome[];
  areas?: CompetenceArea[];
  extensions?: Extensions;
}
export interface Cluster {
  id: string;
  code?: string;
  title: Localized;
  description?: Localized;
  areas: CompetenceArea[];
  extensions?: Extensions;
}
/** What an exchange format says that the model has no field for; see `extensions` in the contracts. */
export type Extensions = Record<string, unknown>;
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
  @Column('jsonb', { nullable: true }) extensions: Extensions | null;
  /** Kept with the clusters (StandardRepository), for lists: areas nest, so SQL cannot count them simply. */
  @Column('int', { name: 'outcome_count' }) outcomeCount: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
}

/** A version of a standard, as it is read: the standard's id and code with the version's content. */
export type Standard = Omit<StandardVersionRecord, 'standardId'> & { id: string; code: string };

/** Every area of the clusters, at any depth, depth first in document order. */
export function areasOf(clusters: readonly Cluster[]): CompetenceArea[] {
  const out: CompetenceArea[] = [];
  const visit = (areas: readonly CompetenceArea[]) => {
    for (const a of areas) {
      out.push(a);
      if (a.areas) visit(a.areas);
    }
  };
  for (const c of clusters) visit(c.areas);
  return out;
}

/** The learning outcomes in document order. */
export function outcomesOf(standard: Pick<Standard, 'clusters'>): LearningOutcome[] {
  return areasOf(standard.clusters).flatMap((a) => a.outcomes);
}
