import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, LiveSettingsService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, Bearer, Roles } from '../common/openapi';
import { uuidParam } from '../registrations/uuid.pipe';
import { CompletionRuleRequest, LiveSettingsRequest } from './attendance.request';
import { CompletionRuleResponse, LiveSettingsResponse } from './attendance.response';

/** Organizer settings of the live context, kept in its own tables (defaults when never set). */
@ApiTags('attendance')
@Bearer()
@Roles('admin', 'organizer')
@ApiErrors(400, 404)
@Controller()
export class LiveSettingsController {
  constructor(private readonly settings: LiveSettingsService) {}

  @Get('sessions/:sessionId/live-settings')
  @ApiOperation({ summary: 'Join window, Q&A pre-moderation and recording link of a session' })
  @ApiOkResponse({ type: LiveSettingsResponse })
  async getSession(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
  ): Promise<LiveSettingsResponse> {
    return LiveSettingsResponse.of(await this.settings.getSession(actor, id));
  }

  @Put('sessions/:sessionId/live-settings')
  @ApiOperation({ summary: 'Change them (fields left out keep their value)' })
  @ApiOkResponse({ type: LiveSettingsResponse })
  @ApiErrors(413)
  async putSession(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
    @Body() body: LiveSettingsRequest,
  ): Promise<LiveSettingsResponse> {
    return LiveSettingsResponse.of(await this.settings.putSession(actor, id, body));
  }

  @Get('programs/:programId/completion-rules')
  @ApiOperation({ summary: 'When a session counts as completed, and how many modules complete the program' })
  @ApiOkResponse({ type: CompletionRuleResponse })
  async getRule(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
  ): Promise<CompletionRuleResponse> {
    return CompletionRuleResponse.of(await this.settings.getCompletionRule(actor, id));
  }

  @Put('programs/:programId/completion-rules')
  @ApiOperation({ summary: 'Change them (modulesRequired above the module count: 400)' })
  @ApiOkResponse({ type: CompletionRuleResponse })
  @ApiErrors(413)
  async putRule(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
    @Body() body: CompletionRuleRequest,
  ): Promise<CompletionRuleResponse> {
    return CompletionRuleResponse.of(await this.settings.putCompletionRule(actor, id, body));
  }
}
