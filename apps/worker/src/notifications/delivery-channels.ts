import { Injectable, Optional } from '@nestjs/common';
import type { DeliveryChannels, EmailMessage } from '@qatys/domain';
import { inSpan, SpanKind } from '@qatys/observability';
import { WorkerMetrics } from '../worker.metrics';
import { EmailChannel } from './email.channel';
import { WebhookChannel } from './webhook.channel';

/**
 * The transports the domain's delivery service sends through — each send counted by channel and
 * outcome, and a client span of the job's trace (SMTP and fetch have no auto-instrumentation).
 */
@Injectable()
export class WorkerDeliveryChannels implements DeliveryChannels {
  constructor(
    private readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
    @Optional() private readonly metrics?: WorkerMetrics,
  ) {}

  sendEmail(message: EmailMessage): Promise<{ ref: string }> {
    return this.counted('email', () =>
      inSpan('smtp send', { 'messaging.message.id': message.messageId }, () => this.email.send(message), {
        kind: SpanKind.CLIENT,
      }),
    );
  }

  postWebhook(url: string, body: string, headers: Record<string, string>): Promise<{ ref: string }> {
    return this.counted('webhook', () =>
      inSpan('webhook POST', { 'url.full': url }, () => this.webhook.post(url, body, headers), {
        kind: SpanKind.CLIENT,
      }),
    );
  }

  private async counted<T>(channel: string, send: () => Promise<T>): Promise<T> {
    try {
      const r = await send();
      this.metrics?.deliveries.inc({ channel, outcome: 'sent' });
      return r;
    } catch (e) {
      this.metrics?.deliveries.inc({ channel, outcome: 'failed' });
      throw e;
    }
  }
}
