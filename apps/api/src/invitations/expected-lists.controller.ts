import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  AbsenteesService,
  Actor,
  ExpectedListsService,
  invalid,
  InvitationsService,
  ListedPerson,
  PeopleFile,
} from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiCsvResponse, ApiErrors, ApiJsonBodyErrors, Bearer, Roles } from '../common/openapi';
import { uuidParam } from '../registrations/uuid.pipe';
import {
  AbsenteesCsvQuery,
  FollowUpRequest,
  InvitationSettingsRequest,
  ListQuery,
  SendInvitationsRequest,
} from './invitations.request';
import {
  AbsenteesResponse,
  ExpectedListResponse,
  FollowUpResponse,
  ImportSummaryResponse,
  InvitationSettingsResponse,
  InvitedCountResponse,
} from './invitations.response';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FILE_BODY = {
  description:
    'CSV (text/csv, `,` or `;`) or an .xlsx workbook (first sheet), header row first: ' +
    '`name,email,phone,region_code,language,organization,position` (email or phone at least; language kk/ru/en, default ru).',
  schema: {
    type: 'string',
    example: 'name,email,phone,region_code,language\nӘлия Құрманова,aliya@example.kz,,KZ-55,kk\n',
  },
};
const FILE_ERRORS: [400, string] = [
  400,
  'invalid_people_file (every bad row in details.errors as { line, message, problems: [{ code, params }] }: ' +
    'shape, duplicates, unknown or foreign regions), ' +
    'invalid_xlsx, file_expected; nothing is written',
];

/**
 * Expected lists of named people, their invitations and who did not come. Organizers manage
 * every region; a coordinator only the people of their regions (a row of another region in an
 * import is a bad row). Everybody else: 403.
 */
@ApiTags('expected lists')
@Bearer()
@Roles('admin', 'organizer', 'coordinator')
@ApiErrors(404)
@Controller()
export class ExpectedListsController {
  constructor(
    private readonly lists: ExpectedListsService,
    private readonly invitations: InvitationsService,
    private readonly absentees: AbsenteesService,
  ) {}

  @Post('programs/:programId/expected-people/import')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import people expected in a program or session (CSV or XLSX); all or nothing' })
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiBody(FILE_BODY)
  @ApiOkResponse({ type: ImportSummaryResponse })
  @ApiErrors(FILE_ERRORS, [413, 'file over 5 MB: payload_too_large'], 409)
  async importProgram(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
    @Req() req: Request,
    @Body() body: unknown,
  ): Promise<ImportSummaryResponse> {
    let file: PeopleFile;
    if (typeof body === 'string') file = { format: 'csv', text: body };
    else if (Buffer.isBuffer(body) && req.is(XLSX_TYPE)) file = { format: 'xlsx', data: body };
    else throw invalid('file_expected', `Send the list as text/csv or as ${XLSX_TYPE}`);
    return this.lists.importFile(actor, { type: 'program', id }, file);
  }

  @Post('sessions/:sessionId/expected-people/import')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import people expected in a program or session (CSV or XLSX); all or nothing' })
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiBody(FILE_BODY)
  @ApiOkResponse({ type: ImportSummaryResponse })
  @ApiErrors(FILE_ERRORS, [413, 'file over 5 MB: payload_too_large'], 409)
  async importSession(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
    @Req() req: Request,
    @Body() body: unknown,
  ): Promise<ImportSummaryResponse> {
    let file: PeopleFile;
    if (typeof body === 'string') file = { format: 'csv', text: body };
    else if (Buffer.isBuffer(body) && req.is(XLSX_TYPE)) file = { format: 'xlsx', data: body };
    else throw invalid('file_expected', `Send the list as text/csv or as ${XLSX_TYPE}`);
    return this.lists.importFile(actor, { type: 'session', id }, file);
  }

  @Get('programs/:programId/expected-people')
  @ApiOperation({
    summary:
      'The people of the list with their invitation status (listed, invited, registered, declined, bounced)',
  })
  @ApiOkResponse({ type: ExpectedListResponse })
  @ApiErrors(400)
  async listProgram(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
    @Query() q: ListQuery,
  ): Promise<ExpectedListResponse> {
    const items = await this.lists.list(actor, { type: 'program', id }, q.regionId);
    return withCounts(items);
  }

  @Get('sessions/:sessionId/expected-people')
  @ApiOperation({
    summary:
      'The people of the list with their invitation status (listed, invited, registered, declined, bounced)',
  })
  @ApiOkResponse({ type: ExpectedListResponse })
  @ApiErrors(400)
  async listSession(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
    @Query() q: ListQuery,
  ): Promise<ExpectedListResponse> {
    const items = await this.lists.list(actor, { type: 'session', id }, q.regionId);
    return withCounts(items);
  }

