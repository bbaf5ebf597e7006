/** Reading the personal join link of a reminder e-mail (`/join/<registration>?t=<join token>`). */
import { claimsOf } from './token-expiry';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The session a join token is for (its `ses` claim); the gateway verifies the token itself. */
export function sessionOfJoinToken(token: string): string | null {
  const ses = claimsOf(token)?.ses;
  return typeof ses === 'string' && UUID.test(ses) ? ses : null;
}
