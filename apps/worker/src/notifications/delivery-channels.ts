import { Injectable } from '@nestjs/common';
import type { DeliveryChannels, EmailMessage } from '@qatys/domain';
import { EmailChannel } from './email.channel';
import { WebhookChannel } from './webhook.channel';

/** The transports the domain's delivery service sends through. */
@Injectable()
export class WorkerDeliveryChannels implements DeliveryChannels {
  constructor(
    private readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
  ) {}

  sendEmail(message: EmailMessage): Promise<{ ref: string }> {
    return this.email.send(message);
  }

  postWebhook(url: string, body: string, headers: Record<string, string>): Promise<{ ref: string }> {
    return this.webhook.post(url, body, headers);
  }
}
