import { ApiProperty } from '@nestjs/swagger';
import type {
  CompletionLine,
  CompletionRuleView,
  IssuedJoinToken,
  LiveSettingsView,
  ProgramAttendanceReport,
  ReportRegionLine,
  SessionAttendanceReport,
} from '@qatys/domain';
import { TimeView, timeView } from '../common/time-view';
import { RegionRef } from '../registrations/registration.response';

export class LiveSettingsResponse {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ example: 15 }) joinWindowMinutes!: number;
  @ApiProperty() qaPremoderation!: boolean;
  @ApiProperty({ nullable: true, type: String }) recordingUrl!: string | null;

  static of(v: LiveSettingsView): LiveSettingsResponse {
    return { ...v };
  }
}

export class CompletionRuleResponse {
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty({ example: 75 }) attendedThresholdPercent!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'null: every module' }) modulesRequired!:
    number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 60,
    description:
      "quiz score completion also needs: % of the quiz points offered in the person's sessions (closed quizzes); null: none",
  })
  minQuizScorePercent!: number | null;
  @ApiProperty({ description: 'modules of the program now (its sessions when it has no modules)' })
  unitsTotal!: number;

  static of(v: CompletionRuleView): CompletionRuleResponse {
    return { ...v };
  }
}

const VOCABULARY =
  'joined: connected at any time, the join window before the start included (the live dashboard\'s "joined so far"); ' +
  'present: connected at some moment inside the scheduled time; completed: present for at least the threshold of the scheduled time. ' +
  'Only registrations with status registered count. Minutes and percentages are rounded half up to one decimal at the end.';

export class ReportFiguresResponse {
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'from the roster (the session’s, else the program’s); totals: the sum of the lines that have one',
  })
  expected!: number | null;
  @ApiProperty({ description: 'people registered (status registered) now' }) registered!: number;
  @ApiProperty({
    description: 'registered people who connected at any time, the join window before the start included',
  })
  joined!: number;
  @ApiProperty({ description: 'registered people connected at some moment inside the scheduled time' })
  present!: number;
  @ApiProperty({
    description:
      'session: present for at least the threshold of the scheduled time; program: completed the program',
  })
  completed!: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 84,
    description: 'joined / expected, % (the live dashboard’s coverage); null without an expected figure',
  })
  coveragePercent!: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 82.7,
    description: 'present / expected, or / registered when there is no expected figure (see rateBase), %',
  })
  presentPercent!: number | null;
  @ApiProperty({ enum: ['expected', 'registered'], description: 'what presentPercent is measured against' })
  rateBase!: 'expected' | 'registered';
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 201.5,
    description: 'median minutes of those present (one decimal)',
  })
  medianMinutes!: number | null;
}

export class ReportRegionLineResponse extends ReportFiguresResponse {
  @ApiProperty({ type: RegionRef, nullable: true, description: 'null: people without a region' })
  region!: RegionRef | null;

  static of(l: ReportRegionLine): ReportRegionLineResponse {
    return { ...l, region: l.region ? RegionRef.of(l.region) : null };
  }
}

export class SessionAttendeeResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ nullable: true, type: Number }) regionId!: number | null;
  @ApiProperty({
    description: 'minutes present inside the scheduled time, overlapping connections merged (one decimal)',
  })
  minutes!: number;
  @ApiProperty({ description: 'time present / the scheduled duration, % (one decimal)' })
  sharePercent!: number;
  @ApiProperty({ description: 'connected at any time, the join window before the start included' })
  joined!: boolean;
  @ApiProperty({ description: 'connected at some moment inside the scheduled time' }) present!: boolean;
  @ApiProperty({
    description:
      'present for at least the threshold of the scheduled time (decided on exact time: 74.96 % shows as sharePercent 75 but is not completed)',
  })
  completed!: boolean;
  @ApiProperty({ type: TimeView, nullable: true }) firstJoinedAt!: TimeView | null;
  @ApiProperty({ type: TimeView, nullable: true, description: 'null while still connected' })
  lastLeftAt!: TimeView | null;
}

export class ReportSessionRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty({ type: TimeView }) startAt!: TimeView;
  @ApiProperty({ type: TimeView }) endAt!: TimeView;
  @ApiProperty() status!: string;
}

export class SessionAttendanceReportResponse {
  @ApiProperty({ type: ReportSessionRef }) session!: ReportSessionRef;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty({
    example: 75,
    description: 'the program’s rule: % of the scheduled time that completes a session',
  })
  thresholdPercent!: number;
  @ApiProperty({ type: [ReportRegionLineResponse], description: VOCABULARY })
  regions!: ReportRegionLineResponse[];
  @ApiProperty({ type: ReportFiguresResponse }) totals!: ReportFiguresResponse;
  @ApiProperty({ type: [SessionAttendeeResponse], description: 'registered people (status registered)' })
  attendees!: SessionAttendeeResponse[];

