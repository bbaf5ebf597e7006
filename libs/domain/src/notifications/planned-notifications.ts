/**
 * Reads and set-based updates of planned notifications for the worker's relay and reconciler.
 * Paged by id (keyset), so a session with thousands of rows is streamed, never loaded whole.
 */
import type { JobName } from '@qatys/contracts';
import { FOLLOW_UP_MAX_AGE_MS } from './delivery.policy';
import { FOLLOW_UP_KINDS, NotificationKind } from './notification.entity';

/** DataSource or EntityManager: both answer `query`. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface PlannedRow {
  id: string;
  kind: NotificationKind;
  dedupeKey: string;
  dueAt: Date;
  /** Reminders: minutes before the start (bounds how early a burst may be released). */
  offsetMinutes: number | null;
  /** The traceparent of the event that made the row (notices, tracing on): its job joins that trace. */
  traceParent?: string | null;
}

/**
 * The BullMQ job id of a row: its dedupe key, plus (for reminders) the due instant in unix
 * seconds — a reminder planned anew at another instant (quiet hours or offsets changed) gets
 * another job, and the old one, if it still fires, finds its instant gone and does nothing.
 * Never contains ':' (BullMQ refuses it).
 */
export function notificationJobId(row: Pick<PlannedRow, 'kind' | 'dedupeKey' | 'dueAt'>): string {
  return row.kind === 'reminder'
    ? `${row.dedupeKey}-t${Math.floor(row.dueAt.getTime() / 1000)}`
    : row.dedupeKey;
}

export const notificationJobName = (
  kind: NotificationKind,
): Extract<JobName, 'reminder.send' | 'notice.send'> =>
  kind === 'reminder' ? 'reminder.send' : 'notice.send';

export interface PlannedFilter {
  sessionIds?: readonly string[];
  registrationIds?: readonly string[];
  /** Rows made by these domain events (notices with neither registration nor session). */
  eventIds?: readonly string[];
  /** Only rows due before this instant (the reconciler's near window). */
  dueBefore?: Date;
  /** Only reminders due at exactly this instant with this offset (one burst's members). */
  burst?: { dueAt: Date; offsetMinutes: number | null };
}

interface RawRow {
  id: string;
  kind: NotificationKind;
  dedupe_key: string;
  due_at: Date;
  offset_minutes: number | null;
  trace_parent?: string | null;
}

const toRow = (r: RawRow): PlannedRow => ({
  id: r.id,
  kind: r.kind,
  dedupeKey: r.dedupe_key,
  dueAt: r.due_at,
  offsetMinutes: r.offset_minutes ?? null,
  traceParent: r.trace_parent ?? null,
});

/** Planned rows matching the filter with id > afterId, in id order. */
export async function pagePlanned(
  q: Queryable,
  filter: PlannedFilter,
  afterId: string,
  limit: number,
): Promise<PlannedRow[]> {
  const where: string[] = [`status = 'planned'`, `id > $1::bigint`];
  const params: unknown[] = [afterId];
  const or: string[] = [];
  if (filter.sessionIds?.length) {
    params.push(filter.sessionIds);
    or.push(`session_id = ANY($${params.length}::uuid[])`);
  }
  let registrationsParam = 0;
  if (filter.registrationIds?.length) {
    registrationsParam = params.push(filter.registrationIds);
    or.push(`registration_id = ANY($${params.length}::uuid[])`);
  }
  if (filter.eventIds?.length) {
    params.push(filter.eventIds);
    or.push(`event_id = ANY($${params.length}::bigint[])`);
  }
  if (
    filter.sessionIds !== undefined ||
    filter.registrationIds !== undefined ||
    filter.eventIds !== undefined
  ) {
    if (!or.length) return [];
    where.push(`(${or.join(' OR ')})`);
  }
  if (filter.dueBefore) {
    params.push(filter.dueBefore);
    where.push(`due_at < $${params.length}`);
  }
  if (filter.burst) {
    params.push(filter.burst.dueAt, filter.burst.offsetMinutes);
    where.push(
      `kind = 'reminder' AND due_at = $${params.length - 1} AND offset_minutes IS NOT DISTINCT FROM $${params.length}::int`,
    );
  }
  params.push(limit);
  // The rows of a few registrations (a batch of new ones) are read by their index behind an
  // OFFSET 0 fence: with statistics stale during a crowd, the planner otherwise read every planned
  // row through the planned-due index for each batch (2,600 rows read to find 9 at 3,000 people).
  const from =
    registrationsParam && or.length === 1
      ? `(SELECT * FROM notifications WHERE registration_id = ANY($${registrationsParam}::uuid[]) OFFSET 0) notifications`
      : 'notifications';
  const rows = (await q.query(
    `SELECT id, kind, dedupe_key, due_at, offset_minutes,
            (SELECT e.trace_parent FROM domain_events e WHERE e.id = notifications.event_id) AS trace_parent
       FROM ${from} WHERE ${where.join(' AND ')}
      ORDER BY id LIMIT $${params.length}`,
    params,
  )) as RawRow[];
  return rows.map(toRow);
}

