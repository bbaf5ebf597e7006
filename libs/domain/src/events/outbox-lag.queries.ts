/** DataSource or EntityManager. */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * How long the oldest unprocessed event has waited (seconds; 0 when none waits) and how many
 * wait: the outbox's lag, for /metrics. The partial index on unprocessed ids keeps it cheap.
 */
export async function outboxLag(q: Queryable): Promise<{ ageSeconds: number; pending: number }> {
  const [row] = (await q.query(
    `SELECT COALESCE(EXTRACT(EPOCH FROM now() - (SELECT occurred_at FROM domain_events
                                                  WHERE processed_at IS NULL ORDER BY id LIMIT 1)), 0)::float8 AS age,
            (SELECT count(*) FROM domain_events WHERE processed_at IS NULL)::int AS pending`,
  )) as Array<{ age: number; pending: number }>;
  return { ageSeconds: Math.max(0, row.age), pending: row.pending };
}
