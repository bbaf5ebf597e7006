import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, ApiConfig } from '@qatys/config';
import { Actor, RoomsService, verifyJoinToken } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer, ErrorResponse, Public } from '../common/openapi';
import { uuidParam } from '../registrations/uuid.pipe';
import { mapMediaErrors } from './media-errors';
import { JoinLinkGrantRequest } from './rooms.request';
import { RoomGrantResponse } from './rooms.response';

const GRANT_ERRORS = [
  [
    403,
    'not registered, waitlisted, join window not open yet (details.opensAt), or another session: forbidden / not_registered / join_window_closed',
  ],
  [404, 'no such session: session_not_found'],
  [409, 'the session ended or was cancelled: session_ended / session_cancelled'],
] as const;
const unavailable = () =>
  ApiResponse({
    status: 503,
    type: ErrorResponse,
    description: 'the video server does not answer: media_server_unavailable (questions still work)',
  });

/**
 * Join grants: the same join rights as the live gateway, then a short-lived ticket for the
 * session's room (Janus token, BigBlueButton join URL, or the external link).
 */
@ApiTags('rooms')
@Controller()
export class RoomGrantsController {
  constructor(
    private readonly rooms: RoomsService,
    @Inject(APP_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Bearer()
  @Post('sessions/:sessionId/room-grant')
  @HttpCode(200)
  @ApiOperation({
    summary: "A join grant for the session's video room, for the signed-in person and their role",
  })
  @ApiOkResponse({ type: RoomGrantResponse })
  @unavailable()
  @ApiErrors(...GRANT_ERRORS.map(([s, t]) => [s, t] as [403 | 404 | 409, string]))
  grant(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) sessionId: string,
  ): Promise<RoomGrantResponse> {
    return mapMediaErrors(() =>
      this.rooms.grant(
        {
          userId: actor.userId,
          staff: { roles: actor.roles, coordinatorRegionIds: actor.coordinatorRegionIds },
        },
        sessionId,
      ),
    );
  }

  @Public()
  @Post('room-grants/join-link')
  @HttpCode(200)
  @ApiOperation({ summary: 'A join grant for the session of a personal join token (attendee role)' })
  @ApiOkResponse({ type: RoomGrantResponse })
  @unavailable()
  @ApiJsonBodyErrors()
  @ApiErrors(
    [401, 'the join token (in the body) is forged, expired or not a join token: unauthorized'],
    ...GRANT_ERRORS.map(([s, t]) => [s, t] as [403 | 404 | 409, string]),
  )
  byJoinLink(@Body() body: JoinLinkGrantRequest): Promise<RoomGrantResponse> {
    const claims = verifyJoinToken(this.config.JWT_SECRET, body.token);
    return mapMediaErrors(() =>
      this.rooms.grant(
        { userId: claims.sub, staff: null, joinToken: { registrationId: claims.reg, sessionId: claims.ses } },
        claims.ses,
      ),
    );
  }
}
