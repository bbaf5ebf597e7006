import type { DataSource } from 'typeorm';
import type { NewUser, Role } from '@qatys/domain';
import type { ApiHarness, SignedIn } from './api-harness';

/** Signs in `n` users, `batch` at a time (password hashing is the slow part, even at the low cost). */
export async function signInMany(
  h: ApiHarness,
  n: number,
  input: Partial<NewUser> & { roles?: Role[] } = {},
  batch = 25,
): Promise<SignedIn[]> {
  const users: SignedIn[] = [];
  for (let i = 0; i < n; i += batch) {
    users.push(...(await Promise.all(Array.from({ length: Math.min(batch, n - i) }, () => h.signIn(input)))));
  }
  return users;
}

/** domain_events rows of a type about one session (payload.sessionId). */
export async function eventCount(ds: DataSource, type: string, sessionId: string): Promise<number> {
  const [row] = await ds.query(
    `SELECT count(*)::int AS n FROM domain_events WHERE type = $1 AND payload->>'sessionId' = $2`,
    [type, sessionId],
  );
  return row.n;
}

export async function seatCounts(
  ds: DataSource,
  sessionId: string,
): Promise<{ session: number; sections: Record<string, number> }> {
  const [s] = await ds.query(`SELECT registered_count AS n FROM sessions WHERE id = $1`, [sessionId]);
  const sections: { id: string; n: number }[] = await ds.query(
    `SELECT id, registered_count AS n FROM sections WHERE session_id = $1`,
    [sessionId],
  );
  return { session: s.n, sections: Object.fromEntries(sections.map((x) => [x.id, x.n])) };
}

/** Status counts straight from the table, to check the counters against the truth. */
export async function statusCounts(ds: DataSource, sessionId: string): Promise<Record<string, number>> {
  const rows: { status: string; n: number }[] = await ds.query(
    `SELECT status, count(*)::int AS n FROM registrations WHERE session_id = $1 GROUP BY status`,
    [sessionId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
