import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NOTIFICATION_STATUSES, NotificationStatus } from './notification.entity';
import { registrationReadScope } from '../registrations/registration.policy';
import { Actor } from '../shared/actor';
import { forbidden, notFound } from '../shared/domain.errors';
import {
  remindedAttendeeCount,
  remindedAttendeesPage,
  reminderStatusCounts,
  ReminderRowsFilter,
  sessionVersionAndZone,
} from './reminders.queries';

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
    const [session] = await sessionVersionAndZone(this.ds.manager, sessionId);
    if (!session) throw notFound('Session', sessionId);
    const filter: ReminderRowsFilter = {
      sessionId,
      regionScope: scope === 'all' ? null : [...scope],
      regionId: f.regionId ?? null,
      status: f.status ?? null,
    };
    const byStatus = Object.fromEntries(NOTIFICATION_STATUSES.map((s) => [s, 0])) as Record<
      NotificationStatus,
      number
    >;
    for (const c of await reminderStatusCounts(this.ds.manager, filter)) byStatus[c.status] = c.n;
    const [total, rows] = await Promise.all([
      remindedAttendeeCount(this.ds.manager, filter),
      remindedAttendeesPage(this.ds.manager, filter, f.pageSize, (f.page - 1) * f.pageSize),
    ]);
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
