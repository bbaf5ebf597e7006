import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  Actor,
  AttendanceCsvService,
  ProgramAttendanceReportService,
  SessionAttendanceReportService,
} from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiCsvResponse, ApiErrors, Bearer, Roles } from '../common/openapi';
import { ReaderZone } from '../common/time-view';
import { uuidParam } from '../registrations/uuid.pipe';
import { ReportQuery } from './attendance.request';
import {
  CompletionListResponse,
  CompletionResponse,
  ProgramAttendanceReportResponse,
  SessionAttendanceReportResponse,
} from './attendance.response';

const CSV_EXAMPLE = 'attendee,email,region,...\r\n';
const CSV_NOTE =
  'text/csv (RFC 4180, UTF-8, CRLF), one line per person of the JSON report, each column named after its JSON field in snake_case (`region`: the region code); cells a spreadsheet would run as formulas (starting with = + - @) are prefixed with an apostrophe';

/**
 * Attendance after the fact, from the interval log. Organizers and admins see everything; a
 * coordinator the lines and people of their regions; everybody else gets a 403.
 */
@ApiTags('attendance')
@Bearer()
@Roles('admin', 'organizer', 'coordinator')
@ApiErrors(400, 404)
@Controller()
export class AttendanceReportsController {
  constructor(
    private readonly sessions: SessionAttendanceReportService,
    private readonly programs: ProgramAttendanceReportService,
    private readonly csv: AttendanceCsvService,
  ) {}

  @Get('sessions/:sessionId/attendance')
  @ApiOperation({
    summary:
      'Per region: expected, registered, joined, present, completed, coverage, present rate, median minutes; per registered person: minutes inside the scheduled time (overlaps merged), share, joined / present / completed',
  })
  @ApiOkResponse({ type: SessionAttendanceReportResponse })
  async session(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
    @Query() _q: ReportQuery,
    @ReaderZone() zone: string,
  ): Promise<SessionAttendanceReportResponse> {
    return SessionAttendanceReportResponse.of(await this.sessions.sessionReport(actor, id), zone);
  }

  @Get('sessions/:sessionId/attendance.csv')
  @ApiOperation({ summary: `The session's attendees as CSV: ${CSV_NOTE}` })
  @ApiCsvResponse("one line per attendee of the session (a coordinator's regions only)", CSV_EXAMPLE)
  @Header('content-type', 'text/csv; charset=utf-8')
  async sessionCsv(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const csv = await this.csv.sessionCsv(actor, id);
    res.setHeader('content-disposition', `attachment; filename="attendance-session-${id}.csv"`);
    return csv;
  }

  @Get('programs/:programId/attendance')
  @ApiOperation({
    summary:
      'Across the program: per region and per registered person (minutes, sessions present and completed, units completed, program completed)',
  })
  @ApiOkResponse({ type: ProgramAttendanceReportResponse })
  async program(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
    @Query() _q: ReportQuery,
    @ReaderZone() zone: string,
  ): Promise<ProgramAttendanceReportResponse> {
    return ProgramAttendanceReportResponse.of(await this.programs.programReport(actor, id), zone);
  }

  @Get('programs/:programId/attendance.csv')
  @ApiOperation({ summary: `The program's attendees as CSV: ${CSV_NOTE}` })
  @ApiCsvResponse("one line per attendee of the program (a coordinator's regions only)", CSV_EXAMPLE)
  @Header('content-type', 'text/csv; charset=utf-8')
  async programCsv(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const csv = await this.csv.programCsv(actor, id);
    res.setHeader('content-disposition', `attachment; filename="attendance-program-${id}.csv"`);
    return csv;
  }

  @Get('programs/:programId/completions')
  @ApiOperation({
    summary:
      'Who completed the program (N of M units completed at the threshold), in the order they completed it — for certificates',
  })
  @ApiOkResponse({ type: CompletionListResponse })
  async completions(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
    @Query() _q: ReportQuery,
    @ReaderZone() zone: string,
  ): Promise<CompletionListResponse> {
    const { program, items } = await this.programs.completions(actor, id);
    return {
      programId: id,
      items: items.map((c) => CompletionResponse.of(c, zone, program.timeZone)),
      total: items.length,
    };
  }
}
