import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '../shared/localized-text';
import { Timestamped } from '../shared/timestamps';

export type ListScopeType = 'program' | 'session';

/**
 * One person expected in a program or a session, in one region, and their invitation: invited
 * (`invited_at`), accepted through it, declined (with a reason). Whether they are registered is
 * read from the registrations themselves (a person may register without the link); a bounce from
 * their invitation mail's delivery ledger.
 */
@Entity({ name: 'expected_people' })
export class ExpectedPerson extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'scope_type', type: 'varchar', length: 16 })
  scopeType!: ListScopeType;

  @Column({ name: 'scope_id', type: 'uuid' })
  scopeId!: string;

  @Column({ name: 'program_id', type: 'uuid' })
  programId!: string;

  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId!: string | null;

  @Column({ name: 'region_id', type: 'int' })
  regionId!: number;

  /** Null for someone listed by phone only with no account of that phone (no e-mail to invite). */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName!: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 2 })
  language!: Language;

  @Column({ type: 'varchar', length: 300, nullable: true })
  organization!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  position!: string | null;

  @Column({ name: 'imported_by', type: 'uuid', nullable: true })
  importedBy!: string | null;

  @Column({ name: 'invited_at', type: 'timestamptz', nullable: true })
  invitedAt!: Date | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'declined_at', type: 'timestamptz', nullable: true })
  declinedAt!: Date | null;

  @Column({ name: 'decline_reason', type: 'varchar', length: 1000, nullable: true })
  declineReason!: string | null;
}

/** A program's own invitation reminder offsets (minutes before its start); none: the defaults. */
@Entity({ name: 'invitation_settings' })
export class InvitationSettings {
  @PrimaryColumn({ name: 'program_id', type: 'uuid' })
  programId!: string;

  @Column({ name: 'reminder_offsets_minutes', type: 'int', array: true })
  reminderOffsetsMinutes!: number[];

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
