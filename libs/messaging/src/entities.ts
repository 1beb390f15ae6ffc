import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** Events written in the same transaction as the state change that caused them. */
@Entity('outbox')
export class OutboxRecord {
  @PrimaryColumn('uuid') id: string;
  /** Publishing order. */
  @Column({
    type: 'bigint',
    generated: 'identity',
    generatedIdentity: 'ALWAYS',
    insert: false,
    update: false,
  })
  seq: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text') type: string;
  @Column('jsonb') envelope: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
}

/** Events a consumer has handled; written with the handler's effect, so a redelivery is a no-op. */
@Entity('inbox')
export class InboxRecord {
  @PrimaryColumn('text') consumer: string;
  @PrimaryColumn('uuid', { name: 'event_id' }) eventId: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'handled_at' }) handledAt: Date;
}

/** An event a consumer gave up on, with its last error; listed and replayed through the API. */
@Entity('dead_letter')
@Index(['consumer', 'eventId'], { unique: true })
export class DeadLetter {
  @PrimaryColumn('uuid') id: string;
  @Column('text') consumer: string;
  @Column('uuid', { name: 'event_id' }) eventId: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text') type: string;
  @Column('jsonb') envelope: Record<string, unknown>;
  @Column('text') error: string;
  @Column('int') attempts: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

export const messagingEntities = [OutboxRecord, InboxRecord, DeadLetter];
