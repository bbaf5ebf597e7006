/**
 * The SQL of sending: load a notification with everything its message needs (claiming its e-mail
 * ledger row in the same statement), claim / release / mark ledger rows, and close notifications.
 *
 * Claims and liveness: a ledger row `sending` belongs to the worker process in `claimed_by`.
 * Each worker process holds a session-level advisory lock keyed by its id on a connection of its
 * own (`claimantLockStatement`). Postgres drops that lock the moment the process's connection
 * goes — a SIGKILL, a crash, a machine gone once TCP keepalives notice — so "the claimant is
 * dead" is a lookup in pg_locks, not a timeout. A living process keeps its claims however slow
 * its send (even with its event loop stalled); `lease_until` (DELIVERY_CLAIM_LEASE_SECONDS) only
 * bounds a send that never ends.
 */
import type { DataSource } from 'typeorm';
import { preparedQuery } from '@qatys/persistence';
import type { LocalizedText } from '../shared/localized-text';
import { MAX_RELEASE_LEAD_MS, RELEASE_LEAD_SHARE_OF_OFFSET } from './release.policy';
import type { NotificationChannel, NotificationKind, NotificationStatus } from './notification.entity';
import type { Queryable } from './planned-notifications';

/** First key of the two-key advisory locks of worker processes ('QATY'); the second is hashtext(id). */
export const CLAIMANT_LOCK_CLASS = 0x51415459;

/** Taken once per worker process on its own connection; released by Postgres when that connection ends. */
export function claimantLockStatement(claimantId: string): { text: string; values: unknown[] } {
  return {
    text: `SELECT pg_advisory_lock($1::int, hashtext($2::text))`,
    values: [CLAIMANT_LOCK_CLASS, claimantId],
  };
}

/**
 * Whether the process that claimed a ledger row still holds its liveness lock (in this database).
 * A hash collision can only make a dead claimant look alive — the safe direction: its claim then
 * waits for its lease.
 */
const claimantAlive = (column: string) =>
  `EXISTS (SELECT 1 FROM pg_locks l
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid = ${CLAIMANT_LOCK_CLASS}::oid AND l.objid = hashtext(${column}::text)::oid)`;

/** When a ledger row may be (re)claimed: it failed, or its send's claimant died or outlived the lease. */
const CLAIMABLE = `notification_deliveries.status = 'failed'
   OR (notification_deliveries.status = 'sending'
       AND (notification_deliveries.lease_until < now()
            OR (notification_deliveries.claimed_by IS NOT NULL AND NOT ${claimantAlive('notification_deliveries.claimed_by')})))`;

export interface LoadRequest {
  id: string;
  dueAt: string;
  /** The job's early-release instant for a reminder burst (see release.policy). */
  sendFrom: string | null;
  now: Date;
}

export interface SentMark {
  id: string;
  channel: string;
  ref: string;
  /** Set for a message's last channel: the notification is closed as sent to these. */
  channels: string | null;
}

export interface DeliveryRow {
  id: string;
  /**
   * The earliest instant this job may send: its own early-release instant, never before what the
   * release policy allows for the row's offset (the lesser of MAX_RELEASE_LEAD_MS and a share of
   * the offset), never after the due instant. A notice (no offset) is never early.
   */
  send_from: Date;
  kind: NotificationKind;
  dedupe_key: string;
  status: NotificationStatus;
  due_at: Date;
  session_version: number | null;
  offset_minutes: number | null;
  payload: Record<string, unknown>;
  registration_id: string | null;
  user_id: string;
  email: string;
  display_name: string;
  language: string;
  time_zone: string;
  disabled_at: Date | null;
  preference: NotificationChannel;
  reg_status: string | null;
  s_id: string | null;
  s_title: LocalizedText | null;
  s_description: LocalizedText | null;
  s_start_at: Date | null;
  s_end_at: Date | null;
  s_time_zone: string | null;
  s_status: string | null;
  s_version: number | null;
  s_format: string | null;
  s_venue: string | null;
  s_join_url: string | null;
  s_created_at: Date | null;
  s_updated_at: Date | null;
  p_title: LocalizedText | null;
  organization_id: string | null;
  /** Decision notices: the application now, and its call. */
  a_status: string | null;
  a_waitlist_rank: number | null;
  c_title: LocalizedText | null;
  /** Set when the load claimed the e-mail ledger row in the same statement. */
  claim_id: string | null;
  claim_inserted: boolean | null;
}

/**
 * Reads the notifications with person, preference, registration, session and program — and, in
 * the same statement, claims the e-mail ledger row of each that is planned for its job's instant,
 * due, and whose person wants e-mail (the common case): one round trip instead of two. Each id
 * at most once per call (one statement may claim a row only once).
 */
