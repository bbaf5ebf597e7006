import { DateTime } from 'luxon';
import { conflict, DomainError } from '../shared/domain.errors';
import type { SessionStatus } from './session.entity';

/** A speaker's seat in some session, as the overlap rule needs to see it. */
export interface SpeakerBooking {
  speakerId: string;
  speakerName: string;
  sessionId: string;
  /** In the reader's language. */
  title: string;
  startAt: Date;
  endAt: Date;
  timeZone: string;
  status: SessionStatus;
}

export interface CandidateSlot {
  /** The session being created (none yet) or changed: it never conflicts with itself. */
  sessionId?: string;
  startAt: Date;
  endAt: Date;
  speakerIds: readonly string[];
}

/** Half-open ranges: a session ending at 14:00 and one starting at 14:00 do not overlap. */
export function rangesOverlap(aStart: Date, aEnd: Date, bStart: Date, bEnd: Date): boolean {
  return aStart.getTime() < bEnd.getTime() && bStart.getTime() < aEnd.getTime();
}

/**
 * Every booking that keeps one of the candidate's speakers busy during the candidate's time.
 * Cancelled sessions free their speakers; ended ones still count (they happened).
 */
export function findSpeakerConflicts(
  candidate: CandidateSlot,
  bookings: readonly SpeakerBooking[],
): SpeakerBooking[] {
  const speakers = new Set(candidate.speakerIds);
  return bookings
    .filter(
      (b) =>
        speakers.has(b.speakerId) &&
        b.sessionId !== candidate.sessionId &&
        b.status !== 'cancelled' &&
        rangesOverlap(candidate.startAt, candidate.endAt, b.startAt, b.endAt),
    )
    .sort((a, b) => a.startAt.getTime() - b.startAt.getTime() || a.speakerName.localeCompare(b.speakerName));
}

function describeSlot(b: SpeakerBooking): string {
  const s = DateTime.fromJSDate(b.startAt, { zone: b.timeZone });
  const e = DateTime.fromJSDate(b.endAt, { zone: b.timeZone });
  const end = s.hasSame(e, 'day') ? e.toFormat('HH:mm') : e.toFormat('yyyy-MM-dd HH:mm');
  return `${s.toFormat('yyyy-MM-dd HH:mm')}–${end} ${b.timeZone}`;
}

/**
 * The 409 an organizer sees: each conflict names the speaker and the session they are already
 * booked into (title and local time), and `details.conflicts` lists them for a client to show.
 */
export function speakerConflictError(conflicts: readonly SpeakerBooking[]): DomainError {
  const lines = conflicts.map(
    (c) => `${c.speakerName} is already booked in "${c.title}" (${describeSlot(c)}, session ${c.sessionId})`,
  );
  return conflict(
    'speaker_conflict',
    `Speaker overlap: ${lines.join('; ')}. Pass overrideSpeakerConflicts: true to book anyway.`,
    {
      conflicts: conflicts.map((c) => ({
        speakerId: c.speakerId,
        speakerName: c.speakerName,
        sessionId: c.sessionId,
        title: c.title,
        startAt: c.startAt.toISOString(),
        endAt: c.endAt.toISOString(),
      })),
    },
  );
}
