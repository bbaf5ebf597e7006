import { Session, Section } from '../catalog/session.entity';
import { Program } from '../catalog/program.entity';
import { User } from '../identity/user.entity';
import { Region } from '../identity/region.entity';
import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  Index,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { Timestamped } from '../shared/timestamps';

export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export type RegistrationSource = 'self' | 'organizer' | 'program' | 'import';

/** One per person and session; a section choice rides on it. */
@Entity({ name: 'registrations' })
@Check('ck_registrations_status', `status IN ('registered','waitlisted','cancelled')`)
@Index(['sessionId', 'userId'], { unique: true })
@Index(['sessionId', 'status', 'waitlistedAt'])
export class Registration extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<Session>;

  @Index()
  @Column({ name: 'section_id', type: 'uuid', nullable: true })
  sectionId!: string | null;

  @ManyToOne(() => Section, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'section_id' })
  section?: Relation<Section>;

  @Index()
  @Column({ name: 'program_enrollment_id', type: 'uuid', nullable: true })
  programEnrollmentId!: string | null;

  @ManyToOne(() => ProgramEnrollment, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'program_enrollment_id' })
  programEnrollment?: Relation<ProgramEnrollment>;

  @Column({ type: 'varchar', length: 16 })
  status!: RegistrationStatus;

  /** Copied from the attendee's home region at registration unless an organizer sets it. */
  @Column({ name: 'region_id', type: 'int', nullable: true })
  regionId!: number | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region>;

  @Column({ type: 'varchar', length: 16, default: 'self' })
  source!: RegistrationSource;

  /** Waitlist order: first in, first promoted. */
  @Column({ name: 'waitlisted_at', type: 'timestamptz', nullable: true })
  waitlistedAt!: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;
}

/** Registration to a whole program: one registration per session of it, now and later. */
@Entity({ name: 'program_enrollments' })
@Index(['programId', 'userId'], { unique: true })
export class ProgramEnrollment extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'program_id', type: 'uuid' })
  programId!: string;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id' })
  program?: Relation<Program>;

  @Index()
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'region_id', type: 'int', nullable: true })
  regionId!: number | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region>;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: 'active' | 'cancelled';
}

/** Expected participants per region for a program or a session (e.g. 150 deputies in one region). */
@Entity({ name: 'roster_entries' })
@Index(['scopeType', 'scopeId', 'regionId'], { unique: true })
export class RosterEntry extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'scope_type', type: 'varchar', length: 16 })
  scopeType!: 'program' | 'session';

  @Column({ name: 'scope_id', type: 'uuid' })
  scopeId!: string;

  @Column({ name: 'region_id', type: 'int' })
  regionId!: number;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region>;

  @Column({ type: 'int' })
  expected!: number;
}
