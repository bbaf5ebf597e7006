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
import { Program } from '../catalog/program.entity';
import type { LocalizedText } from '../shared/localized-text';
import { Timestamped } from '../shared/timestamps';

export const FORM_FIELD_TYPES = ['text', 'choice', 'number', 'file_link'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

export interface FormFieldOption {
  value: string;
  label: LocalizedText;
}

/** One question of a call's application form, defined by the organizer. */
export interface FormField {
  key: string;
  type: FormFieldType;
  label: LocalizedText;
  required: boolean;
  /** text: longest answer (characters). */
  maxLength?: number;
  /** choice: the allowed answers. */
  options?: FormFieldOption[];
  /** number: bounds (inclusive) and whether only whole numbers are accepted. */
  min?: number;
  max?: number;
  integer?: boolean;
}

export interface RubricCriterion {
  key: string;
  label: LocalizedText;
  /** Whole numbers: with scores of at most 2 decimals every ranking comparison is exact integer arithmetic. */
  weight: number;
}

export interface Rubric {
  criteria: RubricCriterion[];
  scale: { min: number; max: number };
  /** The criterion whose mean breaks ties first (default: motivation). */
  tieBreakCriterion: string;
}

export interface RegionQuota {
  regionId: number;
  min?: number;
  max?: number;
}

/**
 * Seats reserved for nominated applicants, and per-region minimum / maximum seats. `regionMin`
 * and `regionMax` apply to every region (a minimum only where an eligible, ranked applicant
 * exists); `regions` overrides them region by region.
 */
export interface Quotas {
  nominatedSeats: number;
  regionMin: number;
  regionMax: number | null;
  regions: RegionQuota[];
}

export const ASSIGNMENT_MODES = ['all', 'explicit'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** A call for applications: a program recruits a cohort through it. */
@Entity({ name: 'selection_calls' })
@Check('ck_selection_calls_window', 'closes_at > opens_at')
@Check('ck_selection_calls_capacity', 'capacity > 0')
export class Call extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'program_id', type: 'uuid' })
  programId!: string;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id' })
  program?: Relation<Program>;

  @Column({ type: 'jsonb' })
  title!: LocalizedText;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  description!: LocalizedText;

  /** Seats in the cohort. */
  @Column({ type: 'int' })
  capacity!: number;

  @Column({ name: 'cohort_starts_on', type: 'date', nullable: true })
  cohortStartsOn!: string | null;

  @Column({ name: 'cohort_ends_on', type: 'date', nullable: true })
  cohortEndsOn!: string | null;

  /** The zone the organizer gave the window in; the instants are UTC. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ name: 'opens_at', type: 'timestamptz' })
  opensAt!: Date;

  @Column({ name: 'closes_at', type: 'timestamptz' })
  closesAt!: Date;

  @Column({ name: 'min_age', type: 'int', nullable: true })
  minAge!: number | null;

  @Column({ name: 'max_age', type: 'int', nullable: true })
  maxAge!: number | null;

  /** The day ages are counted on (default: the local day the window closes). */
  @Column({ name: 'age_on', type: 'date' })
  ageOn!: string;

  /** Empty = every region may apply. */
  @Column({ name: 'allowed_region_ids', type: 'int', array: true, default: () => `'{}'` })
  allowedRegionIds!: number[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  form!: FormField[];

  @Column({ type: 'jsonb' })
  rubric!: Rubric;

  /** Complete reviews an application needs to be ranked. */
  @Column({ name: 'min_reviews', type: 'int', default: 2 })
  minReviews!: number;

  @Column({ name: 'assignment_mode', type: 'varchar', length: 16, default: 'all' })
  assignmentMode!: AssignmentMode;

  @Column({ type: 'jsonb' })
  quotas!: Quotas;

  /** Created on the first interview scheduled: the sessions of the interviews live there. */
  @Column({ name: 'interview_program_id', type: 'uuid', nullable: true })
  interviewProgramId!: string | null;

  @ManyToOne(() => Program, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'interview_program_id' })
  interviewProgram?: Relation<Program>;

  /** Set when a selection run is committed; the call is then read-only. */
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;
}
