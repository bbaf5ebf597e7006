import {
  BadRequestException,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, ApiConfig } from '@qatys/config';
import { Actor, CalendarService, IcsFile } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiIcsResponse, Bearer, CalendarFeedToken, Public } from '../common/openapi';
import { PersonalFeedQuery, SessionCalendarQuery } from './calendar.request';
import { CalendarTokenResponse } from './calendar.response';
import { OptionalActorGuard } from './optional-actor.guard';

const SessionIdPipe = new ParseUUIDPipe({
  exceptionFactory: () =>
    new BadRequestException({ code: 'validation_failed', message: 'id must be a UUID' }),
});

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    @Inject(APP_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Public({ optionalBearer: true })
  @UseGuards(OptionalActorGuard)
  @Get('sessions/:id/calendar.ics')
  @ApiOperation({
    summary: 'One session as an iCalendar file (RFC 5545): "add to calendar"',
    description:
      "Public for sessions of published or archived programs. A draft program's session needs an organizer or admin " +
      "bearer token; without one it is a 404. Language: ?lang, else the signed-in reader's, else ru. " +
      'The UID is stable and SEQUENCE rises on every reschedule; cancelled sessions carry STATUS:CANCELLED. ' +
      'A bearer token that is invalid or expired is ignored (treated as none), never a 401.',
  })
  @ApiIcsResponse()
  @ApiErrors(400, [
    404,
    'No such session, or its program is a draft and the caller is not its organizer: session_not_found',
  ])
  async session(
    @Param('id', SessionIdPipe) id: string,
    @Query() query: SessionCalendarQuery,
    @CurrentActor() actor: Actor | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const file = await this.calendar.sessionCalendar(id, { actor, lang: query.lang });
    return sendIcs(res, file, 'attachment', 'no-cache');
  }

  @CalendarFeedToken()
  @Get('me/calendar.ics')
  @ApiOperation({
    summary: 'My calendar feed (subscribe URL), authenticated by its feed token, not a bearer token',
    description:
      'Every session I hold a seat (STATUS:CONFIRMED) or a waitlist place (STATUS:TENTATIVE) for, plus the sessions ' +
      'I was registered to that were cancelled (STATUS:CANCELLED, so calendar apps remove them). ' +
      'The token goes in ?token= (the calendarFeedToken scheme): a missing, invalid or revoked token is a 401.',
  })
  @ApiIcsResponse()
  @ApiErrors(400)
  async feed(@Query() query: PersonalFeedQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    const file = await this.calendar.personalFeed(query.token, query.lang);
    return sendIcs(res, file, 'inline', 'private, no-store');
  }

  @Bearer()
  @Post('me/calendar-token')
  @ApiOperation({
    summary: 'Create my calendar feed URL; any earlier feed URL stops working',
    description: 'The token is shown only in this answer. DELETE /me/calendar-token revokes it.',
  })
  @ApiCreatedResponse({ type: CalendarTokenResponse })
  async issueToken(@CurrentActor() actor: Actor): Promise<CalendarTokenResponse> {
    const token = await this.calendar.issueFeedToken(actor.userId);
    const base = this.config.PUBLIC_BASE_URL.replace(/\/+$/, '');
    return { token, url: `${base}/me/calendar.ics?token=${encodeURIComponent(token)}` };
  }

  @Bearer()
  @Delete('me/calendar-token')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke my calendar feed URL' })
  @ApiNoContentResponse({ description: 'revoked (also when there was none)' })
  async revokeToken(@CurrentActor() actor: Actor): Promise<void> {
    await this.calendar.revokeFeedTokens(actor.userId);
  }
}

function sendIcs(res: Response, file: IcsFile, disposition: 'attachment' | 'inline', cache: string): string {
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Content-Disposition', `${disposition}; filename="${file.filename}"`);
  res.setHeader('Cache-Control', cache);
  return file.body;
}
