/**
 * Signed webhooks: `X-Qatys-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` with
 * `X-Qatys-Timestamp: <unix seconds>`. Signing the timestamp with the body lets a receiver refuse
 * replays: check the signature, then that the timestamp is recent.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

export const WEBHOOK_SIGNATURE_HEADER = 'x-qatys-signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'x-qatys-timestamp';
export const WEBHOOK_DELIVERY_HEADER = 'x-qatys-delivery';
export const WEBHOOK_EVENT_HEADER = 'x-qatys-event';
/** Receivers should refuse a timestamp further than this from their clock. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The headers of one webhook request (names lower-case). */
export function webhookHeaders(
  secret: string,
  body: string,
  meta: { deliveryKey: string; kind: string },
  now = new Date(),
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'content-type': 'application/json; charset=utf-8',
    [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
    [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
    [WEBHOOK_DELIVERY_HEADER]: meta.deliveryKey,
    [WEBHOOK_EVENT_HEADER]: meta.kind,
  };
}

/** What a receiver does (and what our tests do): constant-time compare, then the time window. */
export function verifyWebhookSignature(
  secret: string,
  input: { timestamp: string | undefined; signature: string | undefined; body: string },
  now = new Date(),
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
): boolean {
  const ts = Number(input.timestamp);
  if (!input.signature || !Number.isInteger(ts)) return false;
  if (Math.abs(Math.floor(now.getTime() / 1000) - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, ts, input.body));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** 32 random bytes, URL-safe: the per-endpoint secret. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;
