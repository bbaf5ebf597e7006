/**
 * When the live socket's token expires, read from the token itself (the gateway verifies it; the
 * page only needs to know when to refresh it over the socket with `auth:refresh`).
 */

/** The claims of a JWT (its middle part, base64url), or null for anything else. */
export function claimsOf(token: string): Record<string, unknown> | null {
  try {
    const part = token.split('.')[1] ?? '';
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const claims = JSON.parse(json) as unknown;
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The token's expiry in ms since the epoch, or null when it has none. */
export function tokenExpiresAt(token: string | undefined): number | null {
  const exp = token ? claimsOf(token)?.exp : undefined;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
}

/**
 * How long to wait before refreshing a token expiring at `expiresAt`: a minute ahead, or half the
 * time left when that is less (a short-lived token), never negative.
 */
export function refreshDelay(expiresAt: number, now: number): number {
  const left = expiresAt - now;
  return Math.max(0, left - Math.min(60_000, left / 2));
}
