import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DomainEventType } from './domain-event.types';

/**
 * Outbox: written in the same transaction as the change it records, consumed later by the worker.
 * The worker marks `processed_at`; the partial index keeps the "what is left" scan cheap.
 */
@Entity({ name: 'domain_events' })
@Index('ix_domain_events_unprocessed', ['id'], { where: 'processed_at IS NULL' })
export class DomainEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  type!: DomainEventType;

  @Column({ name: 'aggregate_type', type: 'varchar', length: 32 })
  aggregateType!: string;

  @Index()
  @Column({ name: 'aggregate_id', type: 'uuid' })
  aggregateId!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;

  /** W3C traceparent of the request that recorded it (tracing on), so its consequences join its trace. */
  @Column({ name: 'trace_parent', type: 'varchar', length: 64, nullable: true })
  traceParent!: string | null;
}
