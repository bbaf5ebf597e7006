import { DateTime } from 'luxon';
import { conflict, invalid } from '../shared/domain.errors';
import { LANGUAGES, LocalizedText } from '../shared/localized-text';
import type { ProgramStatus } from './program.entity';

/**
 * Drafts and published programs move freely between the two (unpublishing is how an organizer
 * pulls a program back for changes); anything may be archived; an archived program is read-only
 * history. Asking for the status a program already has is a no-op, not an error.
 */
const PROGRAM_TRANSITIONS: Record<ProgramStatus, readonly ProgramStatus[]> = {
  draft: ['published', 'archived'],
  published: ['draft', 'archived'],
  archived: [],
};

export function assertProgramTransition(from: ProgramStatus, to: ProgramStatus): boolean {
  if (from === to) return false;
  if (!PROGRAM_TRANSITIONS[from].includes(to)) {
    throw conflict(
      'illegal_status_transition',
      from === 'archived'
        ? `The program is archived: its status cannot change to ${to}`
        : `A program cannot go from ${from} to ${to}`,
      { from, to },
    );
  }
  return true;
}

export function assertProgramEditable(status: ProgramStatus): void {
  if (status === 'archived')
    throw conflict('program_archived', 'The program is archived and can no longer be changed');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Calendar dates (no zone): a program runs "from June 15 to August 5" wherever one reads it. */
export function assertProgramDates(startsOn: string | null, endsOn: string | null): void {
  for (const [field, value] of [
    ['startsOn', startsOn],
    ['endsOn', endsOn],
  ] as const) {
    if (value !== null && (!ISO_DATE.test(value) || !DateTime.fromISO(value, { zone: 'utc' }).isValid)) {
      throw invalid('invalid_date', `${field} must be a real date as YYYY-MM-DD (got "${value}")`);
    }
  }
  if (startsOn !== null && endsOn !== null && endsOn < startsOn) {
    throw invalid('invalid_date_range', `endsOn (${endsOn}) must not be before startsOn (${startsOn})`);
  }
}

export const MAX_REMINDER_OFFSET_MINUTES = 43_200;

/** Offsets in minutes before a start, 1 minute to 30 days, distinct; kept largest first. */
export function normalizeReminderOffsets(
  offsets: readonly number[],
  field = 'reminderOffsetsMinutes',
): number[] {
  for (const o of offsets) {
    if (!Number.isInteger(o) || o < 1 || o > MAX_REMINDER_OFFSET_MINUTES) {
      throw invalid(
        'invalid_reminder_offset',
        `${field}: each offset must be an integer from 1 to ${MAX_REMINDER_OFFSET_MINUTES} minutes (got ${o})`,
      );
    }
  }
  if (new Set(offsets).size !== offsets.length) {
    throw invalid('invalid_reminder_offset', `${field} must not repeat an offset`);
  }
  return [...offsets].sort((a, b) => b - a);
}

/**
 * Text in kk/ru/en: a required text (titles) needs at least one non-blank language; each is
 * trimmed and at most `max` characters. Blank languages are dropped.
 */
export function normalizeText(
  text: LocalizedText | undefined | null,
  field: string,
  max: number,
  required: boolean,
): LocalizedText {
  const out: LocalizedText = {};
  for (const lang of LANGUAGES) {
    const v = text?.[lang];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw invalid('invalid_text', `${field}.${lang} must be a string`);
    const t = v.trim();
    if (t.length > max) throw invalid('invalid_text', `${field}.${lang} must be at most ${max} characters`);
    if (t) out[lang] = t;
  }
  if (required && !Object.keys(out).length) {
    throw invalid('invalid_text', `${field} needs a text in at least one language (kk, ru or en)`);
  }
  return out;
}

/** A daily window in the attendee's local time, `HH:mm`; `start > end` crosses midnight. */
export interface QuietHours {
  start: string;
  end: string;
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `HH:mm` to minutes after midnight; anything else is a 400. */
export function parseClock(value: string, field = 'time'): number {
  const m = CLOCK.exec(value);
  if (!m) throw invalid('invalid_clock_time', `${field} must be a time of day as HH:mm (got "${value}")`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * Validates a program's quiet hours: both given (and different) or both null (no quiet hours).
 * Returns the normalized window or null.
 */
export function normalizeQuietHours(
  start: string | null | undefined,
  end: string | null | undefined,
): QuietHours | null {
  if ((start === null || start === undefined) !== (end === null || end === undefined)) {
    throw invalid(
      'invalid_quiet_hours',
      'quietHoursStart and quietHoursEnd go together: give both (HH:mm) or set both to null for none',
    );
  }
  if (start === null || start === undefined || end === null || end === undefined) return null;
  const s = parseClock(start, 'quietHoursStart');
  const e = parseClock(end, 'quietHoursEnd');
  if (s === e) {
    throw invalid('invalid_quiet_hours', `quietHoursStart and quietHoursEnd must differ (both are ${start})`);
  }
  return { start, end };
}
