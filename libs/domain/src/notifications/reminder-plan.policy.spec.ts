import { DateTime } from 'luxon';
import {
  applyQuietHours,
  DEFAULT_QUIET_HOURS,
  effectiveReminderOffsets,
  planReminders,
  quietWindowStartContaining,
} from './reminder-plan.policy';
import { normalizeQuietHours, parseClock } from '../catalog/program.policy';

const utc = (iso: string) => new Date(iso);
const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mmZZ");
const wall = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();

describe('effectiveReminderOffsets', () => {
  it('takes the session override, else the program offsets, else 24 h / 1 h / 10 min', () => {
    expect(effectiveReminderOffsets([60, 1440], [5, 30])).toEqual([30, 5]);
    expect(effectiveReminderOffsets([60, 1440], null)).toEqual([1440, 60]);
    expect(effectiveReminderOffsets(null, undefined)).toEqual([1440, 60, 10]);
  });

  it('drops repeats and nonsense, largest first', () => {
    expect(effectiveReminderOffsets([10, 10, 0, -5, 2.5, 60], null)).toEqual([60, 10]);
  });
});

describe('quiet hours', () => {
  it('parses and validates a window', () => {
    expect(parseClock('22:00')).toBe(1320);
    expect(parseClock('08:05')).toBe(485);
    expect(() => parseClock('24:00')).toThrow(/HH:mm/);
    expect(() => parseClock('8:00')).toThrow(/HH:mm/);
    expect(normalizeQuietHours('22:00', '08:00')).toEqual({ start: '22:00', end: '08:00' });
    expect(normalizeQuietHours(null, null)).toBeNull();
    expect(() => normalizeQuietHours('22:00', null)).toThrow(/go together/);
    expect(() => normalizeQuietHours('22:00', '22:00')).toThrow(/must differ/);
    expect(() => normalizeQuietHours('22:00', '25:00')).toThrow(/quietHoursEnd must be a time of day/);
  });

  it('finds the start of a window crossing midnight: 03:00 belongs to the one begun the evening before', () => {
    const zone = 'Asia/Almaty';
    expect(
      local(quietWindowStartContaining(wall('2024-06-19T03:00', zone), zone, DEFAULT_QUIET_HOURS)!, zone),
    ).toBe('2024-06-18T22:00+05:00');
    expect(
      local(quietWindowStartContaining(wall('2024-06-19T23:10', zone), zone, DEFAULT_QUIET_HOURS)!, zone),
    ).toBe('2024-06-19T22:00+05:00');
    // Start inclusive, end exclusive.
    expect(
      quietWindowStartContaining(wall('2024-06-19T22:00', zone), zone, DEFAULT_QUIET_HOURS),
    ).not.toBeNull();
    expect(quietWindowStartContaining(wall('2024-06-19T08:00', zone), zone, DEFAULT_QUIET_HOURS)).toBeNull();
    expect(quietWindowStartContaining(wall('2024-06-19T21:59', zone), zone, DEFAULT_QUIET_HOURS)).toBeNull();
  });

  it('handles a window within one day', () => {
    const zone = 'Asia/Almaty';
    const q = { start: '13:00', end: '15:00' };
    expect(local(quietWindowStartContaining(wall('2024-06-19T14:30', zone), zone, q)!, zone)).toBe(
      '2024-06-19T13:00+05:00',
    );
    expect(quietWindowStartContaining(wall('2024-06-19T15:00', zone), zone, q)).toBeNull();
    expect(quietWindowStartContaining(wall('2024-06-19T12:59', zone), zone, q)).toBeNull();
  });

  it('moves a reminder of 12 h or more inside the window to 21:59 the evening before; shorter ones stay', () => {
    const zone = 'Asia/Almaty';
    const due = wall('2024-06-19T07:00', zone);
    const moved = applyQuietHours(due, 1440, zone, DEFAULT_QUIET_HOURS);
    expect(moved.shifted).toBe(true);
    expect(local(moved.dueAt, zone)).toBe('2024-06-18T21:59+05:00');
    expect(applyQuietHours(due, 720, zone, DEFAULT_QUIET_HOURS).shifted).toBe(true);
    expect(applyQuietHours(due, 719, zone, DEFAULT_QUIET_HOURS)).toEqual({ dueAt: due, shifted: false });
    expect(applyQuietHours(due, 60, zone, DEFAULT_QUIET_HOURS)).toEqual({ dueAt: due, shifted: false });
    expect(applyQuietHours(due, 1440, zone, null)).toEqual({ dueAt: due, shifted: false });
  });

  it("uses the attendee's zone, not the session's", () => {
    // 07:00 in Almaty is 02:00 UTC = 22:00 the evening before in New York (EDT): inside there too,
    // but the window began at 22:00 New York time, i.e. exactly at that instant.
    const due = wall('2024-06-19T07:00', 'Asia/Almaty');
    const ny = applyQuietHours(due, 1440, 'America/New_York', DEFAULT_QUIET_HOURS);
    expect(local(ny.dueAt, 'America/New_York')).toBe('2024-06-18T21:59-04:00');
    // 07:00 Almaty = 04:00 in Berlin (CEST): inside Berlin's night too, window began 22:00 Berlin.
    const berlin = applyQuietHours(due, 1440, 'Europe/Berlin', DEFAULT_QUIET_HOURS);
    expect(local(berlin.dueAt, 'Europe/Berlin')).toBe('2024-06-18T21:59+02:00');
  });

  it('takes the offset in force when the window began, across the 2024-03-01 change in Almaty', () => {
    const zone = 'Asia/Almaty';
    // 02:30 on 2024-03-01 (UTC+5 by then) is inside the window that began at 22:00 on
    // 2024-02-29, when Almaty was still UTC+6: the reminder moves to 21:59+06:00 = 15:59Z.
    const due = utc('2024-02-29T21:30:00Z');
    expect(local(due, zone)).toBe('2024-03-01T02:30+05:00');
    const moved = applyQuietHours(due, 1440, zone, DEFAULT_QUIET_HOURS);
    expect(moved.dueAt.toISOString()).toBe('2024-02-29T15:59:00.000Z');
    expect(local(moved.dueAt, zone)).toBe('2024-02-29T21:59+06:00');
    // 23:30 happened twice that night; both belong to the same window.
    for (const twice of ['2024-02-29T17:30:00Z', '2024-02-29T18:30:00Z']) {
      expect(applyQuietHours(utc(twice), 1440, zone, DEFAULT_QUIET_HOURS).dueAt.toISOString()).toBe(
        '2024-02-29T15:59:00.000Z',
      );
    }
  });

  it('is "just before" even when the window start falls in a DST gap', () => {
    // Berlin skipped 02:00-03:00 on 2024-03-31; a window 02:00-05:00 began at 03:00 CEST that day.
    const zone = 'Europe/Berlin';
    const moved = applyQuietHours(wall('2024-03-31T04:00', zone), 1440, zone, {
      start: '02:00',
      end: '05:00',
    });
    expect(moved.dueAt.toISOString()).toBe('2024-03-31T00:59:00.000Z');
  });
});

