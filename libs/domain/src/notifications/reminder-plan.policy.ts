/**
 * When reminders go out: pure functions, no clock of their own (the caller passes `now`), no I/O.
 * Every instant is a UTC `Date`; local times are worked out with Luxon from the IANA database, so
 * a zone's history (e.g. Kazakhstan moving from UTC+6 to UTC+5 on 2024-03-01) is honoured.
 */
import { DateTime } from 'luxon';
import { parseClock, type QuietHours } from '../catalog/program.policy';
import { invalid } from '../shared/domain.errors';
import { zoneOrUtc } from '../shared/time-zone';

/** 24 h, 1 h, 10 min: the programs table's default too. */
export const DEFAULT_REMINDER_OFFSETS_MINUTES: readonly number[] = [1440, 60, 10];

/** Reminders this far ahead or more respect quiet hours; shorter ones go out on time (the attendee is about to join). */
export const QUIET_HOURS_MIN_OFFSET_MINUTES = 12 * 60;

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '22:00', end: '08:00' };

export interface PlannedReminder {
  offsetMinutes: number;
  dueAt: Date;
  /** True when quiet hours moved it earlier. */
  shifted: boolean;
}

/** The session's own offsets when set, else the program's, else the defaults; distinct, largest first. */
export function effectiveReminderOffsets(
  programOffsets: readonly number[] | null | undefined,
  sessionOffsets: readonly number[] | null | undefined,
): number[] {
  const chosen = sessionOffsets ?? programOffsets ?? DEFAULT_REMINDER_OFFSETS_MINUTES;
  return [...new Set(chosen.filter((o) => Number.isInteger(o) && o > 0))].sort((a, b) => b - a);
}

/**
 * The instant the quiet window containing `instant` began, in `zone`; null when `instant` is
 * outside the window. A window crossing midnight that contains 03:00 began the evening before.
 */
export function quietWindowStartContaining(instant: Date, zone: string, quiet: QuietHours): Date | null {
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) throw invalid('unknown_time_zone', `"${zone}" is not an IANA time zone`);
  const s = parseClock(quiet.start);
  const e = parseClock(quiet.end);
  const minuteOfDay = local.hour * 60 + local.minute + local.second / 60 + local.millisecond / 60000;
  let startDay: DateTime;
  if (s < e) {
    if (minuteOfDay < s || minuteOfDay >= e) return null;
    startDay = local;
  } else if (minuteOfDay >= s) {
    startDay = local;
  } else if (minuteOfDay < e) {
    startDay = local.minus({ days: 1 });
  } else {
    return null;
  }
  // Built from the calendar date and the wall clock, so the offset in force at that moment
  // applies (22:00 on 2024-02-29 in Almaty is still UTC+6).
  const start = DateTime.fromObject(
    {
      year: startDay.year,
      month: startDay.month,
      day: startDay.day,
      hour: Math.floor(s / 60),
      minute: s % 60,
    },
    { zone },
  );
  return start.toJSDate();
}

/**
 * A reminder of 12 h or more whose due instant falls inside the attendee's quiet hours moves to
 * one minute before that window began (21:59 the evening before, for 22:00-08:00). Shorter
 * reminders, and everything when there are no quiet hours, keep their instant.
 */
export function applyQuietHours(
  due: Date,
  offsetMinutes: number,
  zone: string,
  quiet: QuietHours | null,
): { dueAt: Date; shifted: boolean } {
  if (!quiet || offsetMinutes < QUIET_HOURS_MIN_OFFSET_MINUTES) return { dueAt: due, shifted: false };
  const windowStart = quietWindowStartContaining(due, zone, quiet);
  if (!windowStart) return { dueAt: due, shifted: false };
  return { dueAt: new Date(windowStart.getTime() - 60_000), shifted: true };
}

/**
 * The reminders one attendee gets for one session: each offset is an exact duration before the
 * start instant (24 h before is 24 real hours, whatever the clocks did in between), then quiet
 * hours apply in the attendee's zone. Only reminders still ahead of `now` are kept — a late
 * registration gets the rest, one after the start gets none. Two that quiet hours pushed onto the
 * same instant are sent once (the shorter offset's row is kept).
 */
export function planReminders(input: {
  startAt: Date;
  offsetsMinutes: readonly number[];
  attendeeZone: string;
  quietHours: QuietHours | null;
  now: Date;
}): PlannedReminder[] {
  const start = input.startAt.getTime();
  const now = input.now.getTime();
  if (now >= start) return [];
  const zone = zoneOrUtc(input.attendeeZone);
  const byInstant = new Map<number, PlannedReminder>();
  for (const offset of effectiveReminderOffsets(input.offsetsMinutes, null)) {
    const nominal = new Date(start - offset * 60_000);
    const { dueAt, shifted } = applyQuietHours(nominal, offset, zone, input.quietHours);
    const t = dueAt.getTime();
    if (t <= now || t >= start) continue;
    const other = byInstant.get(t);
    if (!other || offset < other.offsetMinutes) byInstant.set(t, { offsetMinutes: offset, dueAt, shifted });
  }
  return [...byInstant.values()].sort((a, b) => b.offsetMinutes - a.offsetMinutes);
}
