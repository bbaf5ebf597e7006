import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, WebhookEndpointsService } from '@qatys/domain';
import { CurrentActor, Roles } from '../common/current-actor.decorator';
import { UuidParam } from '../catalog/catalog-common.request';
import { CreateWebhookRequest, ListWebhooksQuery, UpdateWebhookRequest } from './webhooks.request';
import { WebhookResponse, WebhookWithSecretResponse } from './webhooks.response';

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin', 'organizer')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookEndpointsService) {}

  @Get()
  @ApiOperation({ summary: "Your organization's webhook endpoints (admins: ?organizationId=)" })
  @ApiOkResponse({ type: [WebhookResponse] })
  async list(@CurrentActor() actor: Actor, @Query() q: ListWebhooksQuery): Promise<WebhookResponse[]> {
    return (await this.webhooks.list(actor, q.organizationId)).map(WebhookResponse.of);
  }

  @Post()
  @ApiOperation({
    summary: 'Add an endpoint; its signing secret is in this response only',
    description:
      'Attendees who chose the webhook channel get their reminders and notices here as JSON POSTs, signed: ' +
      'X-Qatys-Timestamp (unix seconds) and X-Qatys-Signature = "v1=" + hex HMAC-SHA256(secret, "<timestamp>.<body>"). ' +
      'Non-2xx answers are retried with exponential backoff.',
  })
  @ApiCreatedResponse({ type: WebhookWithSecretResponse })
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateWebhookRequest,
  ): Promise<WebhookWithSecretResponse> {
    return WebhookWithSecretResponse.withSecret(await this.webhooks.create(actor, body));
  }

  @Patch(':id')
  @ApiOkResponse({ type: WebhookResponse })
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdateWebhookRequest,
  ): Promise<WebhookResponse> {
    return WebhookResponse.of(await this.webhooks.update(actor, id, body));
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret (the old one stops at once)' })
  @ApiOkResponse({ type: WebhookWithSecretResponse })
  async rotate(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
  ): Promise<WebhookWithSecretResponse> {
    return WebhookWithSecretResponse.withSecret(await this.webhooks.rotateSecret(actor, id));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    await this.webhooks.remove(actor, id);
  }
}
