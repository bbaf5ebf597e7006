import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Program, ProgramModule } from '../catalog/program.entity';
import { Session } from '../catalog/session.entity';
import { Region } from '../identity/region.entity';
import { Registration } from '../registrations/registration.entity';
import { AttendanceInterval } from './attendance-interval.entity';
import { AttendanceBaselineService } from './attendance-baseline.service';
import { AttendanceCsvService } from './attendance-csv.service';
import { AttendanceIntervalWriter } from './attendance-interval.writer';
import { JoinTokensService } from './join-tokens.service';
import { LiveAccessService } from './live-access.service';
import { LiveAttendanceService } from './live-attendance.service';
import { LiveConnectionsStore } from './live-connections.store';
import { LiveRightsService } from './live-rights.service';
import { ProgramCompletionRule, SessionLiveSettings } from './live-settings.entity';
import { LiveSettingsService } from './live-settings.service';
import { ProgramAttendanceReportService } from './program-attendance-report.service';
import { PresenceStore } from './presence.store';
import { SessionAttendanceReportService } from './session-attendance-report.service';
import { SessionRosters } from './session-rosters';

const SERVICES = [
  LiveSettingsService,
  LiveAccessService,
  AttendanceBaselineService,
  SessionAttendanceReportService,
  ProgramAttendanceReportService,
  AttendanceCsvService,
  JoinTokensService,
];

/** Settings, join rights and reports of the live context: Postgres only (the API uses it as is). */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      SessionLiveSettings,
      ProgramCompletionRule,
      AttendanceInterval,
      // read by the live context, owned by others
      Session,
      Registration,
      Program,
      ProgramModule,
      Region,
    ]),
  ],
  providers: SERVICES,
  exports: [TypeOrmModule, ...SERVICES],
})
export class AttendanceModule {}

/**
 * What a gateway process adds on top (Redis presence and connection places, the batched interval
 * writer, live attendance, cached access and rosters, rights re-checked while inside): list these in the gateway's module together with providers of
 * LIVE_REDIS and LIVE_OPTIONS.
 */
export const LIVE_ATTENDANCE_PROVIDERS = [
  SessionRosters,
  LiveAccessService,
  AttendanceBaselineService,
  PresenceStore,
  AttendanceIntervalWriter,
  LiveConnectionsStore,
  LiveAttendanceService,
  LiveRightsService,
];
