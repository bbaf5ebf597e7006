import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import type { AttendanceUpdate, StaffScope } from '@qatys/contracts';
import { DomainError } from '../shared/domain.errors';
import { attendanceFigures, NO_REGION, scopeKey, scopeOfKey } from './attendance-figures.policy';
import type { LeaveReason } from './attendance-interval.entity';
import { AttendanceBaselineService } from './attendance-baseline.service';
import { AttendanceIntervalWriter } from './attendance-interval.writer';
import type { LiveStaffScope } from './join.policy';
import { LiveAccessService, LiveIdentity, PersonFacts, SessionFacts } from './live-access.service';
import { LiveConnectionsStore } from './live-connections.store';
import { LocalPresence, rowOf } from './live-local-presence';
import { LIVE_OPTIONS, LiveOptions } from './live.tokens';
import { PresenceEntry, PresenceStore } from './presence.store';

export interface LiveJoin {
  sessionId: string;
  staff: LiveStaffScope | null;
  counted: boolean;
  regionId: number | null;
  sectionId: string | null;
  registrationId: string | null;
  isSpeaker: boolean;
  session: SessionFacts;
  /** Staff: the figures of their scope now. */
  attendance: AttendanceUpdate | null;
}

export const toStaffScope = (s: LiveStaffScope): StaffScope => (s.kind === 'all' ? 'all' : [...s.regionIds]);

export interface DueUpdate {
  sessionId: string;
  /** 'all', or a coordinator scope key (see scopeKey). */
  scopeKey: string;
  update: AttendanceUpdate;
}

/**
 * The live attendance of this gateway process: joins and leaves of its connections into the
 * shared presence (Redis) and the interval log (Postgres, in batches), its heartbeat, sweeping
 * of dead processes, and the coalesced figures for staff. Each process has its own node id;
 * the connections it holds are remembered here so it can re-register them if it was swept
 * (a long pause) and leave them all when it stops.
 */
@Injectable()
export class LiveAttendanceService {
  private readonly logger = new Logger(LiveAttendanceService.name);
  readonly nodeId = randomUUID();
  private readonly local = new LocalPresence();
  private registered = false;

  constructor(
    private readonly access: LiveAccessService,
    private readonly presence: PresenceStore,
    private readonly baselines: AttendanceBaselineService,
    private readonly writer: AttendanceIntervalWriter,
    private readonly connections: LiveConnectionsStore,
    @Inject(LIVE_OPTIONS) private readonly options: LiveOptions,
  ) {}

  /** See LiveAccessService.prefetchPerson: for a socket whose session is known before it joins. */
  prefetchPerson(sessionId: string, userId: string): Promise<PersonFacts> {
    return this.access.prefetchPerson(sessionId, userId);
  }

  /** Connections of counted attendees this process holds. */
  get localConnections(): number {
    return this.local.size;
  }

  /**
   * `session:join`: checks the right to join (DomainError when refused), takes one of the person's
   * places in the session (too_many_connections beyond LiveOptions.maxSocketsPerPerson, across
   * every process), counts a registered attendee in the presence and opens their interval, and
   * registers a coordinator's scope. Joining again on the same connection changes nothing. Every
   * join that did not throw is undone by `leave`.
   */
  async join(
    socketId: string,
    identity: LiveIdentity,
    sessionId: string,
    prefetched?: Promise<PersonFacts>,
  ): Promise<LiveJoin> {
    const a = await this.access.resolveJoin(identity, sessionId, new Date(), prefetched);
    if (!(await this.connections.claim(this.nodeId, a.session.id, identity.userId, socketId))) {
      const limit = this.connections.limit;
      throw new DomainError(
        'conflict',
        'too_many_connections',
        `You are in this session on ${limit} connection(s) already; close one to join here`,
        { limit },
      );
    }
    try {
      if (a.counted && !this.local.has(a.session.id, socketId)) {
        const entry: PresenceEntry = {
          // The cached session's own id string, shared by every connection of the session.
          sessionId: a.session.id,
          socketId,
          userId: identity.userId,
          regionKey: a.person.regionId ?? NO_REGION,
          intervalId: randomUUID(),
          registrationId: a.person.registrationId,
          joinedAt: Date.now(),
        };
        // Remembered before the Redis call: a leave issued meanwhile is queued after the join.
        this.local.set(entry);
        if (await this.presence.join(this.nodeId, entry)) this.writer.write(rowOf(entry, null, null));
      }
      if (a.staff?.kind === 'regions') await this.presence.addScope(sessionId, scopeKey(a.staff));
      return {
        sessionId,
        staff: a.staff,
        counted: a.counted,
        regionId: a.person.regionId,
        sectionId: a.person.sectionId,
        registrationId: a.person.registrationId,
        isSpeaker: a.person.isSpeaker,
        session: a.session,
        attendance: a.staff ? await this.snapshot(a.session, a.staff) : null,
      };
    } catch (e) {
      // A join that failed half-way leaves nothing behind (the caller does not know it joined).
      await this.leave(socketId, a.session.id, identity.userId, 'left').catch(() => undefined);
      throw e;
    }
  }

