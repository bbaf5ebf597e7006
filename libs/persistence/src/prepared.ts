import type { DataSource } from 'typeorm';

interface PgPool {
  query<R>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
}

/**
 * Runs a statement as a named prepared statement on whichever pooled connection takes it, so
 * Postgres plans it once per connection instead of on every call. For the few statements a
 * burst runs thousands of times: a reminder's load-and-claim took 2.6 ms to plan and 0.3 ms to
 * run (8 joins), and planning is CPU the same two cores need for sending. Outside a transaction
 * only (it takes its own connection from the pool). `name` must be unique to `text`.
 */
export async function preparedQuery<R>(
  ds: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<R[]> {
  // TypeORM's Postgres driver keeps its pg.Pool here; another driver just plans each time.
  const pool = (ds.driver as unknown as { master?: PgPool }).master;
  if (!pool || typeof pool.query !== 'function') return ds.query(text, values);
  return (await pool.query<R>({ name, text, values })).rows;
}
