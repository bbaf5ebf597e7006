import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Session } from '../catalog/session.entity';
import type { Actor } from '../shared/actor';
import { notFound } from '../shared/domain.errors';
import {
  AttendanceFiguresLine,
  byRegionThenName,
  regionFigures,
  ReportRegionLine,
  sessionFactsOf,
  withRegions,
} from './attendance-report.policy';
import { expectedByRegion, regionsByIds, sessionIntervals, sessionPeople } from './attendance.queries';
import { connectionsByPerson, minutesOf, percentOf, Span } from './intervals.policy';
import { LiveSettingsService } from './live-settings.service';
import { reportScope } from './report-scope.policy';

export interface SessionAttendeeLine {
  userId: string;
  displayName: string;
  email: string;
  regionId: number | null;
  /** Minutes present inside the session's scheduled time, overlapping connections merged. */
  minutes: number;
  /** Time present / the scheduled duration, %. */
  sharePercent: number;
  /** Connected at any time (the join window before the start included). */
  joined: boolean;
  /** Connected at some moment inside the scheduled time. */
  present: boolean;
  /** Present for at least the program's threshold of the scheduled time. */
  completed: boolean;
  firstJoinedAt: Date | null;
  /** null while still connected (or never connected). */
  lastLeftAt: Date | null;
}

export interface SessionAttendanceReport {
  session: { id: string; programId: string; startAt: Date; endAt: Date; timeZone: string; status: string };
  durationMinutes: number;
  thresholdPercent: number;
  regions: ReportRegionLine[];
  totals: AttendanceFiguresLine;
  attendees: SessionAttendeeLine[];
}

/**
 * One session's attendance from the interval log (Postgres), per region and per registered
 * person. Organizers see everything; a coordinator their regions' lines and people only.
 */
@Injectable()
export class SessionAttendanceReportService {
  constructor(
    private readonly ds: DataSource,
    private readonly settings: LiveSettingsService,
  ) {}

  async sessionReport(actor: Actor, sessionId: string, now = new Date()): Promise<SessionAttendanceReport> {
    const visible = reportScope(actor);
    const session = await this.ds.getRepository(Session).findOneBy({ id: sessionId });
    if (!session) throw notFound('Session', sessionId);
    const [rule, people, intervals, roster] = await Promise.all([
      this.settings.completionRule(session.programId),
      sessionPeople(this.ds, sessionId),
      sessionIntervals(this.ds, sessionId),
      expectedByRegion(this.ds, { sessionId, programId: session.programId }),
    ]);
    const window: Span = { start: session.startAt.getTime(), end: session.endAt.getTime() };
    const duration = window.end - window.start;
    const threshold = rule.attendedThresholdPercent;
    const connections = connectionsByPerson(intervals, now.getTime());
    const attendees: SessionAttendeeLine[] = [];
    const figures = [];
    for (const p of people) {
      if (!visible(p.regionId)) continue;
      const c = connections.get(p.userId)?.get(sessionId);
      const f = sessionFactsOf(c, window, threshold);
      figures.push({ regionId: p.regionId, ...f });
      attendees.push({
        userId: p.userId,
        displayName: p.displayName,
        email: p.email,
        regionId: p.regionId,
        minutes: minutesOf(f.presentMs),
        sharePercent: percentOf(f.presentMs, duration) ?? 0,
        joined: f.joined,
        present: f.present,
        completed: f.completed,
        firstJoinedAt: c ? new Date(c.firstJoinedAt) : null,
        lastLeftAt: c?.lastLeftAt != null ? new Date(c.lastLeftAt) : null,
      });
    }
    attendees.sort(byRegionThenName);
    const { lines, totals } = regionFigures(figures, roster, visible);
    const regions = await regionsByIds(
      this.ds,
      lines.flatMap((l) => (l.regionId === null ? [] : [l.regionId])),
    );
    return {
      session: {
        id: session.id,
        programId: session.programId,
        startAt: session.startAt,
        endAt: session.endAt,
        timeZone: session.timeZone,
        status: session.status,
      },
      durationMinutes: minutesOf(duration),
      thresholdPercent: threshold,
      regions: withRegions(lines, regions),
      totals,
      attendees,
    };
  }
}
