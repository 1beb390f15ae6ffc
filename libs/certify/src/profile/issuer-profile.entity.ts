import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A tenant's issuer profile (Open Badges `Profile`): how its credentials name their issuer. */
@Entity('issuer_profile')
export class IssuerProfile {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text') name: string;
  @Column('text') url: string;
  @Column('text', { nullable: true }) image: string | null;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
