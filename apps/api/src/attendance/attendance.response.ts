import { ApiProperty } from '@nestjs/swagger';
import type {
  CompletionLine,
  CompletionRuleView,
  IssuedJoinToken,
  LiveSettingsView,
  ProgramAttendanceReport,
  ReportRegionLine,
  ReportTotals,
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
  @ApiProperty({ description: 'modules of the program now (its sessions when it has no modules)' })
  unitsTotal!: number;

  static of(v: CompletionRuleView): CompletionRuleResponse {
    return { ...v };
  }
}

export class ReportRegionLineResponse {
  @ApiProperty({ type: RegionRef, nullable: true, description: 'null: people without a region' })
  region!: RegionRef | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'from the roster (the session’s, else the program’s)',
  })
  expected!: number | null;
  @ApiProperty() registered!: number;
  @ApiProperty({ description: 'distinct people who were present at all' }) attended!: number;
  @ApiProperty({ description: 'session: at or over the threshold; program: completed the program' })
  completed!: number;
  @ApiProperty({ nullable: true, type: Number, example: 82.7 }) attendanceRatePercent!: number | null;
  @ApiProperty({ enum: ['expected', 'registered'], description: 'what the rate is measured against' })
  rateBase!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'median minutes of those present' })
  medianMinutes!: number | null;

  static of(l: ReportRegionLine): ReportRegionLineResponse {
    return { ...l, region: l.region ? RegionRef.of(l.region) : null };
  }
}

export class ReportTotalsResponse {
  @ApiProperty({ nullable: true, type: Number }) expected!: number | null;
  @ApiProperty() registered!: number;
  @ApiProperty() attended!: number;
  @ApiProperty() completed!: number;
  @ApiProperty({ nullable: true, type: Number }) attendanceRatePercent!: number | null;
  @ApiProperty({ nullable: true, type: Number }) medianMinutes!: number | null;

  static of(t: ReportTotals): ReportTotalsResponse {
    return { ...t };
  }
}

export class SessionAttendeeResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ nullable: true, type: Number }) regionId!: number | null;
  @ApiProperty({ nullable: true, type: String }) registrationStatus!: string | null;
  @ApiProperty({ description: 'minutes present within the session, overlapping connections merged' })
  minutes!: number;
  @ApiProperty({ description: "share of the session's duration, %" }) sharePercent!: number;
  @ApiProperty({ description: "at or over the program's attendance threshold" }) attended!: boolean;
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
  @ApiProperty({ example: 75 }) thresholdPercent!: number;
  @ApiProperty({ type: [ReportRegionLineResponse] }) regions!: ReportRegionLineResponse[];
  @ApiProperty({ type: ReportTotalsResponse }) totals!: ReportTotalsResponse;
  @ApiProperty({ type: [SessionAttendeeResponse] }) attendees!: SessionAttendeeResponse[];

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
      totals: ReportTotalsResponse.of(r.totals),
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
  @ApiProperty() minutes!: number;
  @ApiProperty({ description: 'share of the duration of the sessions the person was registered for, %' })
  sharePercent!: number;
  @ApiProperty({ description: 'sessions at or over the threshold' }) sessionsAttended!: number;
  @ApiProperty({ description: 'modules attended (sessions, for a program without modules)' })
  unitsAttended!: number;
  @ApiProperty() completed!: boolean;
  @ApiProperty({ type: TimeView, nullable: true }) completedAt!: TimeView | null;
}

export class ProgramAttendanceReportResponse {
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty() thresholdPercent!: number;
  @ApiProperty({ nullable: true, type: Number }) modulesRequired!: number | null;
  @ApiProperty() unitsTotal!: number;
  @ApiProperty() unitsRequired!: number;
  @ApiProperty() sessions!: number;
  @ApiProperty({ type: [ReportRegionLineResponse] }) regions!: ReportRegionLineResponse[];
  @ApiProperty({ type: ReportTotalsResponse }) totals!: ReportTotalsResponse;
  @ApiProperty({ type: [ProgramAttendeeResponse] }) attendees!: ProgramAttendeeResponse[];

  static of(r: ProgramAttendanceReport, zone: string): ProgramAttendanceReportResponse {
    return {
      programId: r.program.id,
      thresholdPercent: r.thresholdPercent,
      modulesRequired: r.modulesRequired,
      unitsTotal: r.unitsTotal,
      unitsRequired: r.unitsRequired,
      sessions: r.sessions,
      regions: r.regions.map(ReportRegionLineResponse.of),
      totals: ReportTotalsResponse.of(r.totals),
      attendees: r.attendees.map((a) => ({
        ...a,
        completedAt: a.completedAt ? timeView(a.completedAt, zone, r.program.timeZone) : null,
      })),
    };
  }
}

export class CompletionResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ nullable: true, type: Number }) regionId!: number | null;
  @ApiProperty() unitsAttended!: number;
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
