import { createHmac, timingSafeEqual } from 'crypto';

/**
 * The link of a password-reset mail: `<user id>.<expiry, unix seconds in base 36>.<MAC>` where the
 * MAC is HMAC-SHA256(secret, "pwreset:" + id + ":" + expiry + ":" + current password hash).
 * Derived, not stored: the worker writes it when the mail goes out, the api checks it. It is
 * short-lived (the expiry is inside the MAC) and single-use without a table of tokens: setting a
 * password changes the hash, so every link made before no longer verifies.
 */
export const PASSWORD_RESET_TTL_SECONDS = 30 * 60;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const mac = (secret: string, userId: string, exp: string, passwordHash: string | null) =>
  createHmac('sha256', secret)
    .update(`pwreset:${userId}:${exp}:${passwordHash ?? ''}`)
    .digest('base64url')
    .slice(0, 43);

export function passwordResetToken(
  secret: string,
  userId: string,
  passwordHash: string | null,
  expiresAt: Date,
): string {
  const exp = Math.floor(expiresAt.getTime() / 1000).toString(36);
  return `${userId}.${exp}.${mac(secret, userId, exp, passwordHash)}`;
}

/** The parts of a well-formed token (not yet checked against the account), or null. */
export function parsePasswordResetToken(token: unknown): { userId: string; expiresAt: Date } | null {
  if (typeof token !== 'string' || token.length > 120) return null;
  const [userId, exp, sig, ...rest] = token.split('.');
  if (rest.length || !userId || !exp || !sig || !UUID.test(userId) || !/^[0-9a-z]{1,10}$/.test(exp))
    return null;
  return { userId, expiresAt: new Date(parseInt(exp, 36) * 1000) };
}

/** True when `token` was made for this account as it is now and has not expired. */
export function verifyPasswordResetToken(
  secret: string,
  token: string,
  passwordHash: string | null,
  now: Date,
): boolean {
  const parts = parsePasswordResetToken(token);
  if (!parts || parts.expiresAt.getTime() <= now.getTime()) return false;
  const [userId, exp, sig] = token.split('.');
  const expected = Buffer.from(mac(secret, userId, exp, passwordHash));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The web app's page that asks for the new password. */
export function passwordResetUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/app/reset-password?token=${encodeURIComponent(token)}`;
}
