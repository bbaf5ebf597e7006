import type { EntityManager } from 'typeorm';
import { DomainEvent, DomainEventType } from './domain-event.entity';

export interface NewDomainEvent {
  type: DomainEventType;
  aggregateType: 'session' | 'registration' | 'program' | 'application';
  aggregateId: string;
  payload: Record<string, unknown>;
}

/**
 * Records events with the transaction's own manager: the event exists if and only if the change
 * it describes was committed. Never call this outside a transaction.
 */
export async function recordEvents(em: EntityManager, events: NewDomainEvent[]): Promise<void> {
  if (!events.length) return;
  // The payload is JSON; TypeORM's deep-partial type cannot express an open record.
  await em.insert(DomainEvent, events as never);
}
