import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, ApiConfig } from '@qatys/config';
import { Actor, JoinTokensService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, Bearer } from '../common/openapi';
import { ReaderZone } from '../common/time-view';
import { uuidParam } from '../registrations/uuid.pipe';
import { ReportQuery } from './attendance.request';
import { JoinTokenResponse } from './attendance.response';

@ApiTags('registrations')
@Bearer()
@Controller('me/registrations')
export class JoinTokenController {
  constructor(
    private readonly tokens: JoinTokensService,
    @Inject(APP_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Get(':id/join-token')
  @ApiOperation({
    summary:
      'My personal join token for a registered seat (the link in reminder e-mails carries the same): the /live handshake accepts it until an hour after the session',
  })
  @ApiOkResponse({ type: JoinTokenResponse })
  @ApiErrors(
    400,
    [404, 'not one of my registrations: registration_not_found'],
    [409, 'not_registered (waitlisted or cancelled), session_cancelled, session_ended'],
  )
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Query() _q: ReportQuery,
    @ReaderZone() zone: string,
  ): Promise<JoinTokenResponse> {
    return JoinTokenResponse.of(await this.tokens.issueForOwner(actor, id, this.config.JWT_SECRET), zone);
  }
}