  /**
   * A connection leaves a session (`session:leave`, disconnect, rights revoked): its place is
   * given back, it leaves the counts and its interval is closed.
   */
  async leave(socketId: string, sessionId: string, userId: string, reason: LeaveReason): Promise<void> {
    await Promise.all([
      this.connections.release(this.nodeId, sessionId, userId, socketId),
      this.stopCounting(socketId, sessionId, reason),
    ]);
  }

  /** Out of the counts, interval closed at this instant; the connection stays in the session. */
  async stopCounting(socketId: string, sessionId: string, reason: LeaveReason): Promise<void> {
    const entry = this.local.get(sessionId, socketId);
    if (!entry) return;
    this.local.delete(sessionId, socketId);
    const leftAt = new Date();
    const stored = await this.presence.leave(this.nodeId, sessionId, socketId);
    // Not stored: a sweeper removed it (this process looked dead) and closed its interval already.
    if (stored) this.writer.write(rowOf(entry, leftAt, reason));
  }

  /** Whether this connection counts in the session's attendance now. */
  isCounted(socketId: string, sessionId: string): boolean {
    return this.local.has(sessionId, socketId);
  }

  /** Registers this process (call once before serving joins). */
  async start(): Promise<void> {
    await this.heartbeat();
  }

  /**
   * Proves this process alive. If another process swept it meanwhile (it looked dead), its
   * connections are counted again, each with a new interval.
   */
  async heartbeat(): Promise<void> {
    const known = await this.presence.heartbeat(this.nodeId, Date.now());
    if (!known && this.registered && this.local.size) {
      this.logger.warn(`this gateway was swept as dead: re-registering ${this.local.size} connection(s)`);
      await Promise.all(
        [...this.local.values()].map(async (e) => {
          const fresh = { ...e, intervalId: randomUUID(), joinedAt: Date.now() };
          if (await this.presence.join(this.nodeId, fresh)) {
            if (this.local.has(e.sessionId, e.socketId)) this.local.set(fresh);
            this.writer.write(rowOf(fresh, null, null));
          }
        }),
      );
    }
    this.registered = true;
  }

  /**
   * Removes the connections of processes silent for longer than the TTL; their intervals end at
   * the dead process's last heartbeat. Any live process may run it; each dead one is swept once.
   */
  async sweep(): Promise<number> {
    const cutoff = Date.now() - this.options.presenceTtlMs;
    let swept = 0;
    for (const node of await this.presence.silentNodes(cutoff)) {
      if (node === this.nodeId) continue;
      const entries = await this.presence.sweep(node, cutoff);
      if (!entries) continue;
      this.logger.warn(
        `swept silent gateway ${node}: ${entries.length} connection(s) closed at its last heartbeat`,
      );
      for (const e of entries) this.writer.write(rowOf(e, new Date(e.lastSeen), 'crashed'));
      swept += entries.length;
    }
    if (swept) await this.writer.flush();
    return swept;
  }

  /**
   * Figures due to go out: sessions whose counts changed and were not sent within the update
   * interval by any process. Every figure is read from Redis and Postgres, so whichever process
   * sends gives the same numbers; one update for the whole staff and one per coordinator scope.
   */
  async dueUpdates(): Promise<DueUpdate[]> {
    const out: DueUpdate[] = [];
    for (const sessionId of await this.presence.takeDue(this.options.updateIntervalMs)) {
      try {
        const session = await this.access.sessionFacts(sessionId);
        const scopes = ['all', ...(await this.presence.scopes(sessionId))];
        const data = await this.rawData(session);
        for (const key of scopes) {
          const scope = scopeOfKey(key);
          if (scope) out.push({ sessionId, scopeKey: key, update: this.build(session, scope, data) });
        }
      } catch (e) {
        this.logger.warn(`attendance update of ${sessionId} failed: ${(e as Error).message}`);
      }
    }
    return out;
  }

  /** The figures of a session for one staff scope, now. */
  async snapshot(session: SessionFacts, scope: LiveStaffScope): Promise<AttendanceUpdate> {
    return this.build(session, scope, await this.rawData(session));
  }

  /** Stopping cleanly: every connection leaves the counts now (not after the TTL), intervals written. */
  async stop(reason: LeaveReason = 'shutdown'): Promise<void> {
    const entries = [...this.local.values()];
    this.local.clear();
    await Promise.all(
      entries.map(async (e) => {
        if (await this.presence.leave(this.nodeId, e.sessionId, e.socketId)) {
          this.writer.write(rowOf(e, new Date(), reason));
        }
      }),
    );
    await this.presence.forgetNode(this.nodeId);
    await this.writer.flush();
  }

  private async rawData(session: SessionFacts) {
    const [counts, base] = await Promise.all([
      this.presence.counts(session.id),
      this.baselines.baseline(session),
    ]);
    return { counts, base };
  }

  private build(
    session: SessionFacts,
    scope: LiveStaffScope,
    { counts, base }: Awaited<ReturnType<LiveAttendanceService['rawData']>>,
  ): AttendanceUpdate {
    const f = attendanceFigures(
      {
        live: counts.live,
        peak: counts.peak,
        attended: counts.attended,
        expected: base.expected,
        registered: base.registered,
        targetRegionIds: session.targetRegionIds,
        totalPeak: counts.totalPeak,
      },
      scope,
    );
    return {
      sessionId: session.id,
      at: new Date().toISOString(),
      scope: toStaffScope(scope),
      regions: f.regions,
      totals: f.totals,
    };
  }
}
