import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DomainEventType } from '../events/domain-event.entity';
import type { NoticeKind } from './notification.entity';

export interface OutboxEvent {
  id: string;
  type: DomainEventType | string;
  aggregate_id: string;
  payload: Record<string, unknown>;
}

/** What the worker must do in Redis once the batch committed. */
export interface RelayTargets {
  /** Enqueue the planned rows of these registrations / sessions. */
  registrationIds: string[];
  sessionIds: string[];
  /** Enqueue the planned rows these events made (notices with neither registration nor session). */
  eventIds: string[];
  /** Remove the jobs of reminders cancelled for these registrations / session versions. */
  dropRegistrationIds: string[];
  dropSessions: { sessionId: string; version: number }[];
}

export interface OutboxBatch {
  fetched: number;
  processed: string[];
  failed: { id: string; error: string }[];
  targets: RelayTargets;
}

class Targets implements RelayTargets {
  registrationIds: string[] = [];
  sessionIds: string[] = [];
  eventIds: string[] = [];
  dropRegistrationIds: string[] = [];
  dropSessions: { sessionId: string; version: number }[] = [];
  enqueueRegistration(id: string) {
    if (!this.registrationIds.includes(id)) this.registrationIds.push(id);
  }
  enqueueSession(id: string) {
    if (!this.sessionIds.includes(id)) this.sessionIds.push(id);
  }
}

/** A notice producer: writes the notice rows one event stands for (set-based) and says what to enqueue. */
type NoticeProducer = (em: EntityManager, event: OutboxEvent, targets: Targets) => Promise<void>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** One notice to the person a registration event is about. */
async function registrationNotice(
  em: EntityManager,
  event: OutboxEvent,
  kind: NoticeKind,
  payload: Record<string, unknown> = {},
): Promise<void> {
  const registrationId = str(event.payload.registrationId) ?? event.aggregate_id;
  await em.query(
    `INSERT INTO notifications (kind, dedupe_key, user_id, registration_id, session_id, session_version, due_at, payload, event_id)
     SELECT $1, $2, r.user_id, r.id, r.session_id, s.version, now(), $3::jsonb, $4::bigint
       FROM registrations r JOIN sessions s ON s.id = r.session_id
      WHERE r.id = $5
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [kind, `notice-${event.id}`, JSON.stringify(payload), event.id, registrationId],
  );
}

/** One notice per person registered or waiting for the session (INSERT ... SELECT: any size). */
async function sessionNotice(
  em: EntityManager,
  event: OutboxEvent,
  kind: NoticeKind,
  version: number | null,
  payload: Record<string, unknown>,
): Promise<void> {
  await em.query(
    `INSERT INTO notifications (kind, dedupe_key, user_id, registration_id, session_id, session_version, due_at, payload, event_id)
     SELECT $1, 'notice-' || $2::text || '-' || r.id, r.user_id, r.id, r.session_id,
            coalesce($3::int, s.version), now(), $4::jsonb, $2::bigint
       FROM registrations r JOIN sessions s ON s.id = r.session_id
      WHERE r.session_id = $5 AND r.status IN ('registered', 'waitlisted')
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [kind, event.id, version, JSON.stringify(payload), str(event.payload.sessionId) ?? event.aggregate_id],
  );
}

const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);

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
 * "sorry we missed you" to the rest. The same rule as AttendanceReportsService.followUpAudience,
 * in one INSERT ... SELECT; the recording link is the one set when the follow-ups are written.
 */
async function followUpNotices(em: EntityManager, event: OutboxEvent, sessionId: string): Promise<void> {
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
    [event.id, sessionId],
  );
}

/** The notice each selection decision gets (a promotion from the waitlist is a selection). */
const DECISION_NOTICES = new Map<string, NoticeKind>([
  ['selected', 'application.selected'],
  ['waitlisted', 'application.waitlisted'],
  ['rejected', 'application.rejected'],
]);

/**
 * Domain event -> notices. Adding a notice kind is adding its templates and a producer here.
 * Only these event types are consumed (marked processed); others stay in the outbox for whoever
 * handles them.
 */
