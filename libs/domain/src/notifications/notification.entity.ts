import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Organization, User } from '../identity/user.entity';
import { Registration } from '../registrations/registration.entity';
import { Timestamped } from '../shared/timestamps';

/** Notices: one message about a change, sent as soon as the change is known. */
export const NOTICE_KINDS = [
  'registration.confirmed',
  'registration.waitlisted',
  'registration.promoted',
  'registration.cancelled',
  'session.rescheduled',
  'session.cancelled',
  // After a session ended: to registered attendees who joined / who did not (the report's `present`, docs/attendance.md).
  'session.followup.attended',
  'session.followup.missed',
  // The recording became watchable after the follow-ups went out without it.
  'session.recording_available',
  // Selection decisions, to the applicant: no session, no registration.
  'application.selected',
  'application.waitlisted',
  'application.rejected',
  // Invitations of listed people and certificates: rendered with facts their contexts supply
  // at send time (NoticeContentProvider), about no registration and no session row.
  'invitation.sent',
  'invitation.reminder',
  'absentees.followup',
  'certificate.issued',
  // The account itself (a password-reset link): no session, no registration, always by e-mail.
  'account.password_reset',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
/** Notices about a session that is over by design (not skipped for having ended). */
export const FOLLOW_UP_KINDS = [
  'session.followup.attended',
  'session.followup.missed',
  'session.recording_available',
] as const satisfies readonly NoticeKind[];
/** Notices about a selection decision: about an application, with no session. */
export const DECISION_KINDS = [
  'application.selected',
  'application.waitlisted',
  'application.rejected',
] as const satisfies readonly NoticeKind[];
export const NOTIFICATION_KINDS = ['reminder', ...NOTICE_KINDS] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_STATUSES = ['planned', 'sent', 'skipped', 'cancelled', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const NOTIFICATION_CHANNELS = ['email', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * A planned message to one person: a reminder (one row per registration, offset and session
 * version) or a notice (one row per domain event and recipient). The row exists before any
 * BullMQ job does; the job only says "look at row N at this instant", so Redis can be rebuilt
 * from this table at any time.
 *
 * `dedupe_key` is the row's identity in the world (`reminder-<registration>-<offset>-v<version>`,
 * `notice-<event>[-<registration>]`): planning twice hits the unique index instead of writing a
 * second row.
 */
@Entity({ name: 'notifications' })
@Check('ck_notifications_status', `status IN ('planned','sent','skipped','cancelled','failed')`)
@Index('ix_notifications_session', ['sessionId', 'status', 'id'])
@Index('ix_notifications_due_planned', ['dueAt'], { where: `status = 'planned'` })
@Index('ix_notifications_event', ['eventId'], { where: 'event_id IS NOT NULL' })
export class Notification extends Timestamped {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  kind!: NotificationKind;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 200, unique: true })
  dedupeKey!: string;

  /**
   * No foreign key on purpose: checking it for every row of a 100,000-person plan costs a fifth of
   * the planning. Rows go with their registration (whose own key cascades from the user).
   */
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Index()
  @Column({ name: 'registration_id', type: 'uuid', nullable: true })
  registrationId!: string | null;

  @ManyToOne(() => Registration, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'registration_id' })
  registration?: Relation<Registration>;

  /** No foreign key: the registration's own cascade removes these rows with their session. */
  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId!: string | null;

  /** The session version the message was planned for; a reschedule makes older ones stale. */
  @Column({ name: 'session_version', type: 'int', nullable: true })
  sessionVersion!: number | null;

  /** Reminders only: minutes before the start. */
  @Column({ name: 'offset_minutes', type: 'int', nullable: true })
  offsetMinutes!: number | null;

  /** When to send (quiet hours already applied). */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  /** What a notice needs besides the current rows, e.g. the old time of a rescheduled session. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  payload!: Record<string, unknown>;

  /** The domain event a notice came from. */
  @Column({ name: 'event_id', type: 'bigint', nullable: true })
  eventId!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'planned' })
  status!: NotificationStatus;

  /** Delivery attempts made (a retry after a failure counts again). */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError!: string | null;

  /** Where it went: `email` and/or `webhook-<endpoint id>`, comma-separated. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  channel!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}

export const DELIVERY_STATUSES = ['sending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The delivery ledger: one row per notification and channel, claimed (status `sending`, with a
 * lease) in its own committed statement BEFORE anything leaves the process. A second attempt of
 * the same job finds the row `sent` and does nothing; one that finds it `sending` waits for the
 * lease to run out (the first attempt may still be talking to the server).
 */
@Entity({ name: 'notification_deliveries' })
@Check('ck_notification_deliveries_status', `status IN ('sending','sent','failed')`)
@Index(['notificationId', 'channel'], { unique: true })
export class NotificationDelivery extends Timestamped {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'notification_id', type: 'bigint' })
  notificationId!: string;

  @ManyToOne(() => Notification, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id' })
  notification?: Relation<Notification>;

  /** `email` or `webhook-<endpoint id>`. */
  @Column({ type: 'varchar', length: 64 })
  channel!: string;

  /** The address or URL it went to. */
  @Column({ type: 'varchar', length: 2000 })
  target!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** While `sending`: nobody else may send before this instant, unless the claimant died. */
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  /** While `sending`: the worker process that claimed it (its liveness lock: delivery.queries). */
  @Column({ name: 'claimed_by', type: 'uuid', nullable: true })
  claimedBy!: string | null;

  /** SMTP Message-ID / HTTP status of the accepted delivery. */
  @Column({ name: 'provider_ref', type: 'varchar', length: 500, nullable: true })
  providerRef!: string | null;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}

/** Where an organization wants notifications forwarded (e.g. to a messenger bot). */
@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpoint extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  /** HMAC key of the signatures; shown once, when created or rotated. */
  @Column({ type: 'varchar', length: 128, select: false })
  secret!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;
}

/** A person's channel; no row means e-mail. */
@Entity({ name: 'notification_preferences' })
@Check('ck_notification_preferences_channel', `channel IN ('email','webhook')`)
export class NotificationPreference {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 16, default: 'email' })
  channel!: NotificationChannel;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
