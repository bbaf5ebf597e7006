interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Questions waiting for a moderator, per session that is not over (scheduled or live), with the
 * age of the oldest: the Q&A moderation backlog, for /metrics.
 */
export async function moderationBacklog(
  q: Queryable,
): Promise<Array<{ sessionId: string; pending: number; oldestSeconds: number }>> {
  const rows = (await q.query(
    `SELECT qn.session_id, count(*)::int AS pending,
            EXTRACT(EPOCH FROM now() - min(qn.created_at))::float8 AS oldest
       FROM questions qn JOIN sessions s ON s.id = qn.session_id
      WHERE qn.status = 'pending' AND s.status NOT IN ('ended', 'cancelled')
      GROUP BY qn.session_id`,
  )) as Array<{ session_id: string; pending: number; oldest: number }>;
  return rows.map((r) => ({ sessionId: r.session_id, pending: r.pending, oldestSeconds: r.oldest }));
}
