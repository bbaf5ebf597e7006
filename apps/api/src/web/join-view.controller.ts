import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiJsonBodyErrors, Public } from '../common/openapi';
import { ReaderZone } from '../common/time-view';
import { JoinViewRequest } from './join-view.request';
import { JoinViewResponse } from './join-view.response';
import { JoinViews } from './join-views';

/**
 * The attendee page opened from a reminder's join link has no password and no access token, only
 * the personal join token. This reads, for that token's one session, what the page shows beside
 * the socket: title, times, video link, status, and the questions the audience sees. The token
 * is sent in the body, never in a URL (URLs end up in logs).
 */
@ApiTags('web')
@Controller('app')
export class JoinViewController {
  constructor(private readonly views: JoinViews) {}

  @Public()
  @Post('join-view')
  @HttpCode(200)
  @ApiOperation({ summary: 'The session of a personal join token, with its approved and answered questions' })
  @ApiOkResponse({ type: JoinViewResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(
    [401, 'the join token (in the body) is forged, expired or not a join token: unauthorized'],
    [404, 'the session is gone: session_not_found'],
  )
  view(@Body() body: JoinViewRequest, @ReaderZone() zone: string): Promise<JoinViewResponse> {
    return this.views.view(body.token, body.questionsPage ?? 1, body.questionsOrder ?? 'votes', zone);
  }
}
