import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PgListener, preparedQuery } from '@qatys/persistence';
import type { RegistrationStatus } from '../registrations/registration.entity';

/** Postgres NOTIFY channel of roster changes (migration LiveRosterNotify). */
export const LIVE_ROSTER_CHANNEL = 'qatys_live_roster';

/** A person's facts for one session, as the join rights read them. */
export interface PersonRow {
  user_id: string;
  home_region_id: number | null;
  disabled: boolean;
  registration_id: string | null;
  status: RegistrationStatus | null;
  region_id: number | null;
  section_id: string | null;
  speaker: boolean;
}

/** Everyone registered for the session (in any status), with their user's facts. */
const ROSTER = `
  SELECT u.id AS user_id, u.home_region_id, u.disabled_at IS NOT NULL AS disabled,
         r.id AS registration_id, r.status, r.region_id, r.section_id, sp.user_id IS NOT NULL AS speaker
    FROM registrations r
    JOIN users u ON u.id = r.user_id
    LEFT JOIN (SELECT DISTINCT sp.user_id FROM session_speakers ss JOIN speakers sp ON sp.id = ss.speaker_id
                WHERE ss.session_id = $1 AND sp.user_id IS NOT NULL) sp ON sp.user_id = u.id
   WHERE r.session_id = $1`;

/** Rosters unused this long are dropped (a session's joins come in a burst at its start). */
const IDLE_MS = 10 * 60_000;
const MAX_ROSTERS = 100;

/**
 * What a roster notification says changed: one session's registrations or speakers, one person's
 * facts, or (after the LISTEN connection was lost and is back) anything at all.
 */
export type RosterChange = { session: string } | { user: string } | { all: true };

interface Roster {
  people: Map<string, PersonRow>;
  usedAt: number;
}

interface Loading {
  promise: Promise<Map<string, PersonRow> | null>;
  /** A change to this session (or its people) was announced while the roster was being read. */
  stale: boolean;
}

/**
 * The registered people of the sessions this gateway process is serving, in memory, so that a
 * session start (thousands of joins within a minute) costs Postgres one read of the roster
 * instead of one per join. Correct only while it hears every change: rosters are used while
 * LISTEN on LIVE_ROSTER_CHANNEL is in effect, dropped by the session or user a notification
 * names, and all dropped when the connection is lost. Anyone not in a roster (staff, a
 * registration newer than the roster) is read from Postgres as before.
 */
@Injectable()
export class SessionRosters implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SessionRosters.name);
  private readonly rosters = new Map<string, Roster>();
  private readonly loading = new Map<string, Loading>();
  private readonly listener: PgListener;
  private readonly changeListeners = new Set<(change: RosterChange) => void>();
  private changeCount = 0;
  private sweepTimer?: NodeJS.Timeout;

  constructor(private readonly ds: DataSource) {
    this.listener = new PgListener({
      connection: {
        connectionString: (ds.options as { url?: string }).url,
        application_name: 'qatys-gateway-listen',
      },
      channels: [LIVE_ROSTER_CHANNEL],
      onNotify: (_channel, payload) => this.changed(payload),
      onListening: (reconnected) => {
        this.dropAll();
        // Changes made while it was down went unheard: whoever is inside is looked at again.
        if (reconnected) this.announce({ all: true });
      },
      onLost: (e) => {
        this.dropAll();
        this.logger.warn({ err: e?.message }, 'roster LISTEN connection lost; reading people per join');
      },
    });
  }

  async onModuleInit(): Promise<void> {
    await this.listener.start();
    this.sweepTimer = setInterval(() => this.sweep(Date.now()), 60_000);
    this.sweepTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.listener.stop();
  }

  /**
   * Tells `listener` of every change announced from now on (after the rosters dropped it), so that
   * people already inside a session can be re-checked. Returns the unsubscribe.
   */
  onChange(listener: (change: RosterChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /**
   * Grows with every announced change: a join decided on facts read before a change compares it
   * before and after, and is re-checked when it moved (the change's re-check could not see it yet).
   */
  get changes(): number {
    return this.changeCount;
  }

  /** Sessions whose roster is in memory now (for tests and diagnostics). */
  get cachedSessions(): string[] {
    return [...this.rosters.keys()];
  }

  /**
   * The roster of a session: a Map when in memory, a promise while it is read, or null when
   * rosters cannot be trusted now (not listening, or the read was overtaken by a change) and
   * the caller must read the person itself.
   */
  people(sessionId: string): Map<string, PersonRow> | Promise<Map<string, PersonRow> | null> | null {
    if (!this.listener.listening) return null;
    const hit = this.rosters.get(sessionId);
    if (hit) {
      hit.usedAt = Date.now();
      return hit.people;
    }
    const pending = this.loading.get(sessionId);
    if (pending) return pending.promise;
    const loading: Loading = { promise: Promise.resolve(null), stale: false };
    loading.promise = this.load(sessionId, loading);
    this.loading.set(sessionId, loading);
    return loading.promise;
  }

  private async load(sessionId: string, loading: Loading): Promise<Map<string, PersonRow> | null> {
    try {
      const rows = await preparedQuery<PersonRow>(this.ds, 'qatys_live_roster', ROSTER, [sessionId]);
      const people = new Map(rows.map((r) => [r.user_id, r]));
      // Announced meanwhile: the read may predate the change. Nobody is answered from it.
      if (loading.stale || !this.listener.listening) return null;
      if (this.rosters.size >= MAX_ROSTERS) this.evictLeastRecentlyUsed();
      this.rosters.set(sessionId, { people, usedAt: Date.now() });
      return people;
    } catch (e) {
      this.logger.warn(`roster of ${sessionId} not read: ${(e as Error).message}`);
      return null;
    } finally {
      if (this.loading.get(sessionId) === loading) this.loading.delete(sessionId);
    }
  }

  private changed(payload: string): void {
    const id = payload.slice(2);
    if (payload.startsWith('s:')) {
      this.rosters.delete(id);
      const pending = this.loading.get(id);
      if (pending) {
        pending.stale = true;
        this.loading.delete(id);
      }
      this.announce({ session: id });
    } else if (payload.startsWith('u:')) {
      // One person changed: everyone else's facts still hold, so only they are read afresh.
      for (const roster of this.rosters.values()) roster.people.delete(id);
      this.markLoadsStale();
      this.announce({ user: id });
    } else {
      this.dropAll();
      this.announce({ all: true });
    }
  }

  private announce(change: RosterChange): void {
    this.changeCount++;
    for (const l of this.changeListeners) {
      try {
        l(change);
      } catch (e) {
        this.logger.warn(`roster change listener failed: ${(e as Error).message}`);
      }
    }
  }

  private dropAll(): void {
    this.rosters.clear();
    this.markLoadsStale();
  }

  private markLoadsStale(): void {
    for (const pending of this.loading.values()) pending.stale = true;
    this.loading.clear();
  }

  private sweep(now: number): void {
    for (const [id, r] of this.rosters) if (now - r.usedAt > IDLE_MS) this.rosters.delete(id);
  }

  private evictLeastRecentlyUsed(): void {
    let oldest: [string, Roster] | undefined;
    for (const entry of this.rosters) if (!oldest || entry[1].usedAt < oldest[1].usedAt) oldest = entry;
    if (oldest) this.rosters.delete(oldest[0]);
  }
}
