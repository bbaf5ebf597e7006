import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Program } from '../catalog/program.entity';
import { Session } from '../catalog/session.entity';
import { Region } from '../identity/region.entity';
import { Actor, hasRole, isOrganizer } from '../shared/actor';
import type { Language } from '../shared/localized-text';
import { forbidden, notFound } from '../shared/domain.errors';
import { completionOf, CompletionSession, sessionAttended } from './completion.policy';
import { toCsv } from './csv.policy';
import { median, minutesOf, percentOf, presentMillis, Span, toSpans } from './intervals.policy';
import { LiveSettingsService } from './live-settings.service';

export interface ReportRegionLine {
  /** null: people without a region (organizers only). */
  region: Region | null;
  expected: number | null;
  registered: number;
  /** Distinct people who joined at all. */
  attended: number;
  /** Session report: people at or over the threshold. Program report: people who completed the program. */
  completed: number;
  /** attended / expected in percent (attended / registered when the roster has no line). */
  attendanceRatePercent: number | null;
  rateBase: 'expected' | 'registered';
  /** Median minutes of those who attended. */
  medianMinutes: number | null;
}

export interface ReportTotals {
  expected: number | null;
  registered: number;
  attended: number;
  completed: number;
  attendanceRatePercent: number | null;
  medianMinutes: number | null;
}

export interface SessionAttendeeLine {
  userId: string;
  displayName: string;
  email: string;
  regionId: number | null;
  registrationStatus: string | null;
  /** Minutes present within the session's time, overlapping connections merged. */
  minutes: number;
  /** minutes / the session's duration, in percent. */
  sharePercent: number;
  /** At or over the program's threshold. */
  attended: boolean;
  firstJoinedAt: Date | null;
  lastLeftAt: Date | null;
}

export interface SessionAttendanceReport {
  session: { id: string; programId: string; startAt: Date; endAt: Date; timeZone: string; status: string };
  durationMinutes: number;
  thresholdPercent: number;
  regions: ReportRegionLine[];
  totals: ReportTotals;
  attendees: SessionAttendeeLine[];
}

export interface ProgramAttendeeLine {
  userId: string;
  displayName: string;
  email: string;
  regionId: number | null;
  minutes: number;
  /** minutes / the total duration of the sessions the person was registered for, in percent. */
  sharePercent: number;
  sessionsAttended: number;
  unitsAttended: number;
  completed: boolean;
  completedAt: Date | null;
}

export interface ProgramAttendanceReport {
  program: { id: string; timeZone: string };
  thresholdPercent: number;
  modulesRequired: number | null;
  unitsTotal: number;
  unitsRequired: number;
  sessions: number;
  regions: ReportRegionLine[];
  totals: ReportTotals;
  attendees: ProgramAttendeeLine[];
}

export interface CompletionLine {
  userId: string;
  displayName: string;
  email: string;
  regionId: number | null;
  unitsAttended: number;
  unitsRequired: number;
  unitsTotal: number;
  completedAt: Date;
}

export interface FollowUpPerson {
  userId: string;
  registrationId: string;
  email: string;
  displayName: string;
  language: Language;
  timeZone: string;
  minutes: number;
  /** At or over the program's attendance threshold. */
  metThreshold: boolean;
}

/** Who gets which follow-up after a session: the lead wires these to the worker's notifications. */
export interface FollowUpAudience {
  sessionId: string;
  recordingUrl: string | null;
  thresholdPercent: number;
  /** Registered and joined at all: "thank you" (with the recording link when set). */
  attended: FollowUpPerson[];
  /** Registered and never joined: "sorry we missed you". */
  noShows: FollowUpPerson[];
}

interface Person {
  userId: string;
  displayName: string;
  email: string;
  language: Language;
  timeZone: string;
  regionId: number | null;
  registrationId: string | null;
  registrationStatus: string | null;
  disabled: boolean;
}

interface IntervalRecord {
  session_id: string;
  user_id: string;
  joined_at: Date;
  left_at: Date | null;
}

const SESSION_PEOPLE = `
  SELECT u.id AS user_id, u.display_name, u.email, u.language, u.time_zone, u.disabled_at IS NOT NULL AS disabled,
         r.id AS registration_id, r.status,
         COALESCE(r.region_id, u.home_region_id) AS region_id
    FROM registrations r JOIN users u ON u.id = r.user_id
   WHERE r.session_id = $1 AND r.status = 'registered'
  UNION
  SELECT u.id, u.display_name, u.email, u.language, u.time_zone, u.disabled_at IS NOT NULL,
         r.id, r.status, COALESCE(ai.region_id, r.region_id, u.home_region_id)
    FROM (SELECT DISTINCT ON (user_id) user_id, region_id FROM attendance_intervals
           WHERE session_id = $1 ORDER BY user_id, joined_at) ai
    JOIN users u ON u.id = ai.user_id
    LEFT JOIN registrations r ON r.session_id = $1 AND r.user_id = ai.user_id
   WHERE r.status IS DISTINCT FROM 'registered'`;

