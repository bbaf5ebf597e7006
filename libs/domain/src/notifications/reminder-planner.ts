/**
 * Reminder planning, set-based. Called only by the outbox handlers (notification.handlers.ts),
 * with the consuming transaction's EntityManager: a change records its domain event, and the plan
 * follows from the event in the transaction that marks it processed. Every function plans from
 * the current state of the rows (who is registered now, the session's current version), as of
 * the instant of the change (the event's time): a worker that was down does not drop a reminder
 * that was still ahead when the person registered; delivery then sends it late or skips it.
 * Replaying an event changes nothing more.
 *
 * Set-based: the per-attendee rules (offsets, late registration, quiet hours in the attendee's
 * zone) are worked out by the pure `planReminders` once per distinct attendee zone — a handful —
 * and one INSERT ... SELECT joins that small table to the registrations. Rescheduling a session
 * with 5,000 attendees never brings 5,000 rows into this process.
 */
import type { EntityManager } from 'typeorm';
import type { QuietHours } from '../catalog/program.policy';
import { effectiveReminderOffsets, planReminders } from './reminder-plan.policy';

interface SessionPlanRow {
  start_at: Date;
  version: number;
  status: string;
  session_offsets: number[] | null;
  program_offsets: number[] | null;
  quiet_hours_start: string | null;
  quiet_hours_end: string | null;
  /** The distinct zones of the attendees planned for (a handful, however many attendees). */
  zones: string[];
}

export interface PlanScope {
  /**
   * Only these registrations, each planned as of its own instant (its event's time): a reminder
   * already due by then is not planned for it. Default: every registered attendee of the
   * session, as of `now`.
   */
  registrations?: readonly { id: string; asOf: Date }[];
  now?: Date;
}

/**
 * Plans the reminders of registered attendees of a session for its current version. Idempotent:
 * a reminder already planned or sent is left alone; one cancelled or skipped earlier (say the
 * person cancelled and registered again) is planned anew. Returns the number of rows written.
 *
 * Two statements however many registrations: the session's facts with its attendees' zones, then
 * one INSERT ... SELECT. Several registrations of one outbox batch are planned together, each
 * with its own instant: the zones' table is planned as of the earliest, and the INSERT keeps for
 * each registration only what is due after its own instant — what planning it alone would give,
 * since a plan only ever drops instants at or before "now".
 */
export async function planSessionReminders(
  em: EntityManager,
  sessionId: string,
  scope: PlanScope = {},
): Promise<number> {
  const only = scope.registrations;
  if (only && !only.length) return 0;
  const now = only ? new Date(Math.min(...only.map((r) => r.asOf.getTime()))) : (scope.now ?? new Date());
  const params: unknown[] = [sessionId];
  // The registrations planned for: the session's registered attendees, or only the given ones.
  // Those are read by primary key behind an OFFSET 0 fence: the statistics of a table growing by
  // thousands a minute are stale, and with the session's index looking like a one-row read the
  // planner walked every registration of the session for each batch — a read growing with the
  // crowd, 7.5 ms at 2,500 (BENCHMARKS.md, bench:national, 2026-12-06).
  let registrations = 'registrations r';
  let onlyJoin = '';
  if (only) {
    params.push(only.map((r) => r.id));
    registrations = '(SELECT * FROM registrations WHERE id = ANY($2::uuid[]) OFFSET 0) r';
    onlyJoin = `JOIN unnest($2::uuid[], $3::timestamptz[]) AS o(id, as_of) ON o.id = r.id`;
  }
  const [s]: SessionPlanRow[] = await em.query(
    `SELECT s.start_at, s.version, s.status, s.reminder_offsets_minutes AS session_offsets,
            p.reminder_offsets_minutes AS program_offsets, p.quiet_hours_start, p.quiet_hours_end,
            ARRAY(SELECT DISTINCT u.time_zone FROM ${registrations} JOIN users u ON u.id = r.user_id
                   WHERE r.session_id = s.id AND r.status = 'registered') AS zones
       FROM sessions s JOIN programs p ON p.id = s.program_id
      WHERE s.id = $1`,
    params,
  );
  if (!s || (s.status !== 'scheduled' && s.status !== 'live') || s.start_at.getTime() <= now.getTime())
    return 0;
  const offsets = effectiveReminderOffsets(s.program_offsets, s.session_offsets);
  const quiet: QuietHours | null =
    s.quiet_hours_start && s.quiet_hours_end ? { start: s.quiet_hours_start, end: s.quiet_hours_end } : null;

  const table = { zone: [] as string[], offset: [] as number[], due: [] as Date[] };
  for (const zone of s.zones) {
    for (const p of planReminders({
      startAt: s.start_at,
      offsetsMinutes: offsets,
      attendeeZone: zone,
      quietHours: quiet,
      now,
    })) {
      table.zone.push(zone);
      table.offset.push(p.offsetMinutes);
      table.due.push(p.dueAt);
    }
  }
  if (!table.zone.length) return 0;
  if (only) params.push(only.map((r) => r.asOf));
  const n = params.length;
  // No RETURNING: the driver's row count is enough, and 15,000 returned rows would only cost.
  if (!em.queryRunner) throw new Error('planSessionReminders runs inside a transaction (its EntityManager)');
  const result: { affected?: number } = await em.queryRunner.query(
    `WITH plan AS (
       SELECT * FROM unnest($${n + 1}::text[], $${n + 2}::int[], $${n + 3}::timestamptz[]) AS p(zone, off, due)
     )
     INSERT INTO notifications
            (kind, dedupe_key, user_id, registration_id, session_id, session_version, offset_minutes, due_at)
     SELECT 'reminder', 'reminder-' || r.id || '-' || p.off || '-v' || $${n + 4}::int,
            r.user_id, r.id, r.session_id, $${n + 4}::int, p.off, p.due
       FROM ${registrations}
       ${onlyJoin}
       JOIN users u ON u.id = r.user_id
       JOIN plan p ON p.zone = u.time_zone
      WHERE r.session_id = $1 AND r.status = 'registered' ${only ? 'AND p.due > o.as_of' : ''}
      -- In key order: the dedupe and registration indexes then fill page after page instead of
      -- at random (a session's 300,000 reminders were planned in 4.8 s unsorted).
      ORDER BY r.id, p.off
     ON CONFLICT (dedupe_key) DO UPDATE
        SET status = 'planned', due_at = EXCLUDED.due_at, attempts = 0, last_error = NULL,
            sent_at = NULL, channel = NULL, updated_at = now()
      WHERE notifications.status IN ('cancelled', 'skipped')`,
    [...params, table.zone, table.offset, table.due, s.version],
    true,
  );
  return result.affected ?? 0;
}

