import { createHmac } from 'crypto';
import { newWebhookSecret, signWebhook, verifyWebhookSignature, webhookHeaders } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = JSON.stringify({ id: 'notice-1', type: 'session.cancelled' });
  const now = new Date('2024-06-20T10:00:00Z');

  it('signs "<timestamp>.<body>" with HMAC-SHA256 of the endpoint secret', () => {
    const ts = Math.floor(now.getTime() / 1000);
    const expected = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
    expect(signWebhook(secret, ts, body)).toBe(`v1=${expected}`);
    const h = webhookHeaders(secret, body, { deliveryKey: 'notice-1', kind: 'session.cancelled' }, now);
    expect(h['x-qatys-timestamp']).toBe(String(ts));
    expect(h['x-qatys-signature']).toBe(`v1=${expected}`);
    expect(h['x-qatys-delivery']).toBe('notice-1');
  });

  it('verifies a good signature and refuses a changed body, another secret, or an old timestamp', () => {
    const h = webhookHeaders(secret, body, { deliveryKey: 'k', kind: 'reminder' }, now);
    const input = { timestamp: h['x-qatys-timestamp'], signature: h['x-qatys-signature'], body };
    expect(verifyWebhookSignature(secret, input, now)).toBe(true);
    expect(verifyWebhookSignature(secret, { ...input, body: body + ' ' }, now)).toBe(false);
    expect(verifyWebhookSignature('other', input, now)).toBe(false);
    expect(verifyWebhookSignature(secret, input, new Date(now.getTime() + 301_000))).toBe(false);
    expect(verifyWebhookSignature(secret, { ...input, signature: undefined }, now)).toBe(false);
    expect(verifyWebhookSignature(secret, { ...input, timestamp: 'soon' }, now)).toBe(false);
  });

  it('makes a fresh, long secret each time', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
