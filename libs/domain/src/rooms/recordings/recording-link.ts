import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A recording's playback link for one person: `<session>.<user>.<expiry>.<HMAC>`. A `<video>`
 * element cannot send an Authorization header, so the page asks for this link with its token and
 * gives the link to the player; the link alone opens only that recording, for a few hours, and
 * the person's right is checked again on every request.
 */
export const RECORDING_LINK_TTL_SECONDS = 6 * 3600;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`qatys-recording-link:${body}`).digest('base64url');
}

export function signRecordingLink(
  secret: string,
  claims: { sessionId: string; userId: string },
  now = new Date(),
): { token: string; expiresAt: Date } {
  const exp = Math.floor(now.getTime() / 1000) + RECORDING_LINK_TTL_SECONDS;
  const body = `${claims.sessionId}.${claims.userId}.${exp}`;
  return { token: `${body}.${mac(secret, body)}`, expiresAt: new Date(exp * 1000) };
}

/** The link's claims when it is ours, unchanged and not expired; else null. */
export function verifyRecordingLink(
  secret: string,
  token: string,
  now = new Date(),
): { sessionId: string; userId: string } | null {
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [sessionId, userId, exp, sig] = parts;
  if (!UUID.test(sessionId) || !UUID.test(userId) || !/^\d{1,12}$/.test(exp)) return null;
  const expected = Buffer.from(mac(secret, `${sessionId}.${userId}.${exp}`));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (Number(exp) * 1000 <= now.getTime()) return null;
  return { sessionId, userId };
}
