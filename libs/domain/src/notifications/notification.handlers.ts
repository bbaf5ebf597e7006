/**
 * The one path from a change to a message: each domain event that concerns people's reminders or
 * notices has one handler here, run by the outbox consumer in the transaction that marks the event
 * processed. Handlers plan from the current rows (who is registered now, the session's version
 * now) as of the event's instant, so a replayed or late event changes nothing more than it should.
 */
import type { StoredEventOf } from '../events/domain-events';
import { type AnyOutboxHandler, batchedHandler } from '../events/outbox-dispatcher';
import {
  decisionNotice,
  followUpNotices,
  recordingNotices,
  registrationNotices,
  SESSION_ENDED_SETTLE_MS,
  sessionNotice,
} from './notice.queries';
import type { NoticeKind } from './notification.entity';
import { passwordResetNotice } from './password-reset.notice';
import {
  cancelRegistrationReminders,
  cancelSessionReminders,
  planSessionReminders,
  replanProgramReminders,
  replanRescheduledSession,
  replanSession,
  replanUserReminders,
} from './reminder-planner';
import type { Targets } from './relay-targets';

/** The notice each selection decision gets (a promotion from the waitlist is a selection). */
const DECISION_NOTICES: Record<'selected' | 'waitlisted' | 'rejected', NoticeKind> = {
  selected: 'application.selected',
  waitlisted: 'application.waitlisted',
  rejected: 'application.rejected',
};

type PlacedEvent = StoredEventOf<'registration.created' | 'registration.promoted'>;

/**
 * A registration got a seat or a place in line: its notice, and its reminders planned as of the
 * event's instant. Several events of one outbox batch are handled together: one notice statement,
 * and two statements per session for the reminders (planSessionReminders), however many people.
 */
function registrationHandler(
  type: PlacedEvent['type'],
  kindOf: (payload: PlacedEvent['payload']) => NoticeKind,
): AnyOutboxHandler<Targets> {
  return batchedHandler(type, async (em, events: readonly PlacedEvent[], t: Targets) => {
    await registrationNotices(
      em,
      events.map((e) => ({
        eventId: e.id,
        registrationId: e.payload.registrationId,
        kind: kindOf(e.payload),
      })),
    );
    const bySession = new Map<string, { id: string; asOf: Date }[]>();
    for (const e of events) {
      const list = bySession.get(e.payload.sessionId) ?? [];
      list.push({ id: e.payload.registrationId, asOf: e.occurredAt });
      bySession.set(e.payload.sessionId, list);
    }
    for (const [sessionId, registrations] of bySession)
      await planSessionReminders(em, sessionId, { registrations });
    t.enqueueRegistrations(events.map((e) => e.payload.registrationId));
  }) as AnyOutboxHandler<Targets>;
}

export const NOTIFICATION_HANDLERS: readonly AnyOutboxHandler<Targets>[] = [
  registrationHandler('registration.created', (p) =>
    'status' in p && p.status === 'waitlisted' ? 'registration.waitlisted' : 'registration.confirmed',
  ),
  registrationHandler('registration.promoted', () => 'registration.promoted'),
  // A registration was cancelled: its notice, its planned reminders cancelled, its jobs dropped.
  batchedHandler('registration.cancelled', async (em, events, t: Targets) => {
    const ids = events.map((e) => e.payload.registrationId);
    await registrationNotices(
      em,
      events.map((e) => ({
        eventId: e.id,
        registrationId: e.payload.registrationId,
        kind: 'registration.cancelled',
      })),
    );
    await cancelRegistrationReminders(em, ids, 'registration_cancelled');
    t.enqueueRegistrations(ids);
    t.dropRegistrationIds.push(...ids);
  }),
  {
    type: 'session.rescheduled',
    async handle(em, { id, occurredAt, payload: p }, t) {
      await sessionNotice(em, id, p.sessionId, 'session.rescheduled', p.version, {
        oldStartAt: p.oldStartAt,
        oldEndAt: p.oldEndAt,
        newStartAt: p.newStartAt,
        newEndAt: p.newEndAt,
      });
      await replanRescheduledSession(em, p.sessionId, p.version, occurredAt);
      t.enqueueSessions([p.sessionId]);
      if (p.version > 1) t.dropSessions.push({ sessionId: p.sessionId, version: p.version - 1 });
    },
  },
  {
    type: 'session.cancelled',
    async handle(em, { id, payload: p }, t) {
      await sessionNotice(em, id, p.sessionId, 'session.cancelled', p.version, { reason: p.reason });
      await cancelSessionReminders(em, p.sessionId, 'session_cancelled');
      t.enqueueSessions([p.sessionId]);
      t.dropSessions.push({ sessionId: p.sessionId, version: p.version });
    },
  },
  {
    // Taken only once settled: the gateway's last presences must be in before "attended" is decided.
    // Reminders still planned then are past their use (the session is over) and go with it.
    type: 'session.ended',
    settleMs: SESSION_ENDED_SETTLE_MS,
    async handle(em, { id, payload: p }, t) {
      await cancelSessionReminders(em, p.sessionId, 'session_ended');
      await followUpNotices(em, id, p.sessionId);
      t.enqueueSessions([p.sessionId]);
      t.dropSessions.push({ sessionId: p.sessionId, version: p.version });
    },
  },
  {
    // Runs after the rooms' handler of the same event has put the link on the session (composed
    // in that order by the outbox).
    type: 'room.recording_ready',
    async handle(em, { id, payload: p }, t) {
      await recordingNotices(em, id, p.sessionId, p.url);
      t.enqueueSessions([p.sessionId]);
    },
  },
  {
    // The organizer's own link after the end: the same notice, to the same people, once each.
    type: 'session.recording_link_set',
    async handle(em, { id, payload: p }, t) {
      await recordingNotices(em, id, p.sessionId, p.url);
      t.enqueueSessions([p.sessionId]);
    },
  },
  {
    type: 'session.reminders_changed',
    async handle(em, { occurredAt, payload: p }, t) {
      await replanSession(em, p.sessionId, occurredAt);
      t.enqueueSessions([p.sessionId]);
    },
  },
  {
    type: 'program.reminders_changed',
    async handle(em, { occurredAt, payload: p }, t) {
      t.enqueueSessions(await replanProgramReminders(em, p.programId, occurredAt));
    },
  },
  {
    type: 'user.time_zone_changed',
    async handle(em, { occurredAt, payload: p }, t) {
      t.enqueueRegistrations(await replanUserReminders(em, p.userId, occurredAt));
    },
  },
  {
    type: 'user.password_reset_requested',
    async handle(em, { id, payload: p }, t) {
      await passwordResetNotice(em, id, p.userId, p.requestedAt);
      t.eventIds.push(id);
    },
  },
  {
    type: 'application.decided',
    async handle(em, { id, payload: p }, t) {
      await decisionNotice(em, id, p.applicationId, DECISION_NOTICES[p.decision], {
        applicationId: p.applicationId,
        callId: p.callId,
        programId: p.programId,
        waitlistRank: p.waitlistRank,
        promoted: p.promoted,
      });
      t.eventIds.push(id);
    },
  },
];
