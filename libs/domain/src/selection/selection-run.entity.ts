import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { Application } from './application.entity';
import { Call, Quotas } from './call.entity';

export const OVERRIDE_DECISIONS = ['select', 'reject'] as const;
export type OverrideDecision = (typeof OVERRIDE_DECISIONS)[number];

/** An organizer's override of one application's outcome, with the reason on record. */
@Entity({ name: 'selection_overrides' })
@Check('ck_selection_overrides_decision', `decision IN ('select','reject')`)
export class SelectionOverride {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: Relation<Application>;

  @Index()
  @Column({ name: 'call_id', type: 'uuid' })
  callId!: string;

  @Column({ type: 'varchar', length: 8 })
  decision!: OverrideDecision;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export const RUN_STATUSES = ['preview', 'committed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type RunDecision = 'selected' | 'waitlisted' | 'rejected';

/** One application's outcome in a run (compact: runs of 20,000 applications stay small). */
export interface RunOutcome {
  /** application id */
  a: string;
  d: RunDecision;
  /** rank in the ranking (null: not ranked) */
  r: number | null;
  /** waitlist place */
  w: number | null;
  /** why: forced | rank | nominated_quota | region_quota | waitlist | override | insufficient_reviews */
  why: string;
}

export interface RunSummary {
  capacity: number;
  selected: number;
  waitlisted: number;
  rejected: number;
  nominatedSelected: number;
  selectedByRegion: Record<string, number>;
  warnings: string[];
}

/**
 * A selection computed from the ranking, the quotas and the overrides: a preview first, then
 * committed as a whole. At most one committed run per call (a partial unique index), so of two
 * concurrent commits exactly one wins.
 */
@Entity({ name: 'selection_runs' })
@Check('ck_selection_runs_status', `status IN ('preview','committed')`)
@Index('ux_selection_runs_committed', ['callId'], { unique: true, where: `status = 'committed'` })
export class SelectionRun {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'call_id', type: 'uuid' })
  callId!: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_id' })
  call?: Relation<Call>;

  @Column({ type: 'varchar', length: 16, default: 'preview' })
  status!: RunStatus;

  /** sha256 of everything the result depends on; a commit recomputes it (409 when it moved). */
  @Column({ name: 'inputs_hash', type: 'varchar', length: 64 })
  inputsHash!: string;

  @Column({ type: 'jsonb' })
  quotas!: Quotas;

  @Column({ type: 'jsonb' })
  outcomes!: RunOutcome[];

  @Column({ type: 'jsonb' })
  summary!: RunSummary;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'committed_at', type: 'timestamptz', nullable: true })
  committedAt!: Date | null;

  @Column({ name: 'committed_by', type: 'uuid', nullable: true })
  committedBy!: string | null;

  /** Every selected applicant enrolled (and every withdrawn one unenrolled) as of this time. */
  @Column({ name: 'enrollment_completed_at', type: 'timestamptz', nullable: true })
  enrollmentCompletedAt!: Date | null;
}
