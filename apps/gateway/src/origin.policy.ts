/**
 * Decides whether a browser origin may open a socket. Requests without an Origin header are not
 * from a browser page (and a non-browser client could claim any origin anyway): the token is
 * what authenticates them. With no list configured, only pages served from the gateway's own
 * host are allowed.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (!origin) return true;
  if (allowed.length) return allowed.includes(origin);
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}
