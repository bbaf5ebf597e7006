import { ApiProperty } from '@nestjs/swagger';
import type { WebhookEndpoint, WebhookEndpointWithSecret } from '@qatys/domain';

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static of(w: WebhookEndpoint): WebhookResponse {
    return {
      id: w.id,
      organizationId: w.organizationId,
      url: w.url,
      description: w.description,
      active: w.active,
      createdAt: w.createdAt.toISOString(),
    };
  }
}

export class WebhookWithSecretResponse extends WebhookResponse {
  @ApiProperty({
    example: 'whsec_...',
    description:
      'shown only now: verify X-Qatys-Signature = "v1=" + hex(HMAC-SHA256(secret, X-Qatys-Timestamp + "." + body))',
  })
  secret!: string;

  static withSecret(w: WebhookEndpointWithSecret): WebhookWithSecretResponse {
    return { ...WebhookResponse.of(w), secret: w.secret };
  }
}

export class NotificationSettingsResponse {
  @ApiProperty({ enum: ['email', 'webhook'] }) channel!: 'email' | 'webhook';
}
