import { Body, Controller, Get, Header, Param, Put, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, EngagementSettingsService, POLL_ANSWER_COLUMNS, PollsReportService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiCsvResponse, ApiErrors, ApiJsonBodyErrors, Bearer, Roles } from '../common/openapi';
import { uuidParam } from '../registrations/uuid.pipe';
import { EngagementSettingsRequest } from './engagement.request';
import { EngagementSettingsResponse, SessionPollsResponse } from './engagement.response';

const STAFF_403 = [403, 'not staff of the session: forbidden, not_registered'] as [403, string];

/** A session's polls afterwards (results per region, answers as CSV) and its engagement settings. */
@ApiTags('engagement')
@Bearer()
@Controller('sessions/:sessionId')
export class SessionPollsController {
  constructor(
    private readonly reports: PollsReportService,
    private readonly settings: EngagementSettingsService,
  ) {}

  @Get('polls')
  @ApiOperation({
    summary:
      "The session's polls and quizzes that were opened, each with its tally overall and per region (a coordinator: their regions' answers)",
  })
  @ApiOkResponse({ type: SessionPollsResponse })
  @ApiErrors(400, STAFF_403, 404)
  async report(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
  ): Promise<SessionPollsResponse> {
    return SessionPollsResponse.of(await this.reports.report(actor, id));
  }

  @Get('polls.csv')
  @ApiOperation({
    summary:
      'Every answer as CSV, one line per person and poll (anonymous polls name nobody); texts in the reader’s language; cells a spreadsheet would run as formulas are prefixed with an apostrophe',
  })
  @ApiCsvResponse('one line per answer', `${POLL_ANSWER_COLUMNS.join(',')}\r\n`)
  @ApiErrors(400, STAFF_403, 404)
  @Header('content-type', 'text/csv; charset=utf-8')
  async csv(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const csv = await this.reports.csv(actor, id);
    res.setHeader('content-disposition', `attachment; filename="polls-session-${id}.csv"`);
    return csv;
  }

  @Get('engagement-settings')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Chat on/off (off by default) and chat pre-moderation of a session' })
  @ApiOkResponse({ type: EngagementSettingsResponse })
  @ApiErrors(400, 404)
  async getSettings(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
  ): Promise<EngagementSettingsResponse> {
    return EngagementSettingsResponse.of(await this.settings.get(actor, id));
  }

  @Put('engagement-settings')
  @Roles('admin', 'organizer')
  @ApiOperation({
    summary: 'Change them (fields left out keep their value); live pages follow within seconds',
  })
  @ApiOkResponse({ type: EngagementSettingsResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404)
  async putSettings(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
    @Body() body: EngagementSettingsRequest,
  ): Promise<EngagementSettingsResponse> {
    return EngagementSettingsResponse.of(await this.settings.put(actor, id, body));
  }
}