export interface PlannedAtInstant {
  dueAt: Date;
  /** Planned rows due at that instant (every kind, every session: one sending rate serves them all). */
  planned: number;
  /** The highest id among them: a row with a higher id was planned after this count. */
  maxId: string;
}

/** How many planned rows share each of these due instants (the index on planned due_at answers). */
export async function countPlannedAt(q: Queryable, instants: readonly Date[]): Promise<PlannedAtInstant[]> {
  if (!instants.length) return [];
  const rows = (await q.query(
    `SELECT due_at, count(*)::int AS n, max(id)::text AS max_id FROM notifications
      WHERE status = 'planned' AND due_at = ANY($1::timestamptz[]) GROUP BY due_at`,
    [instants],
  )) as { due_at: Date; n: number; max_id: string }[];
  return rows.map((r) => ({ dueAt: r.due_at, planned: r.n, maxId: r.max_id }));
}

/** Reminders cancelled for these registrations, or for a session version (their jobs can go). */
export async function pageCancelledReminders(
  q: Queryable,
  filter: { registrationIds?: readonly string[]; sessionId?: string; sessionVersion?: number },
  afterId: string,
  limit: number,
): Promise<PlannedRow[]> {
  const rows = (await q.query(
    `SELECT id, kind, dedupe_key, due_at FROM notifications
      WHERE kind = 'reminder' AND status = 'cancelled' AND id > $1::bigint
        AND (($2::uuid[] IS NOT NULL AND registration_id = ANY($2::uuid[]))
          OR ($3::uuid IS NOT NULL AND session_id = $3::uuid AND ($4::int IS NULL OR session_version = $4::int)))
      ORDER BY id LIMIT $5`,
    [
      afterId,
      filter.registrationIds?.length ? filter.registrationIds : null,
      filter.sessionId ?? null,
      filter.sessionVersion ?? null,
      limit,
    ],
  )) as RawRow[];
  return rows.map(toRow);
}

/**
 * Rows whose moment is gone for good: a reminder not sent before its session started, a notice
 * about a session that has ended — except a follow-up, which is about an ended session by design
 * and goes stale only FOLLOW_UP_MAX_AGE_MS after the end (as sendVerdict says). Notices with no
 * session (selection decisions) are never expired here. Marked skipped in one statement; returns
 * how many.
 */
export async function skipExpired(q: Queryable, now: Date): Promise<number> {
  const rows = (await q.query(
    `WITH x AS (
       UPDATE notifications n
          SET status = 'skipped',
              last_error = CASE WHEN n.kind = 'reminder' THEN 'session_started'
                                WHEN n.kind = ANY($2::text[]) THEN 'stale'
                                ELSE 'session_ended' END,
              updated_at = now()
         FROM sessions s
        WHERE n.status = 'planned' AND n.due_at < $1 AND s.id = n.session_id
          AND ((n.kind = 'reminder' AND s.start_at <= $1)
            OR (n.kind = ANY($2::text[]) AND s.end_at + make_interval(secs => $3::float8) < $1)
            OR (n.kind <> 'reminder' AND NOT n.kind = ANY($2::text[]) AND s.end_at <= $1))
       RETURNING 1)
     SELECT count(*)::int AS n FROM x`,
    [now, FOLLOW_UP_KINDS, FOLLOW_UP_MAX_AGE_MS / 1000],
  )) as { n: number }[];
  return rows[0].n;
}
