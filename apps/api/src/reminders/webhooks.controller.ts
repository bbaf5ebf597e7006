import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, WebhookEndpointsService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer, Roles } from '../common/openapi';
import { UuidParam } from '../catalog/catalog-common.request';
import { CreateWebhookRequest, ListWebhooksQuery, UpdateWebhookRequest } from './webhooks.request';
import { WebhookResponse, WebhookWithSecretResponse } from './webhooks.response';

@ApiTags('webhooks')
@Bearer()
@Roles('admin', 'organizer')
@ApiErrors([403, "Not an organizer or admin, or another organization's endpoints (admins only): forbidden"])
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookEndpointsService) {}

  @Get()
  @ApiOperation({ summary: "Your organization's webhook endpoints (admins: ?organizationId=)" })
  @ApiOkResponse({ type: [WebhookResponse] })
  @ApiErrors(400)
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
  @ApiJsonBodyErrors()
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateWebhookRequest,
  ): Promise<WebhookWithSecretResponse> {
    return WebhookWithSecretResponse.withSecret(await this.webhooks.create(actor, body));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an endpoint (URL, description, active)' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404)
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
  @ApiErrors(400, 404)
  async rotate(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
  ): Promise<WebhookWithSecretResponse> {
    return WebhookWithSecretResponse.withSecret(await this.webhooks.rotateSecret(actor, id));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an endpoint' })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiErrors(400, 404)
  async remove(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    await this.webhooks.remove(actor, id);
  }
}