export const NOTICE_PRODUCERS: Partial<Record<DomainEventType, NoticeProducer>> = {
  'registration.created': async (em, e, t) => {
    const kind: NoticeKind =
      e.payload.status === 'waitlisted' ? 'registration.waitlisted' : 'registration.confirmed';
    await registrationNotice(em, e, kind);
    // Its reminders were planned with the registration; their jobs are made now.
    t.enqueueRegistration(str(e.payload.registrationId) ?? e.aggregate_id);
  },
  'registration.promoted': async (em, e, t) => {
    await registrationNotice(em, e, 'registration.promoted');
    t.enqueueRegistration(str(e.payload.registrationId) ?? e.aggregate_id);
  },
  'registration.cancelled': async (em, e, t) => {
    await registrationNotice(em, e, 'registration.cancelled');
    const id = str(e.payload.registrationId) ?? e.aggregate_id;
    t.enqueueRegistration(id);
    t.dropRegistrationIds.push(id);
  },
  'session.rescheduled': async (em, e, t) => {
    const version = int(e.payload.version);
    await sessionNotice(em, e, 'session.rescheduled', version, {
      oldStartAt: e.payload.oldStartAt,
      oldEndAt: e.payload.oldEndAt,
      newStartAt: e.payload.newStartAt,
      newEndAt: e.payload.newEndAt,
    });
    const sessionId = str(e.payload.sessionId) ?? e.aggregate_id;
    t.enqueueSession(sessionId);
    if (version !== null && version > 1) t.dropSessions.push({ sessionId, version: version - 1 });
  },
  'session.cancelled': async (em, e, t) => {
    const version = int(e.payload.version);
    await sessionNotice(em, e, 'session.cancelled', version, { reason: str(e.payload.reason) });
    const sessionId = str(e.payload.sessionId) ?? e.aggregate_id;
    t.enqueueSession(sessionId);
    if (version !== null) t.dropSessions.push({ sessionId, version });
  },
  // Consumed only once settled (SESSION_ENDED_SETTLE_MS).
  'session.ended': async (em, e, t) => {
    const sessionId = str(e.payload.sessionId) ?? e.aggregate_id;
    await followUpNotices(em, e, sessionId);
    t.enqueueSession(sessionId);
    // Its reminders were cancelled with the change: their jobs can go.
    const version = int(e.payload.version);
    if (version !== null) t.dropSessions.push({ sessionId, version });
  },
  'application.decided': async (em, e, t) => {
    const kind = DECISION_NOTICES.get(str(e.payload.decision) ?? '');
    if (!kind) return; // no other decision exists; one added later would need its own message
    const applicationId = str(e.payload.applicationId) ?? e.aggregate_id;
    const payload = {
      applicationId,
      callId: str(e.payload.callId),
      programId: str(e.payload.programId),
      waitlistRank: int(e.payload.waitlistRank),
      promoted: e.payload.promoted === true,
    };
    // To the applicant of the application as it is now (gone: nobody to tell).
    await em.query(
      `INSERT INTO notifications (kind, dedupe_key, user_id, due_at, payload, event_id)
       SELECT $1, $2, a.user_id, now(), $3::jsonb, $4::bigint FROM selection_applications a WHERE a.id = $5
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [kind, `notice-${e.id}`, JSON.stringify(payload), e.id, applicationId],
    );
    t.eventIds.push(e.id);
  },
};

/**
 * Consumes the domain_events outbox: a batch of unprocessed events is locked (FOR UPDATE SKIP
 * LOCKED, so several workers share the work without overlap), each event's notices are written
 * under a savepoint, and the events are marked processed — all in one transaction, so a notice
 * exists if and only if its event is marked. An event whose producer fails is left unprocessed
 * and reported; the rest of the batch goes on.
 */
@Injectable()
export class NotificationOutboxService {
  private readonly logger = new Logger(NotificationOutboxService.name);

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** `settleMs`: how old a `session.ended` event must be to be taken (see SESSION_ENDED_SETTLE_MS). */
  async processBatch(
    limit = 100,
    skipIds: readonly string[] = [],
    settleMs = SESSION_ENDED_SETTLE_MS,
  ): Promise<OutboxBatch> {
    return this.ds.transaction(async (em) => {
      // A session.ended event not settled yet is left alone (not locked): a later poll takes it.
      const events: OutboxEvent[] = await em.query(
        `SELECT id, type, aggregate_id, payload FROM domain_events
          WHERE processed_at IS NULL AND type = ANY($3::text[]) AND NOT (id = ANY($2::bigint[]))
            AND (type <> 'session.ended' OR occurred_at <= now() - make_interval(secs => $4::float8))
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit, skipIds, Object.keys(NOTICE_PRODUCERS), settleMs / 1000],
      );
      const targets = new Targets();
      const processed: string[] = [];
      const failed: { id: string; error: string }[] = [];
      for (const event of events) {
        const producer = NOTICE_PRODUCERS[event.type as DomainEventType]!;
        await em.query('SAVEPOINT notice');
        try {
          await producer(em, event, targets);
          await em.query('RELEASE SAVEPOINT notice');
        } catch (e) {
          await em.query('ROLLBACK TO SAVEPOINT notice');
          failed.push({ id: event.id, error: (e as Error).message });
          this.logger.error(
            { eventId: event.id, type: event.type, err: (e as Error).message },
            'notice producer failed',
          );
          continue;
        }
        processed.push(event.id);
      }
      if (processed.length) {
        await em.query(`UPDATE domain_events SET processed_at = now() WHERE id = ANY($1::bigint[])`, [
          processed,
        ]);
      }
      return { fetched: events.length, processed, failed, targets };
    });
  }
}
