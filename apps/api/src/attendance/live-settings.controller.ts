import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, LiveSettingsService } from '@qatys/domain';
import { CurrentActor, Roles } from '../common/current-actor.decorator';
import { uuidParam } from '../registrations/uuid.pipe';
import { CompletionRuleRequest, LiveSettingsRequest } from './attendance.request';
import { CompletionRuleResponse, LiveSettingsResponse } from './attendance.response';

/** Organizer settings of the live context, kept in its own tables (defaults when never set). */
@ApiTags('attendance')
@ApiBearerAuth()
@Roles('admin', 'organizer')
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
  async putRule(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
    @Body() body: CompletionRuleRequest,
  ): Promise<CompletionRuleResponse> {
    return CompletionRuleResponse.of(await this.settings.putCompletionRule(actor, id, body));
  }
}
