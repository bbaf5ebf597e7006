import { Organization } from '../identity/user.entity';
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
import type { Language, LocalizedText } from '../shared/localized-text';
import { Timestamped } from '../shared/timestamps';

export const PROGRAM_STATUSES = ['draft', 'published', 'archived'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

@Entity({ name: 'programs' })
@Check('ck_programs_quiet_hours', '(quiet_hours_start IS NULL) = (quiet_hours_end IS NULL)')
export class Program extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'jsonb' })
  title!: LocalizedText;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  description!: LocalizedText;

  @Column({ name: 'default_time_zone', type: 'varchar', length: 64 })
  defaultTimeZone!: string;

  @Column({ name: 'default_language', type: 'varchar', length: 2 })
  defaultLanguage!: Language;

  @Column({ name: 'starts_on', type: 'date', nullable: true })
  startsOn!: string | null;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status!: ProgramStatus;

  /** Minutes before a session start at which reminders go out; sessions may override. */
  @Column({ name: 'reminder_offsets_minutes', type: 'int', array: true, default: () => `'{1440,60,10}'` })
  reminderOffsetsMinutes!: number[];

  /**
   * Quiet hours in each attendee's own local time, `HH:mm` (null and null = none). Reminders of
   * 12 hours or more that would fall inside move to just before the window starts.
   */
  @Column({ name: 'quiet_hours_start', type: 'varchar', length: 5, nullable: true, default: '22:00' })
  quietHoursStart!: string | null;

  @Column({ name: 'quiet_hours_end', type: 'varchar', length: 5, nullable: true, default: '08:00' })
  quietHoursEnd!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;
}

@Entity({ name: 'program_modules' })
@Index(['programId', 'position'])
export class ProgramModule extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'program_id', type: 'uuid' })
  programId!: string;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id' })
  program?: Relation<Program>;

  /** 1-based order within the program. */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'jsonb' })
  title!: LocalizedText;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  description!: LocalizedText;
}
