import type { EntityManager } from 'typeorm';
import { DomainEvent, DomainEventType } from './domain-event.entity';

export interface NewDomainEvent {
  type: DomainEventType;
  aggregateType: 'session' | 'registration' | 'program';
  aggregateId: string;
  payload: Record<string, unknown>;
}

/**
 * Records events with the transaction's own manager: the event exists if and only if the change
 * it describes was committed. Never call this outside a transaction.
 */
export async function recordEvents(em: EntityManager, events: NewDomainEvent[]): Promise<void> {
  if (!events.length) return;
  await em.insert(
    DomainEvent,
    events.map((e) => ({ ...e, payload: e.payload as DomainEvent['payload']   await em.insert(DomainEvent, events); object })) as never,
  );
}