  static of(r: SessionAttendanceReport, zone: string): SessionAttendanceReportResponse {
    const tz = r.session.timeZone;
    return {
      session: {
        id: r.session.id,
        programId: r.session.programId,
        startAt: timeView(r.session.startAt, zone, tz),
        endAt: timeView(r.session.endAt, zone, tz),
        status: r.session.status,
      },
      durationMinutes: r.durationMinutes,
      thresholdPercent: r.thresholdPercent,
      regions: r.regions.map(ReportRegionLineResponse.of),
      totals: r.totals,
      attendees: r.attendees.map((a) => ({
        ...a,
        firstJoinedAt: a.firstJoinedAt ? timeView(a.firstJoinedAt, zone, tz) : null,
        lastLeftAt: a.lastLeftAt ? timeView(a.lastLeftAt, zone, tz) : null,
      })),
    };
  }
}

export class ProgramAttendeeResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ nullable: true, type: Number }) regionId!: number | null;
  @ApiProperty({
    description: 'minutes present inside the scheduled times of the sessions the person is registered for',
  })
  minutes!: number;
  @ApiProperty({
    description: 'time present / the scheduled time of the sessions the person is registered for, %',
  })
  sharePercent!: number;
  @ApiProperty({ description: 'joined at least one of their sessions' }) joined!: boolean;
  @ApiProperty({ description: 'present in at least one of their sessions' }) present!: boolean;
  @ApiProperty({ description: 'sessions present in' }) sessionsPresent!: number;
  @ApiProperty({ description: 'sessions present for at least the threshold' }) sessionsCompleted!: number;
  @ApiProperty({ description: 'units (modules; sessions for a program without modules) completed' })
  unitsCompleted!: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'quiz points scored / offered in the closed quizzes of the sessions the person is registered for, %; null: no quiz held there',
  })
  quizScorePercent!: number | null;
  @ApiProperty({
    description:
      'completed the program: unitsRequired units completed, and the quiz score when the rule asks for one',
  })
  completed!: boolean;
  @ApiProperty({
    type: TimeView,
    nullable: true,
    description: 'end of the session that completed the program',
  })
  completedAt!: TimeView | null;
}

export class ProgramAttendanceReportResponse {
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty() thresholdPercent!: number;
  @ApiProperty({ nullable: true, type: Number }) modulesRequired!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: "the rule's quiz requirement, %; null: none" })
  minQuizScorePercent!: number | null;
  @ApiProperty() unitsTotal!: number;
  @ApiProperty() unitsRequired!: number;
  @ApiProperty({ description: 'sessions counted (all but the cancelled ones)' }) sessions!: number;
  @ApiProperty({ type: [ReportRegionLineResponse], description: VOCABULARY })
  regions!: ReportRegionLineResponse[];
  @ApiProperty({ type: ReportFiguresResponse }) totals!: ReportFiguresResponse;
  @ApiProperty({ type: [ProgramAttendeeResponse] }) attendees!: ProgramAttendeeResponse[];

  static of(r: ProgramAttendanceReport, zone: string): ProgramAttendanceReportResponse {
    // A program's completions end with one of a few sessions: each instant is rendered once.
    const views = new Map<number, TimeView>();
    const view = (d: Date) => {
      let v = views.get(d.getTime());
      if (!v) views.set(d.getTime(), (v = timeView(d, zone, r.program.timeZone)));
      return v;
    };
    return {
      programId: r.program.id,
      thresholdPercent: r.thresholdPercent,
      modulesRequired: r.modulesRequired,
      minQuizScorePercent: r.minQuizScorePercent,
      unitsTotal: r.unitsTotal,
      unitsRequired: r.unitsRequired,
      sessions: r.sessions,
      regions: r.regions.map(ReportRegionLineResponse.of),
      totals: r.totals,
      attendees: r.attendees.map((a) => ({ ...a, completedAt: a.completedAt ? view(a.completedAt) : null })),
    };
  }
}

export class CompletionResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ nullable: true, type: Number }) regionId!: number | null;
  @ApiProperty({ description: 'units (modules; sessions for a program without modules) completed' })
  unitsCompleted!: number;
  @ApiProperty() unitsRequired!: number;
  @ApiProperty() unitsTotal!: number;
  @ApiProperty({ type: TimeView, description: 'end of the session that completed the program' })
  completedAt!: TimeView;

  static of(c: CompletionLine, zone: string, recordZone: string): CompletionResponse {
    return { ...c, completedAt: timeView(c.completedAt, zone, recordZone) };
  }
}

export class CompletionListResponse {
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty({ type: [CompletionResponse] }) items!: CompletionResponse[];
  @ApiProperty() total!: number;
}

export class JoinTokenResponse {
  @ApiProperty({ description: 'handshake `auth.token` for the /live socket; personal, do not share' })
  token!: string;
  @ApiProperty({ type: TimeView }) expiresAt!: TimeView;
  @ApiProperty({ format: 'uuid' }) registrationId!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;

  static of(t: IssuedJoinToken, zone: string): JoinTokenResponse {
    return { ...t, expiresAt: timeView(t.expiresAt, zone, 'UTC') };
  }
}
