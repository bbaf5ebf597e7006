import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, VideoSettingsService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer, Roles } from '../common/openapi';
import { uuidParam } from '../registrations/uuid.pipe';
import { VideoSettingsRequest } from './rooms.request';
import { VideoSettingsResponse } from './rooms.response';

/** Which video provider runs a program's or a session's rooms. */
@ApiTags('rooms')
@Bearer()
@Roles('admin', 'organizer')
@ApiErrors(404)
@Controller()
export class VideoSettingsController {
  constructor(private readonly settings: VideoSettingsService) {}

  @Get('sessions/:sessionId/video-settings')
  @ApiOperation({ summary: "The session's video provider (set, inherited, effective) and its room's state" })
  @ApiOkResponse({ type: VideoSettingsResponse })
  getSession(@CurrentActor() actor: Actor, @Param('sessionId', uuidParam('sessionId')) id: string) {
    return this.settings.get(actor, 'session', id);
  }

  @Put('sessions/:sessionId/video-settings')
  @ApiOperation({ summary: "Choose the session's video provider (null: inherit)" })
  @ApiOkResponse({ type: VideoSettingsResponse })
  @ApiJsonBodyErrors()
  putSession(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
    @Body() body: VideoSettingsRequest,
  ) {
    return this.settings.put(actor, 'session', id, body);
  }

  @Get('programs/:programId/video-settings')
  @ApiOperation({ summary: "The program's video provider" })
  @ApiOkResponse({ type: VideoSettingsResponse })
  getProgram(@CurrentActor() actor: Actor, @Param('programId', uuidParam('programId')) id: string) {
    return this.settings.get(actor, 'program', id);
  }

  @Put('programs/:programId/video-settings')
  @ApiOperation({ summary: "Choose the program's video provider (null: the default)" })
  @ApiOkResponse({ type: VideoSettingsResponse })
  @ApiJsonBodyErrors()
  putProgram(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
    @Body() body: VideoSettingsRequest,
  ) {
    return this.settings.put(actor, 'program', id, body);
  }
}
