import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A competence need (kompetansebehov, a role profile): how many people with which outcomes of
 * a standard, in which sector and region, by when. An employer's own, or shared (seeded).
 */
@Entity('competence_need')
export class Need {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text') title: string;
  @Column('uuid', { name: 'standard_id' }) standardId: string;
  @Column('int', { name: 'standard_version', nullable: true }) standardVersion: number | null;
  /** Null: every outcome of the standard. */
  @Column('jsonb', { name: 'outcome_ids', nullable: true }) outcomeIds: string[] | null;
  @Column('int', { name: 'people_min', nullable: true }) peopleMin: number | null;
  @Column('int', { name: 'people_max', nullable: true }) peopleMax: number | null;
  @Column('int', { name: 'skilled_share_min', nullable: true }) skilledShareMin: number | null;
  @Column('int', { name: 'skilled_share_max', nullable: true }) skilledShareMax: number | null;
  /** NACE Rev. 2 code. */
  @Column('text') sector: string;
  /** County number; null: national. */
  @Column('text', { nullable: true }) region: string | null;
  /** `YYYY-MM-DD` (a `date` column, read as text). */
  @Column('date', { name: 'needed_by' }) neededBy: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
