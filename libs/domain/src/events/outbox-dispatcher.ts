import { Logger } from '@nestjs/common';
import { propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { DataSource, EntityManager } from 'typeorm';
import { pgErrorCode } from '@qatys/persistence';
import type { DomainEventType, StoredDomainEvent, StoredEventOf } from './domain-events';
import { claimEvents, markProcessed } from './outbox.queries';

/**
 * One consumer of one event type. It runs inside the batch's transaction (under a savepoint of
 * its own), so whatever it writes commits together with the event's processed mark: it must be
 * idempotent in the sense that running it again on a replayed event changes nothing more.
 * `effects` collects what must happen outside Postgres once the batch committed (jobs in Redis).
 */
export interface OutboxHandler<T extends DomainEventType, E> {
  type: T;
  /** Only events at least this old are taken (e.g. to let a gateway's batched writes land). */
  settleMs?: number;
  handle(em: EntityManager, event: StoredEventOf<T>, effects: E): Promise<void>;
  /**
   * The same for several events of this type at once, with the result of `handle` on each in
   * order: a run of consecutive events of this type in a batch goes here in one call (fewer
   * statements for a crowd of registrations).
   */
  handleMany?(em: EntityManager, events: readonly StoredEventOf<T>[], effects: E): Promise<void>;
}

/** A handler written for several events at once; one event alone is a run of one. */
export function batchedHandler<T extends DomainEventType, E>(
  type: T,
  handleMany: (em: EntityManager, events: readonly StoredEventOf<T>[], effects: E) => Promise<void>,
): OutboxHandler<T, E> {
  return { type, handle: (em, event, effects) => handleMany(em, [event], effects), handleMany };
}

/** A handler of any type: the dispatcher looks one up by `event.type`. */
export type AnyOutboxHandler<E> = { [T in DomainEventType]: OutboxHandler<T, E> }[DomainEventType];

export interface OutboxBatch<E> {
  fetched: number;
  processed: string[];
  /** Events whose handler failed (left unprocessed), and whether the failure looked transient. */
  failed: { id: string; error: string; transient: boolean }[];
  effects: E;
}

/** Deadlocks and serialization failures go away on a retry; anything else is worth a pause. */
const TRANSIENT = new Set(['40001', '40P01', '55P03']);

/**
 * Consumes the domain_events outbox: a batch of unprocessed events is locked (FOR UPDATE SKIP
 * LOCKED, so several workers share the work without overlap), each event goes to the one handler
 * of its type under a savepoint, and the handled events are marked processed — all in one
 * transaction, so a consequence exists if and only if its event is marked. An event whose handler
 * fails is left unprocessed and reported; the rest of the batch goes on. Event types nobody
 * handles are left alone.
 */
export class OutboxDispatcher<E> {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private readonly handlers = new Map<DomainEventType, AnyOutboxHandler<E>>();

  constructor(
    private readonly ds: DataSource,
    handlers: readonly AnyOutboxHandler<E>[],
    private readonly newEffects: () => E,
  ) {
    for (const h of handlers) {
      if (this.handlers.has(h.type)) throw new Error(`two outbox handlers for ${h.type}`);
      this.handlers.set(h.type, h);
    }
  }

  get types(): DomainEventType[] {
    return [...this.handlers.keys()];
  }

  /**
   * The batch is first handled whole, with no savepoints: runs of consecutive events of a type
   * whose handler takes several at once go to it together, the others one by one. Savepoints cost
   * two round trips per event, and a handler rarely fails. Only if something fails is that
   * attempt rolled back and the batch taken again, each event under its own savepoint, so the
   * failing one is set aside and the rest still go through.
   */
  async processBatch(limit = 100, skipIds: readonly string[] = []): Promise<OutboxBatch<E>> {
    try {
      return await this.ds.transaction(async (em) => {
        const events = await this.claim(em, limit, skipIds);
        const effects = this.newEffects();
        for (const run of this.runsOf(events)) await this.dispatchRun(em, run, effects);
        const processed = events.map((e) => e.id);
        await markProcessed(em, processed);
        return { fetched: events.length, processed, failed: [], effects };
      });
    } catch {
      // Rolled back whole; the event-by-event pass below says which one failed, and why.
      return this.processEachUnderSavepoint(limit, skipIds);
    }
  }

  private processEachUnderSavepoint(limit: number, skipIds: readonly string[]): Promise<OutboxBatch<E>> {
    return this.ds.transaction(async (em) => {
      const events = await this.claim(em, limit, skipIds);
      const effects = this.newEffects();
      const processed: string[] = [];
      const failed: OutboxBatch<E>['failed'] = [];
      for (const event of events) {
        await em.query('SAVEPOINT outbox_event');
        try {
          await this.dispatch(em, event, effects);
          await em.query('RELEASE SAVEPOINT outbox_event');
          processed.push(event.id);
        } catch (e) {
          await em.query('ROLLBACK TO SAVEPOINT outbox_event');
          const transient = TRANSIENT.has(pgErrorCode(e) ?? '');
          failed.push({ id: event.id, error: (e as Error).message, transient });
          this.logger.error(
            { eventId: event.id, type: event.type, err: (e as Error).message, transient },
            'outbox handler failed',
          );
        }
      }
      await markProcessed(em, processed);
      return { fetched: events.length, processed, failed, effects };
    });
  }

  private claim(em: EntityManager, limit: number, skipIds: readonly string[]): Promise<StoredDomainEvent[]> {
    return claimEvents(
      em,
      [...this.handlers.values()].map((h) => ({ type: h.type, settleMs: h.settleMs ?? 0 })),
      limit,
      skipIds,
    );
  }

  /** Consecutive events of one type whose handler takes several at once; any other event alone. */
  private runsOf(events: readonly StoredDomainEvent[]): StoredDomainEvent[][] {
    const runs: StoredDomainEvent[][] = [];
    for (const event of events) {
      const last = runs[runs.length - 1];
      if (last && last[0].type === event.type && this.handlers.get(event.type)?.handleMany) last.push(event);
      else runs.push([event]);
    }
    return runs;
  }

  private async dispatchRun(em: EntityManager, run: StoredDomainEvent[], effects: E): Promise<void> {
    if (run.length === 1) return this.dispatch(em, run[0], effects);
    const handler = this.handlers.get(run[0].type) as OutboxHandler<DomainEventType, E>;
    // Each event that carries its request's trace gets its span there, spanning the shared work.
    const tracer = trace.getTracer('qatys');
    const spans = run
      .filter((e) => e.traceParent)
      .map((e) =>
        tracer.startSpan(
          `outbox ${e.type}`,
          {
            kind: SpanKind.CONSUMER,
            attributes: {
              'qatys.event.id': e.id,
              'qatys.event.type': e.type,
              'qatys.outbox.run': run.length,
            },
          },
          propagation.extract(ROOT_CONTEXT, { traceparent: e.traceParent! }),
        ),
      );
    try {
      await handler.handleMany!(em, run as never, effects);
    } catch (e) {
      for (const span of spans) span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
      throw e;
    } finally {
      for (const span of spans) span.end();
    }
  }

  private dispatch(em: EntityManager, event: StoredDomainEvent, effects: E): Promise<void> {
    const handler = this.handlers.get(event.type) as OutboxHandler<typeof event.type, E>;
    if (!event.traceParent) return handler.handle(em, event as never, effects);
    // The event carries its request's trace: its handling is a span of that trace.
    const parent = propagation.extract(ROOT_CONTEXT, { traceparent: event.traceParent });
    return trace.getTracer('qatys').startActiveSpan(
      `outbox ${event.type}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: { 'qatys.event.id': event.id, 'qatys.event.type': event.type },
      },
      parent,
      async (span) => {
        try {
          await handler.handle(em, event as never, effects);
        } catch (e) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
          throw e;
        } finally {
          span.end();
        }
      },
    );
  }
}
