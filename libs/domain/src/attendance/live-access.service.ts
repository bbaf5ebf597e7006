import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedQuery } from '@qatys/persistence';
import type { SessionStatus } from '../catalog/session.entity';
import type { RegistrationStatus } from '../registrations/registration.entity';
import { DomainError, forbidden, notFound } from '../shared/domain.errors';
import { decideJoin, JoinRefusal, LiveStaffScope, staffScopeOf } from './join.policy';
import { defaultLiveSettings, LiveSettingsView } from './live-settings.service';
import { LIVE_OPTIONS, LiveOptions } from './live.tokens';
import { PersonRow, SessionRosters } from './session-rosters';

/** Who is on a socket (or calling the API), as established from a verified token only. */
export interface LiveIdentity {
  userId: string;
  /** Roles from an access token; null for a join-token socket, which has attendee rights only. */
  staff: { roles: readonly string[]; coordinatorRegionIds: readonly number[] } | null;
  /** A join-token socket: the one registration (and session) the token is bound to. */
  joinToken?: { registrationId: string; sessionId: string };
}

export interface SessionFacts {
  id: string;
  programId: string;
  moduleId: string | null;
  startAt: Date;
  endAt: Date;
  status: SessionStatus;
  targetRegionIds: number[];
  settings: LiveSettingsView;
}

export interface PersonFacts {
  registrationId: string | null;
  registrationStatus: RegistrationStatus | null;
  /** Registration's region, else the profile's home region. */
  regionId: number | null;
  sectionId: string | null;
  isSpeaker: boolean;
  disabled: boolean;
}

export interface LiveAccess {
  session: SessionFacts;
  person: PersonFacts;
  staff: LiveStaffScope | null;
  /** Counts in the attendance (registered, inside the join window). */
  counted: boolean;
}

