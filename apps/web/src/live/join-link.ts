/** Reading the personal join link of a reminder e-mail (`/join/<registration>?t=<join token>`). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The session a join token is for (its `ses` claim); the gateway verifies the token itself. */
export function sessionOfJoinToken(token: string): string | null {
  try {
    const part = token.split('.')[1] ?? '';
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const ses = (JSON.parse(json) as { ses?: unknown }).ses;
    return typeof ses === 'string' && UUID.test(ses) ? ses : null;
  } catch {
    return null;
  }
}
