import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../shared/actor';
import { reportCsv } from './attendance-csv.policy';
import { regionCodes } from './attendance.queries';
import { ProgramAttendanceReportService, ProgramAttendeeLine } from './program-attendance-report.service';
import { SessionAttendanceReportService, SessionAttendeeLine } from './session-attendance-report.service';

const SESSION_FIELDS: readonly (keyof SessionAttendeeLine)[] = [
  'userId',
  'displayName',
  'email',
  'regionId',
  'minutes',
  'sharePercent',
  'joined',
  'present',
  'completed',
];

const PROGRAM_FIELDS: readonly (keyof ProgramAttendeeLine)[] = [
  'userId',
  'displayName',
  'email',
  'regionId',
  'minutes',
  'sharePercent',
  'joined',
  'present',
  'sessionsPresent',
  'sessionsCompleted',
  'unitsCompleted',
  'quizScorePercent',
  'completed',
  'completedAt',
];

/** The attendee lines of the reports as CSV: the same people, fields and words as the JSON. */
@Injectable()
export class AttendanceCsvService {
  constructor(
    private readonly ds: DataSource,
    private readonly sessions: SessionAttendanceReportService,
    private readonly programs: ProgramAttendanceReportService,
  ) {}

  async sessionCsv(actor: Actor, sessionId: string): Promise<string> {
    const [r, codes] = await Promise.all([
      this.sessions.sessionReport(actor, sessionId),
      regionCodes(this.ds),
    ]);
    return reportCsv(SESSION_FIELDS, r.attendees, codes);
  }

  async programCsv(actor: Actor, programId: string): Promise<string> {
    const [r, codes] = await Promise.all([
      this.programs.programReport(actor, programId),
      regionCodes(this.ds),
    ]);
    return reportCsv(PROGRAM_FIELDS, r.attendees, codes);
  }
}