  @Delete('programs/:programId/expected-people/:personId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Take a person off the list' })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiErrors(400)
  async removeProgram(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
    @Param('personId', uuidParam('personId')) personId: string,
  ): Promise<void> {
    await this.lists.remove(actor, { type: 'program', id }, personId);
  }

  @Delete('sessions/:sessionId/expected-people/:personId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Take a person off the list' })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiErrors(400)
  async removeSession(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
    @Param('personId', uuidParam('personId')) personId: string,
  ): Promise<void> {
    await this.lists.remove(actor, { type: 'session', id }, personId);
  }

  @Post('programs/:programId/invitations')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Invite everyone on the list not invited yet (mails and reminders follow from the worker)',
  })
  @ApiOkResponse({ type: InvitedCountResponse })
  @ApiJsonBodyErrors()
  async sendProgram(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
    @Body() body: SendInvitationsRequest,
  ): Promise<InvitedCountResponse> {
    return this.invitations.send(actor, { type: 'program', id }, body.regionId);
  }

  @Post('sessions/:sessionId/invitations')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Invite everyone on the list not invited yet (mails and reminders follow from the worker)',
  })
  @ApiOkResponse({ type: InvitedCountResponse })
  @ApiJsonBodyErrors()
  async sendSession(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
    @Body() body: SendInvitationsRequest,
  ): Promise<InvitedCountResponse> {
    return this.invitations.send(actor, { type: 'session', id }, body.regionId);
  }

  @Get('programs/:programId/invitation-settings')
  @ApiOperation({ summary: "The program's invitation reminder offsets (minutes before the start)" })
  @ApiOkResponse({ type: InvitationSettingsResponse })
  @ApiErrors(400)
  settings(@Param('programId', uuidParam('programId')) id: string): Promise<InvitationSettingsResponse> {
    return this.invitations.settings(id);
  }

  @Put('programs/:programId/invitation-settings')
  @ApiOperation({ summary: "Set the program's invitation reminder offsets (organizers)" })
  @ApiOkResponse({ type: InvitationSettingsResponse })
  @ApiJsonBodyErrors()
  setSettings(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
    @Body() body: InvitationSettingsRequest,
  ): Promise<InvitationSettingsResponse> {
    return this.invitations.setSettings(actor, id, body.reminderOffsetsMinutes);
  }

  @Get('programs/:programId/absentees')
  @ApiOperation({
    summary:
      'Who did not come, by name and region: expected, registered, present; invited but absent, registered but absent',
  })
  @ApiOkResponse({ type: AbsenteesResponse })
  @ApiErrors(400)
  async absenteesReportProgram(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
  ): Promise<AbsenteesResponse> {
    return this.absentees.report(actor, { type: 'program', id });
  }

  @Get('sessions/:sessionId/absentees')
  @ApiOperation({
    summary:
      'Who did not come, by name and region: expected, registered, present; invited but absent, registered but absent',
  })
  @ApiOkResponse({ type: AbsenteesResponse })
  @ApiErrors(400)
  async absenteesReportSession(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
  ): Promise<AbsenteesResponse> {
    return this.absentees.report(actor, { type: 'session', id });
  }

  @Get('programs/:programId/absentees.csv')
  @ApiOperation({ summary: 'The absentees as CSV (`kind`: invited, registered or all)' })
  @ApiCsvResponse(
    'one line per absent person',
    'kind,region,full_name,email,phone,organization,position,status,listed\r\n',
  )
  @ApiErrors(400)
  @Header('content-type', 'text/csv; charset=utf-8')
  async absenteesCsvProgram(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
    @Query() q: AbsenteesCsvQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const csv = await this.absentees.csv(actor, { type: 'program', id }, q.kind ?? 'all');
    res.setHeader('content-disposition', `attachment; filename="absentees-${id}.csv"`);
    return csv;
  }

  @Get('sessions/:sessionId/absentees.csv')
  @ApiOperation({ summary: 'The absentees as CSV (`kind`: invited, registered or all)' })
  @ApiCsvResponse(
    'one line per absent person',
    'kind,region,full_name,email,phone,organization,position,status,listed\r\n',
  )
  @ApiErrors(400)
  @Header('content-type', 'text/csv; charset=utf-8')
  async absenteesCsvSession(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
    @Query() q: AbsenteesCsvQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const csv = await this.absentees.csv(actor, { type: 'session', id }, q.kind ?? 'all');
    res.setHeader('content-disposition', `attachment; filename="absentees-${id}.csv"`);
    return csv;
  }

  @Post('sessions/:sessionId/absentees/follow-up')
  @HttpCode(202)
  @ApiOperation({
    summary:
      "Write to a session's absentees: the recording and the module's next session (the worker sends them)",
  })
  @ApiResponse({ status: 202, type: FollowUpResponse, description: 'recorded' })
  @ApiJsonBodyErrors()
  followUp(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
    @Body() body: FollowUpRequest,
  ): Promise<FollowUpResponse> {
    return this.absentees.requestFollowUp(actor, id, body);
  }
}

/** The people with their counts per status, overall and region by region. */
function withCounts(items: ListedPerson[]): ExpectedListResponse {
  const counts: Record<string, number> = {};
  const regions = new Map<number, Record<string, number>>();
  for (const p of items) {
    counts[p.status] = (counts[p.status] ?? 0) + 1;
    const r = regions.get(p.regionId) ?? {};
    r[p.status] = (r[p.status] ?? 0) + 1;
    regions.set(p.regionId, r);
  }
  return { items, counts, regions: [...regions].map(([regionId, c]) => ({ regionId, counts: c })) };
}
