/** The SQL of the organizers' reminders view (GET /sessions/:id/reminders). */
import type { EntityManager } from 'typeorm';
import type { NotificationStatus } from './notification.entity';

export interface ReminderRowsFilter {
  sessionId: string;
  /** A coordinator's regions (null: every region). */
  regionScope: number[] | null;
  regionId: number | null;
  status: NotificationStatus | null;
}

export function sessionVersionAndZone(
  em: EntityManager,
  sessionId: string,
): Promise<{ id: string; version: number; time_zone: string }[]> {
  return em.query(`SELECT id, version, time_zone FROM sessions WHERE id = $1`, [sessionId]);
}

// $1 session, $2 region scope (null = all), $3 region filter, $4 status filter
const VISIBLE = `n.session_id = $1 AND n.kind = 'reminder'
  AND ($2::int[] IS NULL OR r.region_id = ANY($2::int[]))
  AND ($3::int IS NULL OR r.region_id = $3::int)`;
const OF_STATUS = `${VISIBLE} AND ($4::varchar IS NULL OR n.status = $4::varchar)`;
const params = (f: ReminderRowsFilter) => [f.sessionId, f.regionScope, f.regionId, f.status];

/** Reminders by status, over every status (the status filter does not apply to the counts). */
export function reminderStatusCounts(
  em: EntityManager,
  f: ReminderRowsFilter,
): Promise<{ status: NotificationStatus; n: number }[]> {
  return em.query(
    `SELECT n.status, count(*)::int AS n FROM notifications n JOIN registrations r ON r.id = n.registration_id
      WHERE ${VISIBLE} GROUP BY n.status`,
    params(f).slice(0, 3),
  );
}

export async function remindedAttendeeCount(em: EntityManager, f: ReminderRowsFilter): Promise<number> {
  const [{ total }]: { total: number }[] = await em.query(
    `SELECT count(DISTINCT n.registration_id)::int AS total
       FROM notifications n JOIN registrations r ON r.id = n.registration_id WHERE ${OF_STATUS}`,
    params(f),
  );
  return total;
}

export interface RemindedAttendeeRow {
  registration_id: string;
  user_id: string;
  display_name: string;
  region_id: number | null;
  registration_status: string;
  reminders: {
    id: string;
    offsetMinutes: number;
    sessionVersion: number;
    dueAt: string;
    status: NotificationStatus;
    attempts: number;
    lastError: string | null;
    channel: string | null;
    sentAt: string | null;
  }[];
}

/** A page of attendees, oldest registration first, each with their reminders (newest version first). */
export function remindedAttendeesPage(
  em: EntityManager,
  f: ReminderRowsFilter,
  limit: number,
  offset: number,
): Promise<RemindedAttendeeRow[]> {
  return em.query(
    `WITH page AS (
       SELECT n.registration_id FROM notifications n JOIN registrations r ON r.id = n.registration_id
        WHERE ${OF_STATUS}
        GROUP BY n.registration_id, r.created_at ORDER BY r.created_at, n.registration_id
        LIMIT $5 OFFSET $6)
     SELECT r.id AS registration_id, r.user_id, u.display_name, r.region_id, r.status AS registration_status,
            json_agg(json_build_object(
              'id', n.id::text, 'offsetMinutes', n.offset_minutes, 'sessionVersion', n.session_version,
              'dueAt', n.due_at, 'status', n.status, 'attempts', n.attempts, 'lastError', n.last_error,
              'channel', n.channel, 'sentAt', n.sent_at)
              ORDER BY n.session_version DESC, n.offset_minutes DESC) AS reminders
       FROM page JOIN registrations r ON r.id = page.registration_id
       JOIN users u ON u.id = r.user_id
       JOIN notifications n ON n.registration_id = r.id AND n.kind = 'reminder'
        AND ($4::varchar IS NULL OR n.status = $4::varchar)
      GROUP BY r.id, u.display_name
      ORDER BY r.created_at, r.id`,
    [...params(f), limit, offset],
  );
}