const REFUSAL_KIND: Record<JoinRefusal, 'forbidden' | 'conflict'> = {
  forbidden: 'forbidden',
  not_registered: 'forbidden',
  join_window_closed: 'forbidden',
  session_ended: 'conflict',
  session_cancelled: 'conflict',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SESSION_FACTS = `
  SELECT s.id, s.program_id, s.module_id, s.start_at, s.end_at, s.status, s.target_region_ids,
         ls.join_window_minutes, ls.qa_premoderation, ls.recording_url
    FROM sessions s LEFT JOIN session_live_settings ls ON ls.session_id = s.id
   WHERE s.id = $1`;

const PERSON_FACTS = `
  SELECT u.id AS user_id, u.home_region_id, u.disabled_at IS NOT NULL AS disabled,
         r.id AS registration_id, r.status, r.region_id, r.section_id,
         EXISTS (SELECT 1 FROM session_speakers ss JOIN speakers sp ON sp.id = ss.speaker_id
                  WHERE ss.session_id = $1 AND sp.user_id = u.id) AS speaker
    FROM users u LEFT JOIN registrations r ON r.session_id = $1 AND r.user_id = u.id
   WHERE u.id = ANY($2::uuid[])`;

/** How long joins to one session are gathered into one person-facts query. */
const PEOPLE_BATCH_MS = 3;

/**
 * Who may take part in a live session and how: the join rights (decideJoin) applied to facts read
 * from Postgres, never to anything a client says. Session facts are cached for LiveOptions.cacheMs
 * (the gateway answers thousands of joins to one session); person facts of concurrent joins of one
 * session are read in one query.
 */
@Injectable()
export class LiveAccessService {
  private readonly cache = new Map<string, { at: number; facts: SessionFacts }>();
  private readonly pendingPeople = new Map<
    string,
    Map<string, { resolve: (p: PersonRow | null) => void; reject: (e: unknown) => void }[]>
  >();
  private readonly cacheMs: number;

  constructor(
    private readonly ds: DataSource,
    @Optional() @Inject(LIVE_OPTIONS) options?: LiveOptions,
    /** The gateway's in-memory rosters; elsewhere (the API) every person is read when asked. */
    @Optional() private readonly rosters?: SessionRosters,
  ) {
    this.cacheMs = options?.cacheMs ?? 0;
  }

  /**
   * Decides a `session:join`; throws a DomainError naming the reason when refused. `prefetched`
   * is this person's facts for this session already on their way (see prefetchPerson).
   */
  async resolveJoin(
    identity: LiveIdentity,
    sessionId: string,
    now = new Date(),
    prefetched?: Promise<PersonFacts>,
  ): Promise<LiveAccess> {
    if (identity.joinToken && identity.joinToken.sessionId !== sessionId) {
      throw forbidden('This join link is for another session');
    }
    const [session, person] = await Promise.all([
      this.sessionFacts(sessionId),
      prefetched ?? this.personFacts(sessionId, identity.userId),
    ]);
    if (identity.joinToken && person.registrationId !== identity.joinToken.registrationId) {
      throw forbidden('This join link no longer matches your registration');
    }
    const staff = identity.staff && { ...identity.staff, isSpeaker: person.isSpeaker };
    const decision = decideJoin({
      now,
      session,
      joinWindowMinutes: session.settings.joinWindowMinutes,
      staff,
      registration: person.registrationStatus ? { status: person.registrationStatus } : null,
      userDisabled: person.disabled,
    });
    if (!decision.ok) {
      throw new DomainError(REFUSAL_KIND[decision.code], decision.code, decision.message, decision.details);
    }
    return { session, person, staff: decision.staff, counted: decision.counted };
  }

  /**
   * Read rights outside the live room (question lists over REST): staff scope, or an attendee
   * registered for the session; anybody else is refused.
   */
  async readAccess(
    identity: LiveIdentity,
    sessionId: string,
  ): Promise<{ session: SessionFacts; staff: LiveStaffScope | null; person: PersonFacts }> {
    const session = await this.sessionFacts(sessionId, true);
    const person = await this.personFacts(sessionId, identity.userId);
    const staff = staffScopeOf(
      identity.staff && { ...identity.staff, isSpeaker: person.isSpeaker },
      session.targetRegionIds,
    );
    if (!staff && person.registrationStatus !== 'registered') {
      throw new DomainError('forbidden', 'not_registered', 'You are not registered for this session');
    }
    return { session, staff, person };
  }

  async sessionFacts(sessionId: string, fresh = false): Promise<SessionFacts> {
    const hit = this.cache.get(sessionId);
    const now = Date.now();
    if (!fresh && hit && now - hit.at < this.cacheMs) return hit.facts;
    if (fresh) return this.readSession(sessionId, now);
    // Without a cache (the api), joins to one session arriving together share the read in flight:
    // a burst of grants costs one read of the session per round trip, not one each.
    let reading = this.readingSessions.get(sessionId);
    if (!reading) {
      reading = this.readSession(sessionId, now).finally(() => this.readingSessions.delete(sessionId));
      this.readingSessions.set(sessionId, reading);
    }
    return reading;
  }

  private readonly readingSessions = new Map<string, Promise<SessionFacts>>();

  private async readSession(sessionId: string, now: number): Promise<SessionFacts> {
    const [row] = await this.ds.query(SESSION_FACTS, [sessionId]);
    if (!row) throw notFound('Session', sessionId);
    const defaults = defaultLiveSettings(sessionId);
    const facts: SessionFacts = {
      id: row.id,
      programId: row.program_id,
      moduleId: row.module_id,
      startAt: row.start_at,
      endAt: row.end_at,
      status: row.status,
      targetRegionIds: row.target_region_ids ?? [],
      settings: {
        sessionId,
        joinWindowMinutes: row.join_window_minutes ?? defaults.joinWindowMinutes,
        qaPremoderation: row.qa_premoderation ?? defaults.qaPremoderation,
        recordingUrl: row.recording_url ?? null,
      },
    };
    if (this.cacheMs > 0) {
      if (this.cache.size > 1000) this.cache.clear();
      this.cache.set(sessionId, { at: now, facts });
    }
    return facts;
  }

  /**
   * Starts reading a person's facts for a session they are about to join: a join-link socket names
   * its session at the handshake, so the read overlaps the client's round trip to `session:join`
   * instead of adding to it. A failure surfaces only when the promise is used.
   */
  prefetchPerson(sessionId: string, userId: string): Promise<PersonFacts> {
    const facts = this.personFacts(sessionId, userId);
    facts.catch(() => undefined);
    return facts;
  }

  async personFacts(sessionId: string, userId: string): Promise<PersonFacts> {
    const row = await this.loadPerson(sessionId, userId);
    if (!row) throw forbidden('Unknown user');
    return {
      registrationId: row.registration_id,
      registrationStatus: row.status,
      regionId: row.region_id ?? row.home_region_id,
      sectionId: row.section_id,
      isSpeaker: row.speaker,
      disabled: row.disabled,
    };
  }

  /** From the session's roster when this process holds one, else read (see queryPerson). */
  private loadPerson(sessionId: string, userId: string): Promise<PersonRow | null> {
    if (!UUID.test(userId)) return Promise.resolve(null);
    const roster = this.rosters?.people(sessionId);
    if (roster instanceof Map) {
      const row = roster.get(userId);
      if (row) return Promise.resolve(row);
    } else if (roster) {
      return roster.then((people) => people?.get(userId) ?? this.queryPerson(sessionId, userId));
    }
    return this.queryPerson(sessionId, userId);
  }

  /** Joins arriving together for one session are answered by one query (a session start is a burst). */
  private queryPerson(sessionId: string, userId: string): Promise<PersonRow | null> {
    return new Promise((resolve, reject) => {
      let batch = this.pendingPeople.get(sessionId);
      if (!batch) {
        batch = new Map();
        this.pendingPeople.set(sessionId, batch);
        // A few ms of gathering: a join burst then costs Postgres one statement per ~dozens of joins.
        setTimeout(() => void this.runPeople(sessionId), PEOPLE_BATCH_MS);
      }
      const waiting = batch.get(userId) ?? [];
      waiting.push({ resolve, reject });
      batch.set(userId, waiting);
    });
  }

  private async runPeople(sessionId: string): Promise<void> {
    const batch = this.pendingPeople.get(sessionId)!;
    this.pendingPeople.delete(sessionId);
    try {
      const rows = await preparedQuery<PersonRow>(this.ds, 'qatys_live_person_facts', PERSON_FACTS, [
        sessionId,
        [...batch.keys()],
      ]);
      const byUser = new Map(rows.map((r) => [r.user_id, r]));
      for (const [user, waiting] of batch) for (const w of waiting) w.resolve(byUser.get(user) ?? null);
    } catch (e) {
      for (const waiting of batch.values()) for (const w of waiting) w.reject(e);
    }
  }
}
