import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Program } from '../catalog/program.entity';
import type { Actor } from '../shared/actor';
import { notFound } from '../shared/domain.errors';
import {
  AttendanceFiguresLine,
  byRegionThenName,
  PersonFigures,
  programFactsOf,
  regionFigures,
  ReportRegionLine,
  withRegions,
} from './attendance-report.policy';
import {
  expectedByRegion,
  programIntervals,
  programModuleIds,
  programPeople,
  programSessions,
  regionsByIds,
} from './attendance.queries';
import { programUnits, quizScoreOf } from './completion.policy';
import { connectionsByPerson, minutesOf, percentOf } from './intervals.policy';
import { LiveSettingsService } from './live-settings.service';
import { quizPoints } from './quiz-scores.queries';
import { reportScope } from './report-scope.policy';

export interface ProgramAttendeeLine {
  userId: string;
  displayName: string;
  email: string;
  regionId: number | null;
  /** Minutes present inside the scheduled times of the sessions the person is registered for. */
  minutes: number;
  /** Time present / the scheduled time of the sessions the person is registered for, %. */
  sharePercent: number;
  /** Joined at least one of their sessions (join window included). */
  joined: boolean;
  /** Present in at least one of their sessions. */
  present: boolean;
  sessionsPresent: number;
  /** Sessions present for at least the threshold. */
  sessionsCompleted: number;
  /** Units (modules; sessions for a program without modules) completed. */
  unitsCompleted: number;
  /** Quiz points scored / offered in the sessions the person is registered for, %; null: no quiz held there. */
  quizScorePercent: number | null;
  /** Completed the program: unitsRequired units completed (and the quiz score, when the rule asks one). */
  completed: boolean;
  completedAt: Date | null;
}

export interface ProgramAttendanceReport {
  program: { id: string; timeZone: string };
  thresholdPercent: number;
  modulesRequired: number | null;
  /** The rule's quiz requirement, %; null: none. */
  minQuizScorePercent: number | null;
  unitsTotal: number;
  unitsRequired: number;
  sessions: number;
  regions: ReportRegionLine[];
  totals: AttendanceFiguresLine;
  attendees: ProgramAttendeeLine[];
}

export interface CompletionLine {
  userId: string;
  displayName: string;
  email: string;
  regionId: number | null;
  unitsCompleted: number;
  unitsRequired: number;
  unitsTotal: number;
  completedAt: Date;
}

/**
 * A program's attendance across its sessions (cancelled ones left out), per region and per
 * registered person, with completion (N of M units at the threshold); and the completions for
 * certificates. In O(people + intervals): the interval log is grouped by person once.
 */
@Injectable()
export class ProgramAttendanceReportService {
  constructor(
    private readonly ds: DataSource,
    private readonly settings: LiveSettingsService,
  ) {}

  async programReport(actor: Actor, programId: string, now = new Date()): Promise<ProgramAttendanceReport> {
    const visible = reportScope(actor);
    const program = await this.ds.getRepository(Program).findOneBy({ id: programId });
    if (!program) throw notFound('Program', programId);
    const [rule, sessions, moduleIds, intervals, people, roster, quiz] = await Promise.all([
      this.settings.completionRule(programId),
      programSessions(this.ds, programId),
      programModuleIds(this.ds, programId),
      programIntervals(this.ds, programId),
      programPeople(this.ds, programId),
      expectedByRegion(this.ds, { sessionId: null, programId }),
      quizPoints(this.ds, { programId }),
    ]);
    const units = programUnits(
      sessions.map((s) => ({ id: s.id, moduleId: s.moduleId, window: { start: s.startMs, end: s.endMs } })),
      moduleIds,
      rule.modulesRequired,
    );
    const threshold = rule.attendedThresholdPercent;
    const connections = connectionsByPerson(intervals, now.getTime());
    const attendees: ProgramAttendeeLine[] = [];
    const figures: PersonFigures[] = [];
    for (const p of people) {
      if (!visible(p.regionId)) continue;
      const score = quizScoreOf(p.sessionIds, quiz.maxBySession, quiz.byPerson.get(p.userId));
      const f = programFactsOf(units, connections.get(p.userId), p.sessionIds, threshold, {
        score,
        minQuizScorePercent: rule.minQuizScorePercent,
      });
      figures.push({ regionId: p.regionId, ...f });
      attendees.push({
        userId: p.userId,
        displayName: p.displayName,
        email: p.email,
        regionId: p.regionId,
        minutes: minutesOf(f.presentMs),
        sharePercent: percentOf(f.presentMs, f.scheduledMs) ?? 0,
        joined: f.joined,
        present: f.present,
        sessionsPresent: f.sessionsPresent,
        sessionsCompleted: f.sessionsCompleted,
        unitsCompleted: f.unitsCompleted,
        quizScorePercent: score ? percentOf(score.points, score.maxPoints) : null,
        completed: f.completed,
        completedAt: f.completedAt === null ? null : new Date(f.completedAt),
      });
    }
    attendees.sort(byRegionThenName);
    const { lines, totals } = regionFigures(figures, roster, visible);
    const regions = await regionsByIds(
      this.ds,
      lines.flatMap((l) => (l.regionId === null ? [] : [l.regionId])),
    );
    return {
      program: { id: programId, timeZone: program.defaultTimeZone },
      thresholdPercent: threshold,
      modulesRequired: rule.modulesRequired,
      minQuizScorePercent: rule.minQuizScorePercent,
      unitsTotal: units.unitsTotal,
      unitsRequired: units.unitsRequired,
      sessions: sessions.length,
      regions: withRegions(lines, regions),
      totals,
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
        unitsCompleted: a.unitsCompleted,
        unitsRequired: report.unitsRequired,
        unitsTotal: report.unitsTotal,
        completedAt: a.completedAt!,
      }))
      .sort((a, b) => a.completedAt.getTime() - b.completedAt.getTime() || a.userId.localeCompare(b.userId));
    return { program: report.program, items };
  }
}
