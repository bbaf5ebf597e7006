import { DateTime } from 'luxon';
import type { SessionStatus } from '../catalog/session.entity';
import type { RegistrationStatus } from '../registrations/registration.entity';

export const DEFAULT_JOIN_WINDOW_MINUTES = 15;

/** Organizers, moderators and the session's speakers see every region; a coordinator their own. */
export type LiveStaffScope = { kind: 'all' } | { kind: 'regions'; regionIds: number[] };

export interface JoinFacts {
  now: Date;
  session: { startAt: Date; endAt: Date; status: SessionStatus; targetRegionIds: readonly number[] };
  joinWindowMinutes: number;
  /** From the verified access token; null for a join-token socket (attendee rights only). */
  staff: { roles: readonly string[]; coordinatorRegionIds: readonly number[]; isSpeaker: boolean } | null;
  registration: { status: RegistrationStatus } | null;
  userDisabled: boolean;
}

export type JoinRefusal =
  'forbidden' | 'not_registered' | 'join_window_closed' | 'session_ended' | 'session_cancelled';

export type JoinDecision =
  | {
      ok: true;
      staff: LiveStaffScope | null;
      /** Counted in the attendance: a registered attendee inside the window. */
      counted: boolean;
    }
  | { ok: false; code: JoinRefusal; message: string; details?: Record<string, unknown> };

/** Which staff rights a person has in a session, if any. */
export function staffScopeOf(
  staff: JoinFacts['staff'],
  targetRegionIds: readonly number[],
): LiveStaffScope | null {
  if (!staff) return null;
  const has = (r: string) => staff.roles.includes(r);
  if (has('admin') || has('organizer') || has('moderator') || staff.isSpeaker) return { kind: 'all' };
  if (has('coordinator') && staff.coordinatorRegionIds.length) {
    const targeted =
      targetRegionIds.length === 0 || staff.coordinatorRegionIds.some((r) => targetRegionIds.includes(r));
    if (targeted)
      return { kind: 'regions', regionIds: [...new Set(staff.coordinatorRegionIds)].sort((a, b) => a - b) };
  }
  return null;
}

/** The last answer of joinOpensAt: a join burst asks it about one session thousands of times. */
let lastOpening = { startMs: NaN, minutes: NaN, opensMs: NaN };

/** The instant attendees may start joining. */
export function joinOpensAt(startAt: Date, joinWindowMinutes: number): Date {
  const startMs = startAt.getTime();
  if (startMs !== lastOpening.startMs || joinWindowMinutes !== lastOpening.minutes) {
    // In UTC: minutes on an instant need no zone (and the system zone costs an Intl lookup per join).
    const opensMs = DateTime.fromMillis(startMs, { zone: 'utc' })
      .minus({ minutes: joinWindowMinutes })
      .toMillis();
    lastOpening = { startMs, minutes: joinWindowMinutes, opensMs };
  }
  return new Date(lastOpening.opensMs);
}

/**
 * Who may join a live session, and whether they count in its attendance. Staff may join at any
 * time (to prepare, and to read the figures after the end); a registered attendee from the join
 * window before the start until the end. A cancelled session takes nobody.
 */
export function decideJoin(f: JoinFacts): JoinDecision {
  if (f.userDisabled) return { ok: false, code: 'forbidden', message: 'This account is disabled' };
  if (f.session.status === 'cancelled') {
    return { ok: false, code: 'session_cancelled', message: 'The session was cancelled' };
  }
  const now = f.now.getTime();
  const opensAt = joinOpensAt(f.session.startAt, f.joinWindowMinutes);
  const ended = f.session.status === 'ended' || now >= f.session.endAt.getTime();
  const inWindow = !ended && now >= opensAt.getTime();
  const registered = f.registration?.status === 'registered';
  const staff = staffScopeOf(f.staff, f.session.targetRegionIds);
  if (staff) return { ok: true, staff, counted: registered && inWindow };
  if (!registered) {
    return {
      ok: false,
      code: 'not_registered',
      message:
        f.registration?.status === 'waitlisted'
          ? 'You are on the waitlist of this session, not registered'
          : 'You are not registered for this session',
    };
  }
  if (ended) return { ok: false, code: 'session_ended', message: 'The session is over' };
  if (!inWindow) {
    return {
      ok: false,
      code: 'join_window_closed',
      message: `Joining opens ${f.joinWindowMinutes} minutes before the start, at ${opensAt.toISOString()}`,
      details: { opensAt: opensAt.toISOString() },
    };
  }
  return { ok: true, staff: null, counted: true };
}

/** What a connection in a session is re-checked against when the person's facts change while inside. */
export interface StayFacts {
  /** Joined with staff rights (the staff rooms). */
  joinedAsStaff: boolean;
  /** Counted in the attendance since the join. */
  counted: boolean;
  /** Staff rights now (staffScopeOf with today's speaker list). */
  staffNow: LiveStaffScope | null;
  registration: { id: string; status: RegistrationStatus } | null;
  userDisabled: boolean;
  /** The registration a join-link socket is bound to. */
  joinTokenRegistrationId?: string;
}

export type StayDecision =
  { ok: true; counted: boolean } | { ok: false; code: 'forbidden' | 'not_registered'; message: string };

/**
 * Whether a connection may stay in a session after a change to who may be there. Only rights are
 * re-checked, not time: someone inside at the end, or staff preparing early, stays. Staff stay
 * while they are staff (a cancelled seat only stops them counting); an attendee stays while
 * registered; a disabled account or a join link whose registration is gone leaves. Nobody starts
 * counting here: that takes a join.
 */
export function decideStay(f: StayFacts): StayDecision {
  if (f.userDisabled) return { ok: false, code: 'forbidden', message: 'This account is disabled' };
  if (f.joinTokenRegistrationId !== undefined && f.registration?.id !== f.joinTokenRegistrationId) {
    return { ok: false, code: 'forbidden', message: 'This join link no longer matches your registration' };
  }
  const registered = f.registration?.status === 'registered';
  if (f.joinedAsStaff) {
    if (!f.staffNow) {
      return { ok: false, code: 'forbidden', message: 'You are no longer staff of this session' };
    }
    return { ok: true, counted: f.counted && registered };
  }
  if (!registered) {
    return {
      ok: false,
      code: 'not_registered',
      message: 'Your registration for this session is no longer active',
    };
  }
  return { ok: true, counted: f.counted };
}
