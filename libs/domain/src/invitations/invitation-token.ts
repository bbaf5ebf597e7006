import { createHmac, timingSafeEqual } from 'crypto';

/**
 * The personal link of an invitation: `<invitee id>.<HMAC-SHA256(secret, "invite:" + id)>`.
 * Derived, not stored: every mail of one invitation (the invitation, its reminders, a follow-up)
 * carries the same link, and a database leak yields no link. It lets its holder register, decline
 * and, for an account made from the list, set the first password — as a password-reset link does.
 */
export interface InvitationLinks {
  /** JWT_SECRET: the api checks links, the worker writes them. */
  secret: string;
  /** Base of the links (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
}

export const INVITATION_LINKS = Symbol('INVITATION_LINKS');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const mac = (secret: string, id: string) =>
  createHmac('sha256', secret).update(`invite:${id}`).digest('base64url').slice(0, 32);

export function invitationToken(secret: string, inviteeId: string): string {
  return `${inviteeId}.${mac(secret, inviteeId)}`;
}

/** The invitee id a token stands for, or null for anything forged, cut or malformed. */
export function verifyInvitationToken(secret: string, token: string): string | null {
  if (typeof token !== 'string' || token.length > 100) return null;
  const [id, sig, ...rest] = token.split('.');
  if (rest.length || !id || !sig || !UUID.test(id)) return null;
  const expected = Buffer.from(mac(secret, id));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

/** The web app's landing page of an invitation. */
export function invitationUrl(links: InvitationLinks, inviteeId: string): string {
  return `${links.publicBaseUrl.replace(/\/+$/, '')}/app/invite/${invitationToken(links.secret, inviteeId)}`;
}
