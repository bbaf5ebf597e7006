import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Session } from '../catalog/session.entity';
import { Region } from '../identity/region.entity';
import { User } from '../identity/user.entity';
import { Registration } from '../registrations/registration.entity';

/** `rights_revoked`: the person's right to be there ended while inside (registration cancelled, account disabled). */
export const LEAVE_REASONS = ['left', 'disconnected', 'crashed', 'shutdown', 'rights_revoked'] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];

/**
 * One connection's presence in a live session: from `session:join` to its leave. Two tabs give
 * two overlapping intervals; reports merge them. The id is made by the gateway, so a batch can
 * be written again (upsert) without duplicates, and a crashed gateway's intervals are closed by
 * another one at the crashed process's last heartbeat.
 */
@Entity({ name: 'attendance_intervals' })
@Index(['sessionId', 'userId'])
@Check('ck_attendance_intervals_order', 'left_at IS NULL OR left_at >= joined_at')
export class AttendanceInterval {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<Session>;

  @Index()
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'registration_id', type: 'uuid', nullable: true })
  registrationId!: string | null;

  @ManyToOne(() => Registration, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'registration_id' })
  registration?: Relation<Registration>;

  /** The region the person counted in when joining (registration, else profile). */
  @Column({ name: 'region_id', type: 'int', nullable: true })
  regionId!: number | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region>;

  @Column({ name: 'joined_at', type: 'timestamptz' })
  joinedAt!: Date;

  /** null while the connection is live. */
  @Column({ name: 'left_at', type: 'timestamptz', nullable: true })
  leftAt!: Date | null;

  @Column({ name: 'left_reason', type: 'varchar', length: 16, nullable: true })
  leftReason!: LeaveReason | null;
}
