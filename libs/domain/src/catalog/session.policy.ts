import { DateTime } from 'luxon';
import { conflict, invalid } from '../shared/domain.errors';
import { assertZone, wallTimeToInstant } from '../shared/wall-time.policy';
import type { SessionFormat, SessionStatus } from './session.entity';

/**
 * scheduled -> live -> ended, scheduled -> ended (a session nobody started), and anything not yet
 * over may be cancelled. Ended and cancelled are final: the reminders, calendars and reports of
 * other areas rely on them never coming back.
 */
const SESSION_TRANSITIONS: Record<SessionStatus, readonly SessionStatus[]> = {
  scheduled: ['live', 'ended', 'cancelled'],
  live: ['ended', 'cancelled'],
  ended: [],
  cancelled: [],
};

/** True when the status changes, false for a repeat of the current one; 409 for an illegal move. */
export function assertSessionTransition(from: SessionStatus, to: SessionStatus): boolean {
  if (from === to) return false;
  if (!SESSION_TRANSITIONS[from].includes(to)) {
    throw conflict(
      'illegal_status_transition',
      SESSION_TRANSITIONS[from].length
        ? `A ${from} session cannot become ${to}`
        : `The session is ${from}, which is final: it cannot become ${to}`,
      { from, to },
    );
  }
  return true;
}

export function assertSessionEditable(status: SessionStatus): void {
  if (status === 'cancelled')
    throw conflict('session_cancelled', 'The session is cancelled and can no longer be changed');
}

/** Where people go: an online session needs a link, an offline one a place, a hybrid one both. */
export function assertFormatDetails(
  format: SessionFormat,
  venue: string | null,
  joinUrl: string | null,
): void {
  if ((format === 'online' || format === 'hybrid') && !joinUrl) {
    throw invalid('join_url_required', `joinUrl is required for an ${format} session`);
  }
  if ((format === 'offline' || format === 'hybrid') && !venue) {
    throw invalid('venue_required', `venue is required for an ${format} session`);
  }
  if (joinUrl) {
    let url: URL | undefined;
    try {
      url = new URL(joinUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw invalid('invalid_join_url', `joinUrl must be an http(s) URL (got "${joinUrl}")`);
    }
  }
}

export const MAX_SESSION_MINUTES = 20_160; // 14 days: a multi-day intensive is still one session

export interface WallTimes {
  /** Local wall time in `timeZone`, e.g. 2024-03-02T12:00. */
  start: string;
  /** Local wall time in `timeZone`; or give durationMinutes instead. */
  end?: string;
  durationMinutes?: number;
  timeZone: string;
}

/**
 * Turns the organizer's wall times into instants through the IANA rules of that zone and date,
 * so "12:00 in Almaty" is 06:00Z before 2024-03-01 and 07:00Z after it.
 */
export function resolveSessionTimes(t: WallTimes): { startAt: Date; endAt: Date } {
  if (t.end !== undefined && t.durationMinutes !== undefined) {
    throw invalid('ambiguous_end', 'Give either end or durationMinutes, not both');
  }
  if (t.end === undefined && t.durationMinutes === undefined) {
    throw invalid('end_required', 'end (local wall time) or durationMinutes is required');
  }
  const startAt = wallTimeToInstant(t.start, t.timeZone, 'start');
  let endAt: Date;
  if (t.end !== undefined) {
    endAt = wallTimeToInstant(t.end, t.timeZone, 'end');
  } else {
    const d = t.durationMinutes!;
    assertDuration(d);
    // Elapsed time, not wall time: a 4-hour webinar lasts 4 hours even across an offset change.
    endAt = new Date(startAt.getTime() + d * 60_000);
  }
  assertTimeOrder(startAt, endAt, t.timeZone);
  return { startAt, endAt };
}

export function assertTimeOrder(startAt: Date, endAt: Date, zone: string): void {
  if (endAt.getTime() <= startAt.getTime()) {
    const fmt = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
    throw invalid(
      'end_before_start',
      `end (${fmt(endAt)} ${zone}) must be after start (${fmt(startAt)} ${zone})`,
    );
  }
  if (endAt.getTime() - startAt.getTime() > MAX_SESSION_MINUTES * 60_000) {
    throw invalid('session_too_long', `A session may last at most ${MAX_SESSION_MINUTES / 1440} days`);
  }
}

/** Seats already taken cannot be taken away by lowering the capacity. */
/** More room than before: a limit lifted, or a larger one. (null = unlimited.) */
export function capacityRaised(before: number | null, after: number | null): boolean {
  if (before === null) return false;
  return after === null || after > before;
}

export function assertCapacity(capacity: number | null, registeredCount: number, what = 'session'): void {
  if (capacity !== null && capacity < registeredCount) {
    throw conflict(
      'capacity_below_registered',
      `capacity ${capacity} is below the ${registeredCount} seats already taken in this ${what}`,
      { capacity, registeredCount },
    );
  }
}

export interface TimesPatch {
  start?: string;
  end?: string;
  durationMinutes?: number;
  timeZone?: string;
}

/**
 * New instants for a PATCH. Wall times are read in the new zone (or the current one). A new start
 * alone moves the session and keeps its length; a new zone alone re-labels the zone of record and
 * keeps the instants (the session does not move because the organizer changed their view).
 */
export function rescheduleTimes(
  current: { startAt: Date; endAt: Date; timeZone: string },
  patch: TimesPatch,
): { startAt: Date; endAt: Date; timeZone: string; moved: boolean } {
  const timeZone = patch.timeZone ?? current.timeZone;
  if (patch.timeZone !== undefined) assertZone(patch.timeZone, 'timeZone');
  if (patch.end !== undefined && patch.durationMinutes !== undefined) {
    throw invalid('ambiguous_end', 'Give either end or durationMinutes, not both');
  }
  const startAt =
    patch.start !== undefined ? wallTimeToInstant(patch.start, timeZone, 'start') : current.startAt;
  let endAt: Date;
  if (patch.end !== undefined) {
    endAt = wallTimeToInstant(patch.end, timeZone, 'end');
  } else if (patch.durationMinutes !== undefined) {
    assertDuration(patch.durationMinutes);
    endAt = new Date(startAt.getTime() + patch.durationMinutes * 60_000);
  } else {
    endAt = new Date(startAt.getTime() + (current.endAt.getTime() - current.startAt.getTime()));
  }
  assertTimeOrder(startAt, endAt, timeZone);
  const moved =
    startAt.getTime() !== current.startAt.getTime() || endAt.getTime() !== current.endAt.getTime();
  return { startAt, endAt, timeZone, moved };
}

function assertDuration(d: number): void {
  if (!Number.isInteger(d) || d < 1 || d > MAX_SESSION_MINUTES) {
    throw invalid(
      'invalid_duration',
      `durationMinutes must be an integer from 1 to ${MAX_SESSION_MINUTES} (got ${d})`,
    );
  }
}