// Per person: the region of their latest registration in the program (else the profile's).
const PROGRAM_PEOPLE = `
  WITH regs AS (
    SELECT r.user_id, r.session_id, r.status, COALESCE(r.region_id, u.home_region_id) AS region_id, s.start_at
      FROM registrations r JOIN sessions s ON s.id = r.session_id JOIN users u ON u.id = r.user_id
     WHERE s.program_id = $1 AND s.status <> 'cancelled' AND r.status = 'registered'
  ), people AS (
    SELECT user_id FROM regs
    UNION
    SELECT ai.user_id FROM attendance_intervals ai JOIN sessions s ON s.id = ai.session_id
     WHERE s.program_id = $1 AND s.status <> 'cancelled'
  )
  SELECT u.id AS user_id, u.display_name, u.email, u.language, u.time_zone, u.disabled_at IS NOT NULL AS disabled,
         (SELECT region_id FROM regs WHERE regs.user_id = u.id ORDER BY start_at DESC LIMIT 1) AS reg_region_id,
         u.home_region_id,
         COALESCE((SELECT array_agg(session_id) FROM regs WHERE regs.user_id = u.id), '{}') AS registered_sessions
    FROM people p JOIN users u ON u.id = p.user_id`;

/**
 * Attendance after the fact, from the interval log (Postgres): per region and per attendee, for
 * a session or a whole program; CSV exports; completions for certificates; and who gets which
 * follow-up. Organizers see everything; a coordinator sees their regions' lines and people only.
 * Minutes are merged (two tabs count once) and clipped to the session's scheduled time.
 */
@Injectable()
export class AttendanceReportsService {
  constructor(
    private readonly ds: DataSource,
    private readonly settings: LiveSettingsService,
  ) {}

  async sessionReport(actor: Actor, sessionId: string, now = new Date()): Promise<SessionAttendanceReport> {
    const visible = this.visibility(actor);
    const session = await this.ds.getRepository(Session).findOneBy({ id: sessionId });
    if (!session) throw notFound('Session', sessionId);
    const [rule, peopleRows, intervals, roster] = await Promise.all([
      this.settings.completionRule(session.programId),
      this.ds.query(SESSION_PEOPLE, [sessionId]),
      this.ds.query(
        `SELECT session_id, user_id, joined_at, left_at FROM attendance_intervals WHERE session_id = $1`,
        [sessionId],
      ) as Promise<IntervalRecord[]>,
      this.roster('session', sessionId, session.programId),
    ]);
    const people = (peopleRows as Record<string, unknown>[]).map(personOf);
    const window: Span = { start: session.startAt.getTime(), end: session.endAt.getTime() };
    const duration = window.end - window.start;
    const spans = spansByUser(intervals, now.getTime());
    const present = new Map<string, number>();
    const attendees: SessionAttendeeLine[] = people
      .filter((p) => visible(p.regionId))
      .map((p) => {
        const own = intervals.filter((i) => i.user_id === p.userId);
        const ms = presentMillis(spans.get(p.userId) ?? [], window);
        present.set(p.userId, ms);
        return {
          userId: p.userId,
          displayName: p.displayName,
          email: p.email,
          regionId: p.regionId,
          registrationStatus: p.registrationStatus,
          minutes: minutesOf(ms),
          sharePercent: percentOf(ms, duration) ?? 0,
          attended: sessionAttended(ms, duration, rule.attendedThresholdPercent),
          firstJoinedAt: own.length ? new Date(Math.min(...own.map((i) => i.joined_at.getTime()))) : null,
          lastLeftAt:
            own.length && own.every((i) => i.left_at)
              ? new Date(Math.max(...own.map((i) => i.left_at!.getTime())))
              : null,
        };
      })
      .sort((a, b) => (a.regionId ?? 0) - (b.regionId ?? 0) || a.displayName.localeCompare(b.displayName));
    const lines = regionLines(
      attendees.map((a) => ({
        regionId: a.regionId,
        registered: a.registrationStatus === 'registered',
        minutes: a.minutes,
        joined: (present.get(a.userId) ?? 0) > 0,
        completed: a.attended,
      })),
      roster,
      visible,
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
      thresholdPercent: rule.attendedThresholdPercent,
      regions: await this.withRegions(lines.lines),
      totals: lines.totals,
      attendees,
    };
  }

