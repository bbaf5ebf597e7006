import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, invalid, RostersService, RosterScope } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer, Roles } from '../common/openapi';
import { ReplaceRosterRequest } from './roster.request';
import { RosterResponse } from './roster.response';
import { uuidParam } from './uuid.pipe';

const CSV_BODY = {
  schema: { type: 'string', example: 'region_code,expected\nKZ-59,150\nKZ-55,120\n' },
  description: 'CSV with the header `region_code,expected` (or `region,expected`), one line per region code.',
};

const CSV_INVALID =
  'csv_expected (not a text/csv body), or invalid_roster_csv listing every bad line in details.errors as ' +
  '{ line, code, params, message } (code: csv_empty, bad_header, too_many_rows, unterminated_quote, wrong_columns, ' +
  'region_empty, expected_invalid, expected_too_large, region_twice, unknown_region; params: got, max, region, first); nothing is written';

/**
 * Rosters of programs and sessions. Organizers/admins edit all of it; a coordinator reads and
 * edits only the lines of their regions; everybody else gets a 403.
 */
@ApiTags('rosters')
@Bearer()
@Roles('admin', 'organizer', 'coordinator')
@ApiErrors(
  [403, 'Not an organizer, admin or coordinator, or a coordinator touching another region: forbidden'],
  404,
)
@Controller()
export class RostersController {
  constructor(private readonly rosters: RostersService) {}

  @Get('programs/:programId/roster')
  @ApiOperation({ summary: 'Expected vs registered per region for a program' })
  @ApiOkResponse({ type: RosterResponse })
  @ApiErrors(400)
  async getProgram(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
  ): Promise<RosterResponse> {
    return RosterResponse.of(await this.rosters.get(actor, { type: 'program', id }));
  }

  @Get('sessions/:sessionId/roster')
  @ApiOperation({ summary: 'Expected vs registered per region for a session' })
  @ApiOkResponse({ type: RosterResponse })
  @ApiErrors(400)
  async getSession(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
  ): Promise<RosterResponse> {
    return RosterResponse.of(await this.rosters.get(actor, { type: 'session', id }));
  }

  @Put('programs/:programId/roster')
  @ApiOperation({ summary: "Replace a program's roster (a coordinator: the lines of their regions)" })
  @ApiOkResponse({ type: RosterResponse })
  @ApiJsonBodyErrors()
  async putProgram(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
    @Body() body: ReplaceRosterRequest,
  ): Promise<RosterResponse> {
    return RosterResponse.of(await this.rosters.replace(actor, { type: 'program', id }, body.entries));
  }

  @Put('sessions/:sessionId/roster')
  @ApiOperation({ summary: "Replace a session's roster (a coordinator: the lines of their regions)" })
  @ApiOkResponse({ type: RosterResponse })
  @ApiJsonBodyErrors()
  async putSession(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
    @Body() body: ReplaceRosterRequest,
  ): Promise<RosterResponse> {
    return RosterResponse.of(await this.rosters.replace(actor, { type: 'session', id }, body.entries));
  }

  @Post('programs/:programId/roster/import')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Replace a program's roster from CSV; any bad row: 400 listing { line, code, params, message }, nothing written",
  })
  @ApiConsumes('text/csv')
  @ApiBody(CSV_BODY)
  @ApiOkResponse({ type: RosterResponse })
  @ApiErrors([400, CSV_INVALID], [413, 'CSV body over 2 MB: payload_too_large'])
  async importProgram(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
    @Body() body: unknown,
  ): Promise<RosterResponse> {
    return this.import(actor, { type: 'program', id }, body);
  }

  @Post('sessions/:sessionId/roster/import')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Replace a session's roster from CSV; any bad row: 400 listing { line, code, params, message }, nothing written",
  })
  @ApiConsumes('text/csv')
  @ApiBody(CSV_BODY)
  @ApiOkResponse({ type: RosterResponse })
  @ApiErrors([400, CSV_INVALID], [413, 'CSV body over 2 MB: payload_too_large'])
  async importSession(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
    @Body() body: unknown,
  ): Promise<RosterResponse> {
    return this.import(actor, { type: 'session', id }, body);
  }

  private async import(actor: Actor, scope: RosterScope, body: unknown): Promise<RosterResponse> {
    if (typeof body !== 'string') {
      throw invalid(
        'csv_expected',
        'Send the roster as a text/csv body with the header region_code,expected',
      );
    }
    return RosterResponse.of(await this.rosters.importCsv(actor, scope, body));
  }
}