describe('planReminders', () => {
  const base = { offsetsMinutes: [1440, 60, 10], quietHours: DEFAULT_QUIET_HOURS };

  it('Almaty session at 12:00 on 2024-03-04, 24 h reminder for an attendee in Qostanay', () => {
    const startAt = wall('2024-03-04T12:00', 'Asia/Almaty');
    expect(startAt.toISOString()).toBe('2024-03-04T07:00:00.000Z');
    const plan = planReminders({
      ...base,
      offsetsMinutes: [1440],
      startAt,
      attendeeZone: 'Asia/Qostanay',
      now: utc('2024-03-01T00:00:00Z'),
    });
    expect(plan).toEqual([{ offsetMinutes: 1440, dueAt: utc('2024-03-03T07:00:00Z'), shifted: false }]);
    expect(local(plan[0].dueAt, 'Asia/Qostanay')).toBe('2024-03-03T12:00+05:00');
  });

  it('counts real hours across the 2024-03-01 change: 24 h before 12:00 (UTC+5) is 13:00 (UTC+6) the day before', () => {
    const startAt = wall('2024-03-01T12:00', 'Asia/Almaty');
    expect(startAt.toISOString()).toBe('2024-03-01T07:00:00.000Z');
    const plan = planReminders({
      ...base,
      startAt,
      attendeeZone: 'Asia/Almaty',
      now: utc('2024-02-20T00:00:00Z'),
    });
    expect(plan.map((p) => [p.offsetMinutes, p.dueAt.toISOString(), local(p.dueAt, 'Asia/Almaty')])).toEqual([
      [1440, '2024-02-29T07:00:00.000Z', '2024-02-29T13:00+06:00'],
      [60, '2024-03-01T06:00:00.000Z', '2024-03-01T11:00+05:00'],
      [10, '2024-03-01T06:50:00.000Z', '2024-03-01T11:50+05:00'],
    ]);
  });

  it('applies quiet hours to the 24 h reminder of an early session, not to the 1 h one', () => {
    const startAt = wall('2024-06-20T07:00', 'Asia/Almaty');
    const plan = planReminders({
      ...base,
      startAt,
      attendeeZone: 'Asia/Almaty',
      now: utc('2024-06-01T00:00:00Z'),
    });
    expect(plan.map((p) => [p.offsetMinutes, local(p.dueAt, 'Asia/Almaty'), p.shifted])).toEqual([
      [1440, '2024-06-18T21:59+05:00', true],
      [60, '2024-06-20T06:00+05:00', false],
      [10, '2024-06-20T06:50+05:00', false],
    ]);
  });

  it('gives a late registration only the reminders still ahead', () => {
    const startAt = wall('2024-06-20T12:00', 'Asia/Almaty');
    const plan = planReminders({
      ...base,
      startAt,
      attendeeZone: 'Asia/Almaty',
      now: wall('2024-06-20T10:30', 'Asia/Almaty'),
    });
    expect(plan.map((p) => p.offsetMinutes)).toEqual([60, 10]);
    // Exactly at a due instant: that one has passed.
    const at = planReminders({
      ...base,
      startAt,
      attendeeZone: 'Asia/Almaty',
      now: wall('2024-06-20T11:00', 'Asia/Almaty'),
    });
    expect(at.map((p) => p.offsetMinutes)).toEqual([10]);
  });

  it('gives none after the start (or at it)', () => {
    const startAt = wall('2024-06-20T12:00', 'Asia/Almaty');
    for (const now of [startAt, wall('2024-06-20T12:30', 'Asia/Almaty')]) {
      expect(planReminders({ ...base, startAt, attendeeZone: 'Asia/Almaty', now })).toEqual([]);
    }
  });

  it('drops a reminder that quiet hours pushed into the past', () => {
    // Registered at 22:30 for 12:00 tomorrow: the 12 h reminder (00:00) would move to 21:59 today.
    const startAt = wall('2024-06-20T12:00', 'Asia/Almaty');
    const plan = planReminders({
      ...base,
      offsetsMinutes: [720, 60],
      startAt,
      attendeeZone: 'Asia/Almaty',
      now: wall('2024-06-19T22:30', 'Asia/Almaty'),
    });
    expect(plan.map((p) => p.offsetMinutes)).toEqual([60]);
  });

  it('sends once when quiet hours push two reminders onto the same instant', () => {
    const startAt = wall('2024-06-20T07:00', 'Asia/Almaty');
    const plan = planReminders({
      ...base,
      offsetsMinutes: [1440, 1400],
      startAt,
      attendeeZone: 'Asia/Almaty',
      now: utc('2024-06-01T00:00:00Z'),
    });
    expect(plan).toEqual([
      { offsetMinutes: 1400, dueAt: wall('2024-06-18T21:59', 'Asia/Almaty'), shifted: true },
    ]);
  });

  it('falls back to UTC for a zone that is not in the IANA database', () => {
    const startAt = utc('2024-06-20T12:00:00Z');
    const plan = planReminders({
      ...base,
      offsetsMinutes: [60],
      startAt,
      attendeeZone: 'Mars/Base',
      now: utc('2024-06-01T00:00:00Z'),
    });
    expect(plan[0].dueAt.toISOString()).toBe('2024-06-20T11:00:00.000Z');
  });
});
