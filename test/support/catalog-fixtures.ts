/** Helpers for the catalog suites (programs, sessions, schedule, speakers, sections). */
import { DataSource } from 'typeorm';

export async function countRows(
  ds: DataSource,
  table: string,
  where = 'TRUE',
  params: unknown[] = [],
): Promise<number> {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return n;
}

/** Row counts of every catalog table, to prove a refused request wrote nothing. */
export async function catalogCounts(ds: DataSource): Promise<Record<string, number>> {
  const tables = [
    'programs',
    'program_modules',
    'sessions',
    'session_speakers',
    'sections',
    'speakers',
    'domain_events',
  ];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = await countRows(ds, t);
  return out;
}
