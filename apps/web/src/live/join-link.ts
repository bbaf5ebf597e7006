/** Reading the personal join link of a reminder e-mail (`/join/<registration>?t=<join token>`). */
import { claimsOf } from './token-expiry';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The session a join token is for (its `ses` claim); the gateway verifies the token itself. */
export function sessionOfJoinToken(token: string): string | null {
  const ses = claimsOf(token)?.ses;
  return typeof ses === 'string' && UUID.test(ses) ? ses : null;
}

/** Where a join link's token is kept for the tab (a reload keeps working without it in the URL). */
export const JOIN_KEY = 'qatys.join.';

/** The join token kept for this tab for a session, if any (none when storage is blocked). */
export function storedJoinToken(sessionId: string): string | undefined {
  try {
    return sessionStorage.getItem(JOIN_KEY + sessionId) || undefined;
  } catch {
    return undefined;
  }
}

const PAGES_KEY = 'qatys.join-pages.';

/**
 * How many question pages this tab last saw for a session's join view: after a reload (the token
 * no longer in the address, so the api wrote no count into the page) the entry asks for that many
 * at once; the first answer corrects it. Undefined when none is kept or storage is blocked.
 */
export function storedPageCount(sessionId: string): string | undefined {
  try {
    return sessionStorage.getItem(PAGES_KEY + sessionId) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberPageCount(sessionId: string, pages: number): void {
  try {
    sessionStorage.setItem(PAGES_KEY + sessionId, String(pages));
  } catch {
    // Storage blocked: a reload asks for the first page, then the rest.
  }
}

export interface JoinLinkRewrite {
  sessionId: string;
  token: string;
  /** The address to show instead: the session's page, no token in it. */
  url: string;
}

/**
 * A join link as opened (`/join/<registration>?t=<token>`, `/app/join/...`, `token=` or the
 * #fragment too), read before the page is drawn: the session it is for and the clean address to
 * put in the bar. Done before React renders so the page is drawn once at its final address
 * (changing it while drawn remounted the whole live view: a second socket, second requests).
 * Null for anything else.
 */
export function joinLinkRewrite(pathname: string, search: string, hash: string): JoinLinkRewrite | null {
  if (!/^(\/app)?\/join(\/|$)/.test(pathname)) return null;
  const q = new URLSearchParams(search);
  const h = new URLSearchParams(hash.replace(/^#/, ''));
  const token = q.get('t') ?? q.get('token') ?? h.get('t') ?? h.get('token');
  if (!token) return null;
  const sessionId = sessionOfJoinToken(token);
  if (!sessionId) return null;
  return { sessionId, token, url: `/app/join/${sessionId}` };
}
