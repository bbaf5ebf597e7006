import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { domainEvent, recordEvents } from '../events/domain-events';
import { Actor } from '../shared/actor';
import { invalid } from '../shared/domain.errors';
import { assertCatalogEditor } from './catalog-access';
import { Session, SessionStatus } from './session.entity';
import { SessionReadModel } from './session.read-model';
import { assertSessionTransition } from './session.policy';
import { endSessionRows, EndWhich } from './session.queries';

export type { EndWhich } from './session.queries';
import { lockSession, SessionsService } from './sessions.service';

/**
 * A session's life after scheduling: it goes live, ends (by the organizer's hand or by the clock,
 * see endSessions) or is cancelled. Each end of a session records its event once; what follows
 * (follow-ups, notices, reminders dropped) is the outbox's work.
 */
@Injectable()
export class SessionLifecycleService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly sessions: SessionsService,
  ) {}

  /** Cancels once: a repeat returns the cancelled session without a second event. */
  async cancel(actor: Actor, id: string, reason?: string | null): Promise<SessionReadModel> {
    assertCatalogEditor(actor);
    await this.ds.transaction(async (em) => {
      const session = await lockSession(em, id);
      if (!assertSessionTransition(session.status, 'cancelled')) return;
      await em.update(Session, { id }, { status: 'cancelled' });
      await recordEvents(em, [
        domainEvent('session.cancelled', id, {
          sessionId: id,
          reason: reason?.trim() || null,
          version: session.version,
        }),
      ]);
    });
    return this.sessions.get(actor, id);
  }

  /** Going live and ending; cancelling has its own method. */
  async setStatus(
    actor: Actor,
    id: string,
    status: Extract<SessionStatus, 'live' | 'ended'>,
  ): Promise<SessionReadModel> {
    assertCatalogEditor(actor);
    if (status !== 'live' && status !== 'ended') {
      throw invalid(
        'invalid_status',
        `status must be live or ended (use POST /sessions/${id}/cancel to cancel)`,
      );
    }
    await this.ds.transaction(async (em) => {
      const session = await lockSession(em, id);
      if (!assertSessionTransition(session.status, status)) return;
      if (status === 'ended') await endSessions(em, { ids: [id] });
      else await em.update(Session, { id }, { status });
    });
    return this.sessions.get(actor, id);
  }
}

/**
 * Ends sessions, set-based, and records one `session.ended` event for each one this call ended (a
 * session already ended or cancelled is left alone). The one way a session ends: the organizer's
 * "end" and the worker's clock both come here. Sessions end by the clock because many organizers
 * never press "end"; only recently overdue ones (`maxAgeHours`), so a worker that was down for
 * days does not send "thank you for coming" about last month's webinar. Returns the ids ended.
 */
export async function endSessions(em: EntityManager, which: EndWhich): Promise<string[]> {
  const now = 'ids' in which ? new Date() : (which.now ?? new Date());
  const rows = await endSessionRows(em, which, now);
  const automatic = !('ids' in which);
  await recordEvents(
    em,
    rows.map((r) =>
      domainEvent('session.ended', r.id, {
        sessionId: r.id,
        version: r.version,
        endedAt: now.toISOString(),
        ...(automatic ? { automatic } : {}),
      }),
    ),
  );
  return rows.map((r) => r.id);
}
