import type { EntityManager } from 'typeorm';
import type { DomainEventType, StoredDomainEvent } from './domain-events';

/**
 * Locks the next unprocessed events of the handled types, oldest first. An event younger than
 * its type's settle time is neither taken nor locked: a later poll takes it.
 */
export async function claimEvents(
  em: EntityManager,
  types: readonly { type: DomainEventType; settleMs: number }[],
  limit: number,
  skipIds: readonly string[],
): Promise<StoredDomainEvent[]> {
  const rows: {
    id: string;
    type: DomainEventType;
    aggregate_id: string;
    occurred_at: Date;
    payload: unknown;
    trace_parent: string | null;
  }[] = await em.query(
    `SELECT e.id, e.type, e.aggregate_id, e.occurred_at, e.payload, e.trace_parent
         FROM domain_events e
         JOIN unnest($1::text[], $2::float8[]) AS h(type, settle_s) ON h.type = e.type
        WHERE e.processed_at IS NULL AND NOT (e.id = ANY($3::bigint[]))
          AND e.occurred_at <= now() - make_interval(secs => h.settle_s)
        ORDER BY e.id LIMIT $4 FOR UPDATE OF e SKIP LOCKED`,
    [types.map((t) => t.type), types.map((t) => t.settleMs / 1000), skipIds, limit],
  );
  return rows.map(
    (r) =>
      ({
        id: r.id,
        type: r.type,
        aggregateId: r.aggregate_id,
        occurredAt: r.occurred_at,
        payload: r.payload,
        traceParent: r.trace_parent,
      }) as StoredDomainEvent,
  );
}

export async function markProcessed(em: EntityManager, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  await em.query(`UPDATE domain_events SET processed_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
}