export function loadAndClaim(
  ds: DataSource,
  requests: readonly LoadRequest[],
  leaseSeconds: number,
  claimantId: string | null,
): Promise<DeliveryRow[]> {
  return preparedQuery<DeliveryRow>(
    ds,
    'qatys_delivery_load',
    `WITH j AS (
       SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::timestamptz[], $5::timestamptz[])
              AS j(id, due_at, job_now, send_from)
     ), n AS (
       SELECT n.id, n.kind, n.dedupe_key, n.status, n.due_at, n.session_version, n.offset_minutes, n.payload,
              n.registration_id, n.user_id, j.due_at AS job_due_at, j.job_now,
              -- The release window (DeliveryRow.send_from), for the claim below and the deferral.
              least(n.due_at, greatest(coalesce(j.send_from, n.due_at),
                n.due_at - make_interval(secs => least($6::float8, coalesce(n.offset_minutes, 0) * 60 * $7::float8))))
                AS send_from,
              u.email, u.display_name, u.language, u.time_zone, u.disabled_at,
              coalesce(np.channel, 'email') AS preference,
              r.status AS reg_status,
              s.id AS s_id, s.title AS s_title, s.description AS s_description, s.start_at AS s_start_at,
              s.end_at AS s_end_at, s.time_zone AS s_time_zone, s.status AS s_status, s.version AS s_version,
              s.format AS s_format, s.venue AS s_venue, s.join_url AS s_join_url,
              s.created_at AS s_created_at, s.updated_at AS s_updated_at,
              p.title AS p_title, p.organization_id,
              a.status AS a_status, a.waitlist_rank AS a_waitlist_rank, c.title AS c_title
         FROM j
         JOIN notifications n ON n.id = j.id
         JOIN users u ON u.id = n.user_id
         LEFT JOIN notification_preferences np ON np.user_id = n.user_id
         LEFT JOIN registrations r ON r.id = n.registration_id
         LEFT JOIN sessions s ON s.id = n.session_id
         -- Decision notices only (no session): their application and call by the payload's id.
         LEFT JOIN selection_applications a
                ON n.session_id IS NULL AND a.id = (n.payload->>'applicationId')::uuid
         LEFT JOIN selection_calls c ON c.id = a.call_id
         LEFT JOIN programs p ON p.id = coalesce(s.program_id, c.program_id)
     ), claim AS (
       INSERT INTO notification_deliveries (notification_id, channel, target, status, attempts, lease_until, claimed_by)
       SELECT n.id, 'email', n.email, 'sending', 1, now() + make_interval(secs => $4), $8::uuid
         FROM n
        WHERE n.status = 'planned' AND n.preference = 'email'
          AND date_trunc('milliseconds', n.due_at) = n.job_due_at AND n.send_from <= n.job_now + interval '1 second'
       ON CONFLICT (notification_id, channel) DO UPDATE
          SET status = 'sending', attempts = notification_deliveries.attempts + 1, target = EXCLUDED.target,
              lease_until = EXCLUDED.lease_until, claimed_by = EXCLUDED.claimed_by, updated_at = now()
        WHERE ${CLAIMABLE}
       RETURNING notification_id, id, (xmax = 0) AS inserted
     )
     SELECT n.*, c.id AS claim_id, c.inserted AS claim_inserted
       FROM n LEFT JOIN claim c ON c.notification_id = n.id`,
    [
      requests.map((r) => r.id),
      requests.map((r) => r.dueAt),
      requests.map((r) => r.now),
      leaseSeconds,
      requests.map((r) => r.sendFrom),
      MAX_RELEASE_LEAD_MS / 1000,
      RELEASE_LEAD_SHARE_OF_OFFSET,
      claimantId,
    ],
  );
}

export type ClaimResult = { state: 'claimed' } | { state: 'sent' } | { state: 'busy'; leaseUntil: Date };

/**
 * Takes the ledger row for (notification, channel): a new row, one that failed, or one whose
 * claimant died or whose lease ran out. Autocommitted on its own, before the send.
 */