  async programReport(actor: Actor, programId: string, now = new Date()): Promise<ProgramAttendanceReport> {
    const visible = this.visibility(actor);
    const program = await this.ds.getRepository(Program).findOneBy({ id: programId });
    if (!program) throw notFound('Program', programId);
    const [rule, sessions, modules, intervals, peopleRows, roster] = await Promise.all([
      this.settings.completionRule(programId),
      this.ds.query(
        `SELECT id, module_id, start_at, end_at FROM sessions WHERE program_id = $1 AND status <> 'cancelled'`,
        [programId],
      ) as Promise<{ id: string; module_id: string | null; start_at: Date; end_at: Date }[]>,
      this.ds.query(`SELECT id FROM program_modules WHERE program_id = $1`, [programId]) as Promise<
        { id: string }[]
      >,
      this.ds.query(
        `SELECT ai.session_id, ai.user_id, ai.joined_at, ai.left_at
           FROM attendance_intervals ai JOIN sessions s ON s.id = ai.session_id
          WHERE s.program_id = $1 AND s.status <> 'cancelled'`,
        [programId],
      ) as Promise<IntervalRecord[]>,
      this.ds.query(PROGRAM_PEOPLE, [programId]) as Promise<Record<string, unknown>[]>,
      this.roster('program', programId, programId),
    ]);
    const units: CompletionSession[] = sessions.map((s) => ({
      id: s.id,
      moduleId: s.module_id,
      window: { start: s.start_at.getTime(), end: s.end_at.getTime() },
    }));
    const moduleIds = modules.map((m) => m.id);
    const byId = new Map(units.map((u) => [u.id, u]));
    const ruleIn = { thresholdPercent: rule.attendedThresholdPercent, modulesRequired: rule.modulesRequired };
    const openUntil = now.getTime();
    const attendees: ProgramAttendeeLine[] = [];
    const summary: {
      regionId: number | null;
      registered: boolean;
      minutes: number;
      joined: boolean;
      completed: boolean;
    }[] = [];
    for (const row of peopleRows) {
      const regionId = (row.reg_region_id ?? row.home_region_id ?? null) as number | null;
      if (!visible(regionId)) continue;
      const userId = row.user_id as string;
      const own = intervals.filter((i) => i.user_id === userId);
      const bySession = new Map<string, Span[]>();
      for (const i of own) {
        const list = bySession.get(i.session_id) ?? [];
        list.push(...toSpans([{ joinedAt: i.joined_at, leftAt: i.left_at }], openUntil));
        bySession.set(i.session_id, list);
      }
      const ms = [...bySession].reduce(
        (sum, [sid, list]) => sum + presentMillis(list, byId.get(sid)!.window),
        0,
      );
      const registeredSessions = row.registered_sessions as string[];
      const base = (registeredSessions.length ? registeredSessions : [...bySession.keys()])
        .map((sid) => byId.get(sid))
        .filter((u): u is CompletionSession => !!u)
        .reduce((sum, u) => sum + (u.window.end - u.window.start), 0);
      const c = completionOf(units, moduleIds, bySession, ruleIn);
      attendees.push({
        userId,
        displayName: row.display_name as string,
        email: row.email as string,
        regionId,
        minutes: minutesOf(ms),
        sharePercent: percentOf(ms, base) ?? 0,
        sessionsAttended: c.attendedSessionIds.length,
        unitsAttended: c.unitsAttended,
        completed: c.completed,
        completedAt: c.completedAt === null ? null : new Date(c.completedAt),
      });
      summary.push({
        regionId,
        registered: registeredSessions.length > 0,
        minutes: minutesOf(ms),
        joined: ms > 0,
        completed: c.completed,
      });
    }
    attendees.sort(
      (a, b) => (a.regionId ?? 0) - (b.regionId ?? 0) || a.displayName.localeCompare(b.displayName),
    );
    const lines = regionLines(summary, roster, visible);
    const any = completionOf(units, moduleIds, new Map(), ruleIn);
    return {
      program: { id: programId, timeZone: program.defaultTimeZone },
      thresholdPercent: rule.attendedThresholdPercent,
      modulesRequired: rule.modulesRequired,
      unitsTotal: any.unitsTotal,
      unitsRequired: any.unitsRequired,
      sessions: units.length,
      regions: await this.withRegions(lines.lines),
      totals: lines.totals,
      attendees,
    };
  }

