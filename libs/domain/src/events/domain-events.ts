import { context, propagation } from '@opentelemetry/api';
import type { EntityManager } from 'typeorm';
import { DomainEvent } from './domain-event.entity';
import type {
  DomainEventMap,
  DomainEventPayload,
  DomainEventType,
  NewDomainEvent,
} from './domain-event.types';

export * from './domain-event.types';

/** Builds one event with its type checked against its payload. */
export function domainEvent<T extends DomainEventType>(
  type: T,
  aggregateId: string,
  payload: DomainEventPayload<T>,
): NewDomainEvent {
  return {
    type,
    aggregateType: AGGREGATE_OF[type],
    aggregateId,
    payload,
  } as NewDomainEvent;
}

const AGGREGATE_OF: { [T in DomainEventType]: DomainEventMap[T]['aggregate'] } = {
  'session.created': 'session',
  'session.rescheduled': 'session',
  'session.cancelled': 'session',
  'session.ended': 'session',
  'session.capacity_raised': 'session',
  'session.reminders_changed': 'session',
  'program.reminders_changed': 'program',
  'user.time_zone_changed': 'user',
  'user.password_reset_requested': 'user',
  'registration.created': 'registration',
  'registration.cancelled': 'registration',
  'registration.promoted': 'registration',
  'application.decided': 'application',
  'selection.cohort_changed': 'call',
  'room.ended': 'session',
  'room.recording_ready': 'session',
  'session.recording_link_set': 'session',
  'invitation.sent': 'invitation',
  'invitation.accepted': 'invitation',
  'invitation.declined': 'invitation',
  'absentees.followed_up': 'session',
  'certificates.requested': 'program',
  'certificate.issued': 'certificate',
};

/**
 * LISTEN/NOTIFY channel of the outbox: recording events notifies `outbox` on it when the
 * transaction commits (NOTIFY is transactional), and the worker's consumer wakes at once (then
 * gathers a few milliseconds, so the events of a crowd go as one batch).
 */
export const OUTBOX_CHANNEL = 'qatys_notifications';
export const OUTBOX_WAKE = 'outbox';

/**
 * Records events with the transaction's own manager: the event exists if and only if the change
 * it describes was committed, and the consumer is woken when it is. Never call this outside a
 * transaction. Large sets are written in chunks (one statement per 1,000 events).
 */
export async function recordEvents(em: EntityManager, events: readonly NewDomainEvent[]): Promise<void> {
  if (!events.length) return;
  const traceParent = activeTraceparent();
  for (let i = 0; i < events.length; i += 1000) {
    const chunk = events.slice(i, i + 1000);
    // The payload is JSON; TypeORM's deep-partial type cannot express the union.
    await em.insert(DomainEvent, (traceParent ? chunk.map((e) => ({ ...e, traceParent })) : chunk) as never);
  }
  await em.query(`SELECT pg_notify($1, $2)`, [OUTBOX_CHANNEL, OUTBOX_WAKE]);
}

/** The active trace's W3C traceparent (null when tracing is off: the API is then a no-op). */
export function activeTraceparent(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}
