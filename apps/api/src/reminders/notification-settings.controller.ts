import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, NotificationPreferencesService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiJsonBodyErrors, Bearer } from '../common/openapi';
import { NotificationSettingsRequest } from './webhooks.request';
import { NotificationSettingsResponse } from './webhooks.response';

@ApiTags('reminders')
@Bearer()
@Controller('me/notification-settings')
export class NotificationSettingsController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get()
  @ApiOperation({ summary: 'How I get reminders and notices' })
  @ApiOkResponse({ type: NotificationSettingsResponse })
  get(@CurrentActor() actor: Actor): Promise<NotificationSettingsResponse> {
    return this.preferences.get(actor.userId);
  }

  @Put()
  @ApiOperation({
    summary: 'How you get reminders and notices: e-mail (default) or your organization webhook',
  })
  @ApiOkResponse({ type: NotificationSettingsResponse })
  @ApiJsonBodyErrors()
  set(
    @CurrentActor() actor: Actor,
    @Body() body: NotificationSettingsRequest,
  ): Promise<NotificationSettingsResponse> {
    return this.preferences.set(actor.userId, body.channel);
  }
}