/** Cancels the planned (not yet sent) reminders of these registrations. */
export async function cancelRegistrationReminders(
  em: EntityManager,
  registrationIds: readonly string[],
  reason: string,
): Promise<number> {
  if (!registrationIds.length) return 0;
  const [{ n }]: { n: number }[] = await em.query(
    `WITH c AS (
       UPDATE notifications SET status = 'cancelled', last_error = $2, updated_at = now()
        WHERE registration_id = ANY($1::uuid[]) AND kind = 'reminder' AND status = 'planned'
       RETURNING 1)
     SELECT count(*)::int AS n FROM c`,
    [registrationIds, reason],
  );
  return n;
}

/**
 * Cancels a session's planned reminders: all of them (the session was cancelled), or those of
 * versions before `beforeVersion` (it was rescheduled). Returns the number cancelled.
 */
export async function cancelSessionReminders(
  em: EntityManager,
  sessionId: string,
  reason: string,
  beforeVersion?: number,
): Promise<number> {
  const [{ n }]: { n: number }[] = await em.query(
    `WITH c AS (
       UPDATE notifications SET status = 'cancelled', last_error = $2, updated_at = now()
        WHERE session_id = $1 AND kind = 'reminder' AND status = 'planned'
          AND ($3::int IS NULL OR session_version < $3::int)
       RETURNING 1)
     SELECT count(*)::int AS n FROM c`,
    [sessionId, reason, beforeVersion ?? null],
  );
  return n;
}

/** After a reschedule (the session row already holds the new times and version). */
export async function replanRescheduledSession(
  em: EntityManager,
  sessionId: string,
  newVersion: number,
  asOf: Date,
): Promise<void> {
  await cancelSessionReminders(em, sessionId, 'session_rescheduled', newVersion);
  await planSessionReminders(em, sessionId, { now: asOf });
}

/**
 * The offsets or quiet hours behind a session's plan changed: its planned reminders are planned
 * again. Reminders already sent stay sent; planned ones move (their rows get the new instant, so
 * the worker's job id changes with it) or are cancelled when their offset is gone.
 */
export async function replanSession(em: EntityManager, sessionId: string, asOf: Date): Promise<void> {
  await em.query(
    `UPDATE notifications SET status = 'cancelled', last_error = 'replanned', updated_at = now()
      WHERE session_id = $1 AND kind = 'reminder' AND status = 'planned'`,
    [sessionId],
  );
  await planSessionReminders(em, sessionId, { now: asOf });
}

/** A program's offsets or quiet hours changed: each of its open sessions is planned again. Returns their ids. */
export async function replanProgramReminders(
  em: EntityManager,
  programId: string,
  asOf: Date,
): Promise<string[]> {
  const sessions: { id: string }[] = await em.query(
    `SELECT id FROM sessions WHERE program_id = $1 AND status = 'scheduled' AND start_at > $2 ORDER BY id`,
    [programId, asOf],
  );
  for (const { id } of sessions) await replanSession(em, id, asOf);
  return sessions.map((s) => s.id);
}

/**
 * A person's time zone changed: quiet hours now fall elsewhere for them, so their planned
 * reminders of upcoming sessions are planned again in the new zone. Only this person's rows are
 * read or written — a few hundred registrations at most, one session at a time. Reminders already
 * sent stay sent; a planned one whose new instant is already past is dropped, as for a late
 * registration. Returns the registrations re-planned.
 */
export async function replanUserReminders(em: EntityManager, userId: string, asOf: Date): Promise<string[]> {
  const regs: { id: string; session_id: string }[] = await em.query(
    `SELECT r.id, r.session_id FROM registrations r JOIN sessions s ON s.id = r.session_id
      WHERE r.user_id = $1 AND r.status = 'registered'
        AND s.status IN ('scheduled', 'live') AND s.start_at > $2
      ORDER BY r.session_id, r.id`,
    [userId, asOf],
  );
  if (!regs.length) return [];
  const ids = regs.map((r) => r.id);
  await em.query(
    `UPDATE notifications SET status = 'cancelled', last_error = 'replanned', updated_at = now()
      WHERE registration_id = ANY($1::uuid[]) AND kind = 'reminder' AND status = 'planned'`,
    [ids],
  );
  // One registration per person and session (unique), so one small plan per session.
  for (const r of regs) await planSessionReminders(em, r.session_id, { registrations: [{ id: r.id, asOf }] });
  return ids;
}
