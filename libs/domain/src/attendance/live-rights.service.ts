import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../shared/domain.errors';
import { decideStay, staffScopeOf } from './join.policy';
import { LiveAccessService, LiveIdentity } from './live-access.service';
import { LiveAttendanceService } from './live-attendance.service';
import { RosterChange, SessionRosters } from './session-rosters';

export type StayOutcome =
  | { ok: true; counted: boolean }
  /** `code` is what a join would be answered now (not_registered, forbidden, session_not_found). */
  | { ok: false; code: string; message: string };

const ACTIVE_USERS = `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND disabled_at IS NULL`;

/**
 * Rights of people already inside a live session, re-checked when what they rest on changes: the
 * rosters' notifications (registrations, speakers, disabled accounts; everything after the LISTEN
 * connection was lost) say when, decideStay says whether they may stay. Someone who may not
 * leaves the session at once: their place, the live counts and their attendance interval (closed
 * now, `rights_revoked`), so a report never counts time after a cancellation.
 */
@Injectable()
export class LiveRightsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: LiveAccessService,
    private readonly live: LiveAttendanceService,
    private readonly rosters: SessionRosters,
  ) {}

  /** Every change to who may be in a session, as the rosters hear it. Returns the unsubscribe. */
  onChange(listener: (change: RosterChange) => void): () => void {
    return this.rosters.onChange(listener);
  }

  /** Grows with every change: a join whose facts may predate one is re-checked once done. */
  get changes(): number {
    return this.rosters.changes;
  }

  /**
   * Whether this connection may stay in the session, on facts read now. When it may not, it has
   * left by the time this resolves; when it stays but no longer counts (staff whose seat was
   * cancelled), it has stopped counting.
   */
  async recheck(
    socketId: string,
    identity: LiveIdentity,
    sessionId: string,
    joinedAsStaff: boolean,
  ): Promise<StayOutcome> {
    const counted = this.live.isCounted(socketId, sessionId);
    let outcome: StayOutcome;
    try {
      const [session, person] = await Promise.all([
        this.access.sessionFacts(sessionId),
        this.access.personFacts(sessionId, identity.userId),
      ]);
      outcome = decideStay({
        joinedAsStaff,
        counted,
        staffNow: staffScopeOf(
          identity.staff && { ...identity.staff, isSpeaker: person.isSpeaker },
          session.targetRegionIds,
        ),
        registration:
          person.registrationId && person.registrationStatus
            ? { id: person.registrationId, status: person.registrationStatus }
            : null,
        userDisabled: person.disabled,
        joinTokenRegistrationId: identity.joinToken?.registrationId,
      });
    } catch (e) {
      // The person or the session is gone altogether.
      if (!(e instanceof DomainError) || e.kind === 'invalid' || e.kind === 'conflict') throw e;
      outcome = { ok: false, code: e.code, message: e.message };
    }
    if (!outcome.ok) await this.live.leave(socketId, sessionId, identity.userId, 'rights_revoked');
    else if (counted && !outcome.counted) await this.live.stopCounting(socketId, sessionId, 'rights_revoked');
    return outcome;
  }

  /** Of these people, those whose account is disabled (or no longer exists). */
  async inactiveUsers(userIds: readonly string[]): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const rows: { id: string }[] = await this.ds.query(ACTIVE_USERS, [userIds]);
    const active = new Set(rows.map((r) => r.id));
    return new Set(userIds.filter((id) => !active.has(id)));
  }
}
