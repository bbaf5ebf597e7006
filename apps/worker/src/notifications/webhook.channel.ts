import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';

/**
 * Webhooks: one signed POST (the domain computed body and headers), bounded by
 * DELIVERY_TIMEOUT_SECONDS. 2xx is delivered; anything else, a refused connection or a timeout
 * is a failed attempt that the queue retries with backoff. Redirects are not followed: a
 * signature is for the URL the organizer registered.
 */
@Injectable()
export class WebhookChannel {
  constructor(@Inject(APP_CONFIG) private readonly config: WorkerConfig) {}

  async post(url: string, body: string, headers: Record<string, string>): Promise<{ ref: string }> {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        body,
        headers: { ...headers, 'user-agent': 'Qatys-Webhooks/1' },
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.DELIVERY_TIMEOUT_SECONDS * 1000),
      });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      throw new Error(`${err.cause?.code ?? err.name}: ${err.cause?.message ?? err.message}`);
    }
    const text = (await res.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ').trim();
    if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}${text ? ` ${text}` : ''}`);
    return { ref: `HTTP ${res.status}` };
  }
}
