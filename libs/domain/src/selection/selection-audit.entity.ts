import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_ACTIONS = [
  'call.created',
  'call.updated',
  'reviewer.added',
  'reviewer.removed',
  'assignment.added',
  'application.submitted',
  'application.nominated',
  'application.withdrawn',
  'interview.scheduled',
  'conflict.declared',
  'score.submitted',
  'override.set',
  'override.cleared',
  'run.previewed',
  'run.committed',
  'decision',
  'enrollment.completed',
  'enrollment.failed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Who did what to a call and when: scores, overrides, decisions... Append-only, written in the
 * same transaction as the change; no foreign keys so the record outlives what it talks about.
 */
@Entity({ name: 'selection_audit' })
@Index(['callId', 'id'])
@Index(['applicationId'])
export class SelectionAudit {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'call_id', type: 'uuid' })
  callId!: string;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId!: string | null;

  /** null: the system (e.g. an enrolment finished on the organizer's behalf). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 40 })
  action!: AuditAction;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  details!: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
