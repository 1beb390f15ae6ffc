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

/** An event a consumer gave up on, with why; listed, replayed and discarded through the API. */
@Entity('dead_letter')
@Index(['consumer', 'eventId'], { unique: true })
export class DeadLetter {
  @PrimaryColumn('uuid') id: string;
  @Column('text') consumer: string;
  /** Null when the event's id was not a UUID (the envelope keeps what it was). */
  @Column('uuid', { name: 'event_id', nullable: true }) eventId: string | null;
  /** The event's tenant, or INVALID_TENANT when it named none that is valid. */
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  /** The type the consumer handles. */
  @Column('text') type: string;
  @Column('jsonb') envelope: Record<string, unknown>;
  /** Why, as operators see it: a classification and a message, never a raw database error. */
  @Column('text') reason: string;
  @Column('int') attempts: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

/** What was done with a dead letter that is gone: replayed (successfully) or discarded, by whom. */
@Entity('dead_letter_audit')
export class DeadLetterAudit {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'dead_letter_id' }) deadLetterId: string;
  @Column('uuid', { name: 'event_id', nullable: true }) eventId: string | null;
  @Column('text') type: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text') action: 'replayed' | 'discarded';
  @Column('text') reason: string;
  @Column('text') actor: string;
  @CreateDateColumn({ type: 'timestamptz' }) at: Date;
}

export const messagingEntities = [OutboxRecord, InboxRecord, DeadLetter, DeadLetterAudit];
