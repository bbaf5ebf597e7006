/**
 * Sessions end by the clock too. An organizer may press "end" in the console (SessionsService
 * .setStatus), but many will not: a session still "scheduled" or "live" some minutes after its
 * end is ended here, with the same `session.ended` event (follow-ups, reports), set-based.
 *
 * Only sessions that ended recently (within `maxAgeHours`): a worker that was down for days does
 * not send "thank you for coming" about last month's webinar.
 */
import type { EntityManager } from 'typeorm';
import { NOTIFICATIONS_CHANNEL } from '../reminders/reminder-planner';

export interface EndOverdueOptions {
  /** How long after its end a session is left for the organizer to end it. */
  graceMinutes: number;
  /** Older ones are left alone. */
  maxAgeHours: number;
  now?: Date;
}

/** Ends overdue sessions and records their `session.ended` events; returns their ids. */
export async function endOverdueSessions(em: EntityManager, o: EndOverdueOptions): Promise<string[]> {
  const now = o.now ?? new Date();
  const rows: { id: string }[] = await em.query(
    `WITH ended AS (
       UPDATE sessions SET status = 'ended', updated_at = now()
        WHERE status IN ('scheduled', 'live')
          AND end_at <= $1::timestamptz - make_interval(mins => $2::int)
          AND end_at > $1::timestamptz - make_interval(hours => $3::int)
       RETURNING id, version
     ), events AS (
       INSERT INTO domain_events (type, aggregate_type, aggregate_id, payload)
       SELECT 'session.ended', 'session', id,
              jsonb_build_object('sessionId', id, 'version', version, 'endedAt', $1::timestamptz, 'automatic', true)
         FROM ended
     ), reminders AS (
       UPDATE notifications n SET status = 'cancelled', last_error = 'session_ended', updated_at = now()
         FROM ended WHERE n.session_id = ended.id AND n.kind = 'reminder' AND n.status = 'planned'
     )
     SELECT id FROM ended`,
    [now, o.graceMinutes, o.maxAgeHours],
  );
  if (rows.length) await em.query(`SELECT pg_notify($1, 'outbox')`, [NOTIFICATIONS_CHANNEL]);
  return rows.map((r) => r.id);
}