  /** Who completed the program (for certificates), in the order they completed it. */
  async completions(
    actor: Actor,
    programId: string,
    now = new Date(),
  ): Promise<{ program: { id: string; timeZone: string }; items: CompletionLine[] }> {
    const report = await this.programReport(actor, programId, now);
    const items = report.attendees
      .filter((a) => a.completed)
      .map((a) => ({
        userId: a.userId,
        displayName: a.displayName,
        email: a.email,
        regionId: a.regionId,
        unitsAttended: a.unitsAttended,
        unitsRequired: report.unitsRequired,
        unitsTotal: report.unitsTotal,
        completedAt: a.completedAt!,
      }))
      .sort((a, b) => a.completedAt.getTime() - b.completedAt.getTime() || a.userId.localeCompare(b.userId));
    return { program: report.program, items };
  }

  async sessionCsv(actor: Actor, sessionId: string): Promise<string> {
    const r = await this.sessionReport(actor, sessionId);
    const codes = await this.regionCodes();
    return toCsv(
      [
        'user_id',
        'display_name',
        'email',
        'region',
        'registration_status',
        'minutes',
        'share_percent',
        'attended',
      ],
      r.attendees.map((a) => [
        a.userId,
        a.displayName,
        a.email,
        a.regionId === null ? null : (codes.get(a.regionId) ?? a.regionId),
        a.registrationStatus,
        a.minutes,
        a.sharePercent,
        a.attended,
      ]),
    );
  }

  async programCsv(actor: Actor, programId: string): Promise<string> {
    const r = await this.programReport(actor, programId);
    const codes = await this.regionCodes();
    return toCsv(
      [
        'user_id',
        'display_name',
        'email',
        'region',
        'minutes',
        'share_percent',
        'sessions_attended',
        'modules_attended',
        'completed',
        'completed_at',
      ],
      r.attendees.map((a) => [
        a.userId,
        a.displayName,
        a.email,
        a.regionId === null ? null : (codes.get(a.regionId) ?? a.regionId),
        a.minutes,
        a.sharePercent,
        a.sessionsAttended,
        a.unitsAttended,
        a.completed,
        a.completedAt?.toISOString() ?? null,
      ]),
    );
  }

  /**
   * Who should hear from us after a session: registered people who joined ("thank you", with
   * the recording link when the organizer set one) and registered no-shows ("sorry we missed
   * you"), each with their language and zone. Sends nothing itself.
   */
  async followUpAudience(sessionId: string, now = new Date()): Promise<FollowUpAudience> {
    const session = await this.ds.getRepository(Session).findOneBy({ id: sessionId });
    if (!session) throw notFound('Session', sessionId);
    const [rule, settings, peopleRows, intervals] = await Promise.all([
      this.settings.completionRule(session.programId),
      this.settings.sessionSettings(sessionId),
      this.ds.query(SESSION_PEOPLE, [sessionId]),
      this.ds.query(
        `SELECT session_id, user_id, joined_at, left_at FROM attendance_intervals WHERE session_id = $1`,
        [sessionId],
      ) as Promise<IntervalRecord[]>,
    ]);
    const window: Span = { start: session.startAt.getTime(), end: session.endAt.getTime() };
    const spans = spansByUser(intervals, now.getTime());
    const attended: FollowUpPerson[] = [];
    const noShows: FollowUpPerson[] = [];
    for (const p of (peopleRows as Record<string, unknown>[]).map(personOf)) {
      if (p.registrationStatus !== 'registered' || !p.registrationId || p.disabled) continue;
      const ms = presentMillis(spans.get(p.userId) ?? [], window);
      const person: FollowUpPerson = {
        userId: p.userId,
        registrationId: p.registrationId,
        email: p.email,
        displayName: p.displayName,
        language: p.language,
        timeZone: p.timeZone,
        minutes: minutesOf(ms),
        metThreshold: sessionAttended(ms, window.end - window.start, rule.attendedThresholdPercent),
      };
      (ms > 0 ? attended : noShows).push(person);
    }
    const byName = (a: FollowUpPerson, b: FollowUpPerson) => a.userId.localeCompare(b.userId);
    return {
      sessionId,
      recordingUrl: settings.recordingUrl,
      thresholdPercent: rule.attendedThresholdPercent,
      attended: attended.sort(byName),
      noShows: noShows.sort(byName),
    };
  }

