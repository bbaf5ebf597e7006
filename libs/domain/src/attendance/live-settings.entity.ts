import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, Relation } from 'typeorm';
import { Program } from '../catalog/program.entity';
import { Session } from '../catalog/session.entity';
import { Timestamped } from '../shared/timestamps';

/**
 * How a session runs live; a session without a row uses the defaults. Kept beside the session
 * (not on it) so the live context owns its settings.
 */
@Entity({ name: 'session_live_settings' })
@Check('ck_session_live_settings_window', 'join_window_minutes BETWEEN 0 AND 1440')
export class SessionLiveSettings extends Timestamped {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @OneToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<Session>;

  /** Attendees may join this many minutes before the start. */
  @Column({ name: 'join_window_minutes', type: 'int', default: 15 })
  joinWindowMinutes!: number;

  /** Questions wait for a moderator before the audience sees them. */
  @Column({ name: 'qa_premoderation', type: 'boolean', default: true })
  qaPremoderation!: boolean;

  /** Sent with the "thank you" follow-up when set. */
  @Column({ name: 'recording_url', type: 'varchar', length: 2000, nullable: true })
  recordingUrl!: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;
}

/** When a session counts as attended and a program as completed; a program without a row uses the defaults. */
@Entity({ name: 'program_completion_rules' })
@Check('ck_program_completion_rules_threshold', 'attended_threshold_percent BETWEEN 1 AND 100')
@Check('ck_program_completion_rules_modules', 'modules_required IS NULL OR modules_required >= 1')
@Check(
  'ck_program_completion_rules_quiz',
  'min_quiz_score_percent IS NULL OR min_quiz_score_percent BETWEEN 1 AND 100',
)
export class ProgramCompletionRule extends Timestamped {
  @PrimaryColumn({ name: 'program_id', type: 'uuid' })
  programId!: string;

  @OneToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id' })
  program?: Relation<Program>;

  @Column({ name: 'attended_threshold_percent', type: 'int', default: 75 })
  attendedThresholdPercent!: number;

  /** N of M: null = every module. */
  @Column({ name: 'modules_required', type: 'int', nullable: true })
  modulesRequired!: number | null;

  /** The quiz score (% of the quiz points offered in a person's sessions) completion also needs; null: none. */
  @Column({ name: 'min_quiz_score_percent', type: 'int', nullable: true })
  minQuizScorePercent!: number | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;
}
