import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { Region } from '../identity/region.entity';
import { User } from '../identity/user.entity';
import { Timestamped } from '../shared/timestamps';
import { Call } from './call.entity';

export const APPLICATION_STATUSES = [
  'submitted',
  'under_review',
  'interview_scheduled',
  'selected',
  'waitlisted',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Statuses before a decision: the application is still in the competition. */
export const OPEN_APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'submitted',
  'under_review',
  'interview_scheduled',
];

export type FormAnswers = Record<string, string | number>;

/** One person's application to one call (once per call). */
@Entity({ name: 'selection_applications' })
@Check(
  'ck_selection_applications_status',
  `status IN ('submitted','under_review','interview_scheduled','selected','waitlisted','rejected','withdrawn')`,
)
@Index(['callId', 'userId'], { unique: true })
@Index(['callId', 'status'])
export class Application extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'call_id', type: 'uuid' })
  callId!: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_id' })
  call?: Relation<Call>;

  @Index()
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  /** The applicant's home region when they applied (quotas count it). */
  @Column({ name: 'region_id', type: 'int' })
  regionId!: number;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region>;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate!: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  answers!: FormAnswers;

  @Column({ type: 'boolean', default: false })
  nominated!: boolean;

  /** The nominating body (e.g. the youth wing); set by organizers only. */
  @Column({ name: 'nominated_by', type: 'varchar', length: 300, nullable: true })
  nominatedBy!: string | null;

  @Column({ type: 'varchar', length: 24, default: 'submitted' })
  status!: ApplicationStatus;

  /** The database clock at insert: the second tie-break (earlier first). */
  @Column({ name: 'submitted_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  submittedAt!: Date;

  /** 1-based place on the waitlist while waitlisted. */
  @Column({ name: 'waitlist_rank', type: 'int', nullable: true })
  waitlistRank!: number | null;

  /** Why the decision went this way (quota, rank, override reason, insufficient reviews...). */
  @Column({ name: 'decision_reason', type: 'varchar', length: 500, nullable: true })
  decisionReason!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_run_id', type: 'uuid', nullable: true })
  decisionRunId!: string | null;

  /**
   * Set once the program enrolment of a selected applicant is done, cleared once a withdrawn
   * one's enrolment is cancelled: what is left to reconcile is `selected AND enrolled_at IS NULL`
   * or `withdrawn AND enrolled_at IS NOT NULL`.
   */
  @Column({ name: 'enrolled_at', type: 'timestamptz', nullable: true })
  enrolledAt!: Date | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'interview_session_id', type: 'uuid', nullable: true })
  interviewSessionId!: string | null;
}