  /** Organizers see every region; a coordinator their own; nobody else reads attendance reports. */
  private visibility(actor: Actor): (regionId: number | null) => boolean {
    if (isOrganizer(actor)) return () => true;
    if (hasRole(actor, 'coordinator') && actor.coordinatorRegionIds.length) {
      const mine = new Set(actor.coordinatorRegionIds);
      return (r) => r !== null && mine.has(r);
    }
    throw forbidden('Only organizers and regional coordinators may read attendance reports');
  }

  /** A session's own roster if it has one, else its program's. */
  private async roster(
    scope: 'session' | 'program',
    id: string,
    programId: string,
  ): Promise<Map<number, number>> {
    const rows: { scope_type: string; region_id: number; expected: number }[] = await this.ds.query(
      `SELECT scope_type, region_id, expected FROM roster_entries
        WHERE (scope_type = $1 AND scope_id = $2) OR (scope_type = 'program' AND scope_id = $3)`,
      [scope, id, programId],
    );
    const own = rows.filter((r) => r.scope_type === scope);
    return new Map((own.length ? own : rows).map((r) => [r.region_id, r.expected]));
  }

  private async withRegions(lines: (Omit<ReportRegionLine, 'region'> & { regionId: number | null })[]) {
    const ids = lines.map((l) => l.regionId).filter((r): r is number => r !== null);
    const regions = new Map(
      ids.length ? (await this.ds.getRepository(Region).findBy({ id: In(ids) })).map((r) => [r.id, r]) : [],
    );
    return lines.map(({ regionId, ...l }) => ({
      region: regionId === null ? null : regions.get(regionId)!,
      ...l,
    }));
  }

  private async regionCodes(): Promise<Map<number, string>> {
    return new Map((await this.ds.getRepository(Region).find()).map((r) => [r.id, r.code]));
  }
}

function personOf(row: Record<string, unknown>): Person {
  return {
    userId: row.user_id as string,
    displayName: row.display_name as string,
    email: row.email as string,
    language: row.language as Language,
    timeZone: row.time_zone as string,
    regionId: (row.region_id as number | null) ?? null,
    registrationId: (row.registration_id as string | null) ?? null,
    registrationStatus: (row.status as string | null) ?? null,
    disabled: row.disabled as boolean,
  };
}

function spansByUser(intervals: readonly IntervalRecord[], openUntil: number): Map<string, Span[]> {
  const out = new Map<string, Span[]>();
  for (const i of intervals) {
    const list = out.get(i.user_id) ?? [];
    list.push(...toSpans([{ joinedAt: i.joined_at, leftAt: i.left_at }], openUntil));
    out.set(i.user_id, list);
  }
  return out;
}

/** Per-region lines and totals from per-person facts and the roster. */
function regionLines(
  people: readonly {
    regionId: number | null;
    registered: boolean;
    minutes: number;
    joined: boolean;
    completed: boolean;
  }[],
  roster: ReadonlyMap<number, number>,
  visible: (regionId: number | null) => boolean,
): { lines: (Omit<ReportRegionLine, 'region'> & { regionId: number | null })[]; totals: ReportTotals } {
  const keys = new Set<number | null>([...roster.keys()].filter(visible));
  for (const p of people) keys.add(p.regionId);
  const line = (group: typeof people, expected: number | null) => {
    const joined = group.filter((p) => p.joined);
    const registered = group.filter((p) => p.registered).length;
    const base = expected ?? registered;
    return {
      expected,
      registered,
      attended: joined.length,
      completed: group.filter((p) => p.completed).length,
      attendanceRatePercent: percentOf(joined.length, base),
      rateBase: (expected !== null ? 'expected' : 'registered') as 'expected' | 'registered',
      medianMinutes: median(joined.map((p) => p.minutes)),
    };
  };
  const lines = [...keys]
    .sort((a, b) => (a ?? 0) - (b ?? 0))
    .map((regionId) => ({
      regionId,
      ...line(
        people.filter((p) => p.regionId === regionId),
        regionId === null ? null : (roster.get(regionId) ?? null),
      ),
    }));
  const anyExpected = lines.some((l) => l.expected !== null);
  const all = line(people, anyExpected ? lines.reduce((s, l) => s + (l.expected ?? 0), 0) : null);
  return {
    lines,
    totals: {
      expected: all.expected,
      registered: all.registered,
      attended: all.attended,
      completed: all.completed,
      attendanceRatePercent: all.attendanceRatePercent,
      medianMinutes: all.medianMinutes,
    },
  };
}
