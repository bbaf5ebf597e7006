import { clockTimeOfInput } from './clock';
import {
  checkWallTime,
  countdown,
  dateTimeText,
  dateTimeWithZone,
  dayText,
  inputOfWallTime,
  offsetLabel,
  timeWithZone,
  wallTimeOfInput,
} from './time';

describe('checkWallTime', () => {
  it('resolves an ordinary wall time to one UTC instant, before and after the 2024-03-01 change', () => {
    expect(checkWallTime('2024-02-28T12:00', 'Asia/Almaty')).toEqual({
      ok: true,
      utc: '2024-02-28T06:00:00.000Z',
    });
    expect(checkWallTime('2024-03-02T12:00', 'Asia/Almaty')).toEqual({
      ok: true,
      utc: '2024-03-02T07:00:00.000Z',
    });
    expect(checkWallTime('2024-03-04T12:00', 'Asia/Qostanay')).toEqual({
      ok: true,
      utc: '2024-03-04T07:00:00.000Z',
    });
  });

  it('refuses a time that happened twice (Almaty, the night clocks went back) or never (a spring gap)', () => {
    expect(checkWallTime('2024-02-29T23:30', 'Asia/Almaty')).toEqual({ ok: false, reason: 'ambiguous' });
    expect(checkWallTime('2024-03-31T02:30', 'Europe/Berlin')).toEqual({ ok: false, reason: 'nonexistent' });
    expect(checkWallTime('2024-10-27T02:30', 'Europe/Berlin')).toEqual({ ok: false, reason: 'ambiguous' });
  });

  it('refuses malformed input and unknown zones', () => {
    expect(checkWallTime('2024-02-30T10:00', 'Asia/Almaty')).toEqual({ ok: false, reason: 'invalid' });
    expect(checkWallTime('tomorrow', 'Asia/Almaty')).toEqual({ ok: false, reason: 'invalid' });
    expect(checkWallTime('2024-03-02T12:00', 'Mars/Base')).toEqual({ ok: false, reason: 'zone' });
  });
});

describe('offsetLabel and countdown', () => {
  it('labels the offset in force at the instant', () => {
    expect(offsetLabel('2024-02-28T06:00:00Z', 'Asia/Almaty')).toBe('UTC+6');
    expect(offsetLabel('2024-03-02T07:00:00Z', 'Asia/Almaty')).toBe('UTC+5');
    expect(offsetLabel('2024-03-02T07:00:00Z', 'Asia/Kolkata')).toBe('UTC+5:30');
  });

  it('counts down in whole units and stops at zero', () => {
    const now = Date.parse('2024-03-02T06:00:00Z');
    expect(countdown('2024-03-03T07:01:05Z', now)).toEqual({ days: 1, hours: 1, minutes: 1, seconds: 5 });
    expect(countdown('2024-03-02T05:00:00Z', now)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
  });
});

describe('dateTimeText', () => {
  it('spells Kazakh dates out itself (browsers often lack Kazakh locale data)', () => {
    expect(dateTimeText('2024-03-02T07:00:00Z', 'Asia/Almaty', 'kk')).toBe('сб, 2024 ж. 2 наурыз, 12:00');
    expect(dateTimeText('2024-02-28T06:00:00Z', 'Asia/Qostanay', 'kk')).toBe('ср, 2024 ж. 28 ақпан, 12:00');
  });

  it('uses the zone given, with the rules in force at the instant', () => {
    expect(dateTimeText('2024-03-02T07:00:00Z', 'Asia/Almaty', 'en')).toMatch(/12:00/);
    expect(dateTimeText('2024-02-28T07:00:00Z', 'Asia/Almaty', 'ru')).toMatch(/13:00/);
  });
});

describe('times that say their zone', () => {
  it('puts the offset beside a clock time and a date', () => {
    expect(timeWithZone('2026-06-01T06:05:00Z', 'Asia/Almaty')).toBe('11:05 (UTC+5)');
    expect(timeWithZone('2026-06-01T06:05:00Z', 'Asia/Qostanay')).toBe('11:05 (UTC+5)');
    expect(timeWithZone('2026-06-01T06:05:00Z', 'Europe/Moscow')).toBe('09:05 (UTC+3)');
    expect(dateTimeWithZone('2024-03-02T07:00:00Z', 'Asia/Almaty', 'kk')).toBe(
      'сб, 2024 ж. 2 наурыз, 12:00 (UTC+5)',
    );
  });
});

describe('the 24-hour date-time field', () => {
  it('reads what a person types, with a space or a T, into a wall time', () => {
    expect(wallTimeOfInput('2026-03-15 14:00')).toBe('2026-03-15T14:00');
    expect(wallTimeOfInput('2026-03-15T14:00')).toBe('2026-03-15T14:00');
    expect(wallTimeOfInput(' 2026-3-5  9.30 ')).toBe('2026-03-05T09:30');
    expect(wallTimeOfInput('2026-03-15 2:00 PM')).toBe('2026-03-15 2:00 PM');
    expect(checkWallTime(wallTimeOfInput('2026-03-15 2:00 PM'), 'Asia/Almaty')).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('reads a clock time on the 24-hour clock only', () => {
    expect(clockTimeOfInput('22:00')).toBe('22:00');
    expect(clockTimeOfInput(' 7.30 ')).toBe('07:30');
    expect(clockTimeOfInput('7:30 PM')).toBe('7:30 PM');
    expect(clockTimeOfInput('24:00')).toBe('24:00');
  });

  it('shows a wall time on the 24-hour clock', () => {
    expect(inputOfWallTime('2026-03-15T14:00')).toBe('2026-03-15 14:00');
  });
});

describe('dayText', () => {
  it('spells a day in the three languages, Kazakh without the browser locale data', () => {
    expect(dayText('2026-12-07', 'kk')).toBe('7 желтоқсан, дс');
    expect(dayText('2026-12-07', 'ru')).toBe('понедельник, 7 декабря');
    expect(dayText('2026-12-07', 'en')).toBe('Monday 7 December');
  });
});
