/**
 * The notice rows a domain event stands for, each one INSERT ... SELECT (any audience size) with
 * a dedupe key derived from the event, so handling an event twice writes nothing more.
 */
import type { EntityManager } from 'typeorm';
import type { NoticeKind } from './notification.entity';

/**
 * One notice to the person each registration event is about, keyed by the event (one statement
 * for any number of events).
 */
export async function registrationNotices(
  em: EntityManager,
  notices: readonly { eventId: string; registrationId: string; kind: NoticeKind }[],
): Promise<void> {
  if (!notices.length) return;
  await em.query(
    `INSERT INTO notifications (kind, dedupe_key, user_id, registration_id, session_id, session_version, due_at, payload, event_id)
     SELECT n.kind, 'notice-' || n.event_id, r.user_id, r.id, r.session_id, s.version, now(), '{}'::jsonb, n.event_id
       FROM unnest($1::text[], $2::bigint[], $3::uuid[]) AS n(kind, event_id, registration_id)
       JOIN registrations r ON r.id = n.registration_id
       JOIN sessions s ON s.id = r.session_id
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [notices.map((n) => n.kind), notices.map((n) => n.eventId), notices.map((n) => n.registrationId)],
  );
}

/** One notice per person registered or waiting for the session (INSERT ... SELECT: any size). */
export async function sessionNotice(
  em: EntityManager,
  eventId: string,
  sessionId: string,
  kind: NoticeKind,
  version: number,
  payload: Record<string, unknown>,
): Promise<void> {
  await em.query(
    `INSERT INTO notifications (kind, dedupe_key, user_id, registration_id, session_id, session_version, due_at, payload, event_id)
     SELECT $1, 'notice-' || $2::text || '-' || r.id, r.user_id, r.id, r.session_id,
            coalesce($3::int, s.version), now(), $4::jsonb, $2::bigint
       FROM registrations r JOIN sessions s ON s.id = r.session_id
      WHERE r.session_id = $5 AND r.status IN ('registered', 'waitlisted')
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [kind, eventId, version, JSON.stringify(payload), sessionId],
  );
}

/**
 * How old a `session.ended` event must be before its follow-ups are written. The gateway flushes
 * attendance intervals in batches (about once a second), so presences from the session's last
 * moments may land just after the organizer ended it; splitting "attended" from "missed" before
 * they are in would tell someone who was there that we missed them. Ten seconds is many flushes
 * of margin and still prompt (the consumer polls every OUTBOX_POLL_INTERVAL_MS anyway).
 */
export const SESSION_ENDED_SETTLE_MS = 10_000;

/**
 * One follow-up per person registered for the ended session (accounts not disabled): "thank you"
 * to whoever was present at all inside [start, end] — open intervals count up to now — and
 * "sorry we missed you" to the rest, in one INSERT ... SELECT (the one place this rule lives); the
 * recording link is the one set when the follow-ups are written.
 */
export async function followUpNotices(em: EntityManager, eventId: string, sessionId: string): Promise<void> {
  await lockFollowUps(em, sessionId);
  await em.query(
    `INSERT INTO notifications (kind, dedupe_key, user_id, registration_id, session_id, session_version, due_at, payload, event_id)
     SELECT CASE WHEN EXISTS (
                   SELECT 1 FROM attendance_intervals ai
                    WHERE ai.session_id = s.id AND ai.user_id = r.user_id
                      AND least(coalesce(ai.left_at, greatest(now(), ai.joined_at)), s.end_at)
                          > greatest(ai.joined_at, s.start_at))
                 THEN 'session.followup.attended' ELSE 'session.followup.missed' END,
            'notice-' || $1::text || '-' || r.id, r.user_id, r.id, s.id, s.version, now(),
            jsonb_build_object('recordingUrl', ls.recording_url), $1::bigint
       FROM sessions s
       JOIN registrations r ON r.session_id = s.id AND r.status = 'registered'
       JOIN users u ON u.id = r.user_id AND u.disabled_at IS NULL
       LEFT JOIN session_live_settings ls ON ls.session_id = s.id
      WHERE s.id = $2
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [eventId, sessionId],
  );
}

/**
 * The follow-ups and the recording notice of a session are decided one at a time: whichever
 * comes second sees what the first committed (READ COMMITTED takes a new snapshot per statement,
 * after the lock), so a link set while the follow-ups are being written is either in them or
 * announced by the notice, never neither.
 */
async function lockFollowUps(em: EntityManager, sessionId: string): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtext('qatys-followups:' || $1::text))`, [sessionId]);
}

/**
 * "The recording is available", once per registration (`recording-available-<registration>`),
 * to the people still registered whose follow-up went out without this link; nobody when the
 * follow-ups are not written yet (they will carry it) or carried it already.
 */
export async function recordingNotices(
  em: EntityManager,
  eventId: string,
  sessionId: string,
  url: string,
): Promise<void> {
  await lockFollowUps(em, sessionId);
  await em.query(
    `INSERT INTO notifications (kind, dedupe_key, user_id, registration_id, session_id, session_version, due_at, payload, event_id)
     SELECT 'session.recording_available', 'recording-available-' || r.id, r.user_id, r.id, s.id, s.version, now(),
            jsonb_build_object('recordingUrl', $3::text), $1::bigint
       FROM notifications f
       JOIN registrations r ON r.id = f.registration_id AND r.status = 'registered'
       JOIN users u ON u.id = r.user_id AND u.disabled_at IS NULL
       JOIN sessions s ON s.id = f.session_id
      WHERE f.session_id = $2 AND f.kind IN ('session.followup.attended', 'session.followup.missed')
        AND (f.payload->>'recordingUrl') IS DISTINCT FROM $3::text
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [eventId, sessionId, url],
  );
}

/** The selection decision notice, to the applicant of the application as it is now (gone: nobody to tell). */
export async function decisionNotice(
  em: EntityManager,
  eventId: string,
  applicationId: string,
  kind: NoticeKind,
  payload: Record<string, unknown>,
): Promise<void> {
  await em.query(
    `INSERT INTO notifications (kind, dedupe_key, user_id, due_at, payload, event_id)
     SELECT $1, $2, a.user_id, now(), $3::jsonb, $4::bigint FROM selection_applications a WHERE a.id = $5
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [kind, `notice-${eventId}`, JSON.stringify(payload), eventId, applicationId],
  );
}
