import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NOTIFICATION_STATUSES, NotificationStatus } from './notification.entity';
import { registrationReadScope } from '../registrations/registration.policy';
import { Actor } from '../shared/actor';
import { forbidden, notFound } from '../shared/domain.errors';

export interface ReminderRowView {
  id: string;
  offsetMinutes: number;
  sessionVersion: number;
  dueAt: Date;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  channel: string | null;
  sentAt: Date | null;
}

export interface AttendeeReminders {
  registrationId: string;
  userId: string;
  displayName: string;
  regionId: number | null;
  registrationStatus: string;
  reminders: ReminderRowView[];
}

export interface SessionRemindersView {
  sessionId: string;
  sessionVersion: number;
  timeZone: string;
  counts: Record<NotificationStatus, number> & { total: number };
  attendees: { items: AttendeeReminders[]; total: number; page: number; pageSize: number };
}

export interface SessionRemindersFilter {
  status?: NotificationStatus;
  regionId?: number;
  page: number;
  pageSize: number;
}

/**
 * What happened to a session's reminders: counts by status and, per attendee, each reminder with
 * its instant, attempts and last error. Organizers and admins see everyone; a coordinator the
 * attendees of their regions only (counts included); anybody else gets a 403.
 */
@Injectable()
export class SessionRemindersService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async forSession(
    actor: Actor,
    sessionId: string,
    f: SessionRemindersFilter,
  ): Promise<SessionRemindersView> {
    const scope = registrationReadScope(actor);
    if (scope === null)
      throw forbidden('Only organizers and coordinators may see the reminders of a session');
    if (scope !== 'all' && f.regionId !== undefined && !scope.includes(f.regionId)) {
      throw forbidden(`You coordinate regions [${scope.join(', ')}], not region ${f.regionId}`);
    }
    const [session]: { id: string; version: number; time_zone: string }[] = await this.ds.query(
      `SELECT id, version, time_zone FROM sessions WHERE id = $1`,
      [sessionId],
    );
    if (!session) throw notFound('Session', sessionId);

    // $1 session, $2 region scope (null = all), $3 region filter, $4 status filter
    const params: unknown[] = [
      sessionId,
      scope === 'all' ? null : [...scope],
      f.regionId ?? null,
      f.status ?? null,
    ];
    const visible = `n.session_id = $1 AND n.kind = 'reminder'
      AND ($2::int[] IS NULL OR r.region_id = ANY($2::int[]))
      AND ($3::int IS NULL OR r.region_id = $3::int)`;
    const counts: { status: NotificationStatus; n: number }[] = await this.ds.query(
      `SELECT n.status, count(*)::int AS n FROM notifications n JOIN registrations r ON r.id = n.registration_id
        WHERE ${visible} GROUP BY n.status`,
      params.slice(0, 3),
    );
    const byStatus = Object.fromEntries(NOTIFICATION_STATUSES.map((s) => [s, 0])) as Record<
      NotificationStatus,
      number
    >;
    for (const c of counts) byStatus[c.status] = c.n;

    const attendeeWhere = `${visible} AND ($4::varchar IS NULL OR n.status = $4::varchar)`;
    const [{ total }]: { total: number }[] = await this.ds.query(
      `SELECT count(DISTINCT n.registration_id)::int AS total
         FROM notifications n JOIN registrations r ON r.id = n.registration_id WHERE ${attendeeWhere}`,
      params,
    );
    const rows: {
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
    }[] = await this.ds.query(
      `WITH page AS (
         SELECT n.registration_id FROM notifications n JOIN registrations r ON r.id = n.registration_id
          WHERE ${attendeeWhere}
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
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    );
    return {
      sessionId,
      sessionVersion: session.version,
      timeZone: session.time_zone,
      counts: { ...byStatus, total: Object.values(byStatus).reduce((a, b) => a + b, 0) },
      attendees: {
        total,
        page: f.page,
        pageSize: f.pageSize,
        items: rows.map((r) => ({
          registrationId: r.registration_id,
          userId: r.user_id,
          displayName: r.display_name,
          regionId: r.region_id,
          registrationStatus: r.registration_status,
          reminders: r.reminders.map((x) => ({
            ...x,
            dueAt: new Date(x.dueAt),
            sentAt: x.sentAt ? new Date(x.sentAt) : null,
          })),
        })),
      },
    };
  }
}