export async function claimChannel(
  q: Queryable,
  input: {
    notificationId: string;
    channel: string;
    target: string;
    leaseSeconds: number;
    claimantId: string | null;
  },
): Promise<ClaimResult> {
  const claimed = (await q.query(
    `INSERT INTO notification_deliveries (notification_id, channel, target, status, attempts, lease_until, claimed_by)
     VALUES ($1, $2, $3, 'sending', 1, now() + make_interval(secs => $4), $5::uuid)
     ON CONFLICT (notification_id, channel) DO UPDATE
        SET status = 'sending', attempts = notification_deliveries.attempts + 1, target = EXCLUDED.target,
            lease_until = EXCLUDED.lease_until, claimed_by = EXCLUDED.claimed_by, updated_at = now()
      WHERE ${CLAIMABLE}
     RETURNING id`,
    [input.notificationId, input.channel, input.target.slice(0, 2000), input.leaseSeconds, input.claimantId],
  )) as unknown[];
  if (claimed.length) return { state: 'claimed' };
  const [current] = (await q.query(
    `SELECT status, lease_until FROM notification_deliveries WHERE notification_id = $1 AND channel = $2`,
    [input.notificationId, input.channel],
  )) as { status: string; lease_until: Date | null }[];
  if (!current || current.status === 'sent') return { state: 'sent' };
  return { state: 'busy', leaseUntil: current.lease_until ?? new Date(Date.now() + 1000) };
}

/** Gives back a claim taken by the load for a message that is not to be sent after all. */
export async function releaseClaim(
  q: Queryable,
  claimId: string,
  inserted: boolean | null,
  reason: string,
): Promise<void> {
  await q.query(
    inserted
      ? `DELETE FROM notification_deliveries WHERE id = $1 AND status = 'sending'`
      : `UPDATE notification_deliveries SET status = 'failed', lease_until = NULL, last_error = $2, updated_at = now()
          WHERE id = $1 AND status = 'sending'`,
    inserted ? [claimId] : [claimId, `not sent: ${reason}`],
  );
}

/** Ledger rows (and, for a message's last channel, the notification) marked sent, many at once. */
export async function markSent(ds: DataSource, marks: readonly SentMark[]): Promise<void> {
  // A function rather than the statement itself: see migration MarkNotificationsSent.
  await preparedQuery(
    ds,
    'qatys_delivery_mark_sent',
    `SELECT mark_notifications_sent($1::bigint[], $2::text[], $3::text[], $4::text[])`,
    [
      marks.map((m) => m.id),
      marks.map((m) => m.channel),
      marks.map((m) => m.ref),
      marks.map((m) => m.channels),
    ],
  );
}

/** One channel's send failed: its ledger row says why and may be claimed again. */
export async function markChannelFailed(
  q: Queryable,
  notificationId: string,
  channel: string,
  reason: string,
): Promise<void> {
  await q.query(
    `UPDATE notification_deliveries SET status = 'failed', last_error = $3, lease_until = NULL, updated_at = now()
      WHERE notification_id = $1 AND channel = $2 AND status = 'sending'`,
    [notificationId, channel, reason.slice(0, 1000)],
  );
}

/** An attempt failed: counted, with its reason; the last one leaves the notification `failed`. */
export async function recordAttemptFailure(
  q: Queryable,
  notificationId: string,
  reason: string,
  final: boolean,
): Promise<void> {
  await q.query(
    `UPDATE notifications
        SET attempts = attempts + 1, last_error = $2, updated_at = now(),
            status = CASE WHEN $3::boolean THEN 'failed' ELSE status END
      WHERE id = $1 AND status = 'planned'`,
    [notificationId, reason.slice(0, 1000), final],
  );
}

/** The last attempt died of something else than a send (say Postgres went away): the row says so. */
export async function failNotification(q: Queryable, notificationId: string, reason: string): Promise<void> {
  await q.query(
    `UPDATE notifications SET status = 'failed', attempts = attempts + 1, last_error = $2, updated_at = now()
      WHERE id = $1 AND status = 'planned'`,
    [notificationId, reason.slice(0, 1000)],
  );
}

/** Every channel had been sent by an earlier attempt (the ledger said so): the row is closed. */
export async function closeAsSent(q: Queryable, notificationId: string, channels: string): Promise<void> {
  await q.query(
    `UPDATE notifications
        SET status = 'sent', sent_at = coalesce(sent_at, now()), channel = $2, last_error = NULL, updated_at = now()
      WHERE id = $1 AND status = 'planned'`,
    [notificationId, channels.slice(0, 300)],
  );
}

/** The send-time verdict said no: the row says why. */
export async function closeUnsent(
  q: Queryable,
  notificationId: string,
  status: 'skipped' | 'cancelled',
  reason: string,
): Promise<void> {
  await q.query(
    `UPDATE notifications SET status = $2, last_error = $3, updated_at = now() WHERE id = $1 AND status = 'planned'`,
    [notificationId, status, reason],
  );
}

export function activeWebhookEndpoints(
  q: Queryable,
  organizationId: string,
): Promise<{ id: string; url: string; secret: string }[]> {
  return q.query(
    `SELECT id, url, secret FROM webhook_endpoints WHERE organization_id = $1 AND active ORDER BY created_at, id`,
    [organizationId],
  ) as Promise<{ id: string; url: string; secret: string }[]>;
}
