import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Timestamped } from '../shared/timestamps';
import type { RoomRole, VideoProviderKind } from './video-provider';

/** The video provider chosen for a program or for one session (exactly one of the two). */
@Entity({ name: 'video_settings' })
@Check('ck_video_settings_scope', '(program_id IS NULL) <> (session_id IS NULL)')
export class VideoSettings extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true, where: 'program_id IS NOT NULL' })
  @Column({ name: 'program_id', type: 'uuid', nullable: true })
  programId!: string | null;

  @Index({ unique: true, where: 'session_id IS NOT NULL' })
  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  provider!: VideoProviderKind;

  /** Record the room (builtin, bigbluebutton). */
  @Column({ type: 'boolean', default: true })
  record!: boolean;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;
}

/** A session's room on its provider, from the first grant to the end. */
@Entity({ name: 'session_rooms' })
export class SessionRoom {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'varchar', length: 16 })
  provider!: VideoProviderKind;

  @Column({ name: 'external_id', type: 'varchar', length: 256 })
  externalId!: string;

  @Column({ name: 'node_id', type: 'varchar', length: 64, nullable: true })
  nodeId!: string | null;

  @Column({ name: 'relay_node_ids', type: 'text', array: true, default: () => `'{}'` })
  relayNodeIds!: string[];

  @Column({ type: 'varchar', length: 128, nullable: true })
  secret!: string | null;

  @Column({ name: 'create_time', type: 'varchar', length: 32, nullable: true })
  createTime!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: 'open' | 'ended';

  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'recording_status', type: 'varchar', length: 16, default: 'none' })
  recordingStatus!: 'none' | 'pending' | 'ready' | 'failed';

  /** The converted file (builtin), relative to the recordings folder. */
  @Column({ name: 'recording_file', type: 'varchar', length: 300, nullable: true })
  recordingFile!: string | null;
}

/** One join grant: who, which room, which role, until when. Its token is the room's entry ticket. */
@Entity({ name: 'room_grants' })
export class RoomGrant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'registration_id', type: 'uuid', nullable: true })
  registrationId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  role!: RoomRole;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 128 })
  token!: string;

  @Column({ name: 'node_id', type: 'varchar', length: 64, nullable: true })
  nodeId!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * Room presence that became an attendance interval: the provider's participant (Janus node, room
 * and participant id; BigBlueButton meeting and user) mapped to the interval it opened, so the
 * leave closes that one and no gateway interval.
 */
@Entity({ name: 'room_presence' })
@Index(['participantKey'])
export class RoomPresence {
  /** The attendance interval's id. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ name: 'participant_key', type: 'varchar', length: 300 })
  participantKey!: string;

  @Column({ type: 'boolean', default: true })
  open!: boolean;
}

/** Callbacks already taken (provider + its own id of the call): a replay is refused. */
@Entity({ name: 'room_callbacks' })
export class RoomCallback {
  @PrimaryColumn({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey!: string;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
