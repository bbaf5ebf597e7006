import { Program, ProgramModule } from './program.entity';
import { Speaker } from './speaker.entity';
import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import type { LocalizedText } from '../shared/localized-text';
import { Timestamped } from '../shared/timestamps';

export const SESSION_FORMATS = ['online', 'offline', 'hybrid'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];
export const SESSION_STATUSES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

@Entity({ name: 'sessions' })
@Check('ck_sessions_time_order', 'end_at > start_at')
// GIN index on target_region_ids: created in a migration (TypeORM cannot declare GIN).
@Index('ix_sessions_target_regions', { synchronize: false })
@Index(['startAt'])
@Index(['programId', 'startAt'])
export class Session extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'program_id', type: 'uuid' })
  programId!: string;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id' })
  program?: Relation<Program>;

  @Index()
  @Column({ name: 'module_id', type: 'uuid', nullable: true })
  moduleId!: string | null;

  @ManyToOne(() => ProgramModule, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'module_id' })
  module?: Relation<ProgramModule>;

  @Column({ type: 'jsonb' })
  title!: LocalizedText;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  description!: LocalizedText;

  @Column({ name: 'start_at', type: 'timestamptz' })
  startAt!: Date;

  @Column({ name: 'end_at', type: 'timestamptz' })
  endAt!: Date;

  /** The zone the organizer scheduled in; times are rendered in it beside the reader's own. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ type: 'varchar', length: 16, default: 'online' })
  format!: SessionFormat;

  @Column({ type: 'varchar', length: 500, nullable: true })
  venue!: string | null;

  @Column({ name: 'join_url', type: 'varchar', length: 2000, nullable: true })
  joinUrl!: string | null;

  /** null = unlimited. */
  @Column({ type: 'int', nullable: true })
  capacity!: number | null;

  /** Seats taken (status registered); kept under the session row lock, so the capacity check is exact. */
  @Column({ name: 'registered_count', type: 'int', default: 0 })
  registeredCount!: number;

  /** Empty = open to every region. */
  @Column({ name: 'target_region_ids', type: 'int', array: true, default: () => `'{}'` })
  targetRegionIds!: number[];

  @Column({ type: 'varchar', length: 16, default: 'scheduled' })
  status!: SessionStatus;

  /** Raised on every change of start or end: reminders and ICS SEQUENCE follow it. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  /** Overrides the program's reminder offsets when set. */
  @Column({ name: 'reminder_offsets_minutes', type: 'int', array: true, nullable: true })
  reminderOffsetsMinutes!: number[] | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;
}

@Entity({ name: 'session_speakers' })
export class SessionSpeaker {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<Session>;

  @Index()
  @PrimaryColumn({ name: 'speaker_id', type: 'uuid' })
  speakerId!: string;

  @ManyToOne(() => Speaker, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'speaker_id' })
  speaker?: Relation<Speaker>;

  @Column({ type: 'int', default: 0 })
  position!: number;
}

@Entity({ name: 'sections' })
export class Section extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<Session>;

  @Column({ type: 'jsonb' })
  title!: LocalizedText;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  description!: LocalizedText;

  @Column({ name: 'lead_speaker_id', type: 'uuid', nullable: true })
  leadSpeakerId!: string | null;

  @ManyToOne(() => Speaker, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'lead_speaker_id' })
  leadSpeaker?: Relation<Speaker>;

  @Column({ type: 'int', nullable: true })
  capacity!: number | null;

  @Column({ name: 'registered_count', type: 'int', default: 0 })
  registeredCount!: number;

  @Column({ type: 'int', default: 1 })
  position!: number;
}
