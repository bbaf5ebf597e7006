import {
  assertCapacity,
  assertFormatDetails,
  assertSessionEditable,
  assertSessionTransition,
  rescheduleTimes,
  resolveSessionTimes,
} from './session.policy';

describe('session status transitions', () => {
  it('allows scheduled -> live -> ended, scheduled -> ended and cancelling what is not over', () => {
    expect(assertSessionTransition('scheduled', 'live')).toBe(true);
    expect(assertSessionTransition('live', 'ended')).toBe(true);
    expect(assertSessionTransition('scheduled', 'ended')).toBe(true);
    expect(assertSessionTransition('live', 'cancelled')).toBe(true);
    expect(assertSessionTransition('live', 'live')).toBe(false);
  });

  it('keeps ended and cancelled final and refuses going back', () => {
    expect(() => assertSessionTransition('ended', 'live')).toThrow(/ended, which is final/);
    expect(() => assertSessionTransition('cancelled', 'scheduled')).toThrow(
      expect.objectContaining({ kind: 'conflict' }),
    );
    expect(() => assertSessionTransition('live', 'scheduled')).toThrow(
      /A live session cannot become scheduled/,
    );
    expect(() => assertSessionEditable('cancelled')).toThrow(/cancelled/);
  });
});

describe('format details', () => {
  it('needs a link online, a venue offline and both for hybrid', () => {
    expect(() => assertFormatDetails('online', null, 'https://meet.example.kz/x')).not.toThrow();
    expect(() => assertFormatDetails('online', 'Hall', null)).toThrow(
      /joinUrl is required for an online session/,
    );
    expect(() => assertFormatDetails('offline', null, null)).toThrow(
      /venue is required for an offline session/,
    );
    expect(() => assertFormatDetails('hybrid', 'Hall', null)).toThrow(/joinUrl is required/);
    expect(() => assertFormatDetails('hybrid', null, 'https://x.kz')).toThrow(/venue is required/);
    expect(() => assertFormatDetails('hybrid', 'Hall', 'http://x.kz')).not.toThrow();
  });

  it('accepts http(s) links only', () => {
    expect(() => assertFormatDetails('online', null, 'ftp://x.kz')).toThrow(/http\(s\) URL/);
    expect(() => assertFormatDetails('online', null, 'javascript:alert(1)')).toThrow(/http\(s\) URL/);
  });
});

describe('resolveSessionTimes', () => {
  it('converts wall times with the offset in force on that date (2024-03-01 change)', () => {
    const after = resolveSessionTimes({
      start: '2024-03-02T12:00',
      end: '2024-03-02T16:00',
      timeZone: 'Asia/Almaty',
    });
    expect(after.startAt.toISOString()).toBe('2024-03-02T07:00:00.000Z');
    expect(after.endAt.toISOString()).toBe('2024-03-02T11:00:00.000Z');
    const before = resolveSessionTimes({
      start: '2024-02-28T12:00',
      durationMinutes: 240,
      timeZone: 'Asia/Almaty',
    });
    expect(before.startAt.toISOString()).toBe('2024-02-28T06:00:00.000Z');
    expect(before.endAt.toISOString()).toBe('2024-02-28T10:00:00.000Z');
  });

  it('counts a duration in elapsed time across the change of offset', () => {
    const t = resolveSessionTimes({
      start: '2024-02-29T22:00',
      durationMinutes: 180,
      timeZone: 'Asia/Almaty',
    });
    expect(t.endAt.getTime() - t.startAt.getTime()).toBe(180 * 60_000);
  });

  it('refuses ambiguous wall times, missing or double ends and an end not after the start', () => {
    expect(() =>
      resolveSessionTimes({ start: '2024-02-29T23:30', durationMinutes: 60, timeZone: 'Asia/Almaty' }),
    ).toThrow(/happens twice/);
    expect(() => resolveSessionTimes({ start: '2024-03-02T12:00', timeZone: 'Asia/Almaty' })).toThrow(
      /durationMinutes is required/,
    );
    expect(() =>
      resolveSessionTimes({
        start: '2024-03-02T12:00',
        end: '2024-03-02T13:00',
        durationMinutes: 60,
        timeZone: 'Asia/Almaty',
      }),
    ).toThrow(/not both/);
    expect(() =>
      resolveSessionTimes({ start: '2024-03-02T12:00', end: '2024-03-02T11:00', timeZone: 'Asia/Almaty' }),
    ).toThrow(/end \(2024-03-02T11:00 Asia\/Almaty\) must be after start \(2024-03-02T12:00 Asia\/Almaty\)/);
    expect(() =>
      resolveSessionTimes({ start: '2024-03-02T12:00', end: '2024-03-02T12:00', timeZone: 'Asia/Almaty' }),
    ).toThrow(expect.objectContaining({ code: 'end_before_start' }));
    expect(() =>
      resolveSessionTimes({ start: '2024-03-02T12:00', durationMinutes: 0, timeZone: 'Asia/Almaty' }),
    ).toThrow(/durationMinutes must be an integer/);
    expect(() =>
      resolveSessionTimes({ start: '2024-03-02T12:00', durationMinutes: 60, timeZone: 'Mars/Base' }),
    ).toThrow(/IANA/);
  });
});

describe('assertCapacity', () => {
  it('refuses a capacity below the seats taken, allows equal and unlimited', () => {
    expect(() => assertCapacity(5, 7)).toThrow(
      /capacity 5 is below the 7 seats already taken in this session/,
    );
    expect(() => assertCapacity(7, 7)).not.toThrow();
    expect(() => assertCapacity(null, 700)).not.toThrow();
    expect(() => assertCapacity(1, 2, 'section')).toThrow(/this section/);
  });
});

describe('rescheduleTimes', () => {
  const current = {
    startAt: new Date('2024-03-02T07:00:00Z'),
    endAt: new Date('2024-03-02T11:00:00Z'),
    timeZone: 'Asia/Almaty',
  };

  it('moves the session keeping its length when only the start changes', () => {
    const t = rescheduleTimes(current, { start: '2024-03-03T10:00' });
    expect(t).toEqual({
      startAt: new Date('2024-03-03T05:00:00Z'),
      endAt: new Date('2024-03-03T09:00:00Z'),
      timeZone: 'Asia/Almaty',
      moved: true,
    });
  });

  it('reads wall times in the new zone and changes only the end when asked', () => {
    expect(
      rescheduleTimes(current, {
        start: '2024-03-02T12:00',
        timeZone: 'Europe/Moscow',
      }).startAt.toISOString(),
    ).toBe('2024-03-02T09:00:00.000Z');
    const longer = rescheduleTimes(current, { durationMinutes: 300 });
    expect(longer.endAt.toISOString()).toBe('2024-03-02T12:00:00.000Z');
    expect(longer.moved).toBe(true);
    const end = rescheduleTimes(current, { end: '2024-03-02T17:00' });
    expect(end.endAt.toISOString()).toBe('2024-03-02T12:00:00.000Z');
  });

  it('keeps the instants when only the zone changes, and says nothing moved for the same times', () => {
    expect(rescheduleTimes(current, { timeZone: 'Asia/Qostanay' })).toEqual({
      ...current,
      timeZone: 'Asia/Qostanay',
      moved: false,
    });
    expect(rescheduleTimes(current, { start: '2024-03-02T12:00', end: '2024-03-02T16:00' }).moved).toBe(
      false,
    );
  });

  it('refuses an end before the start, a bad zone and end with duration', () => {
    expect(() => rescheduleTimes(current, { end: '2024-03-02T11:00' })).toThrow(/must be after start/);
    expect(() => rescheduleTimes(current, { timeZone: 'Nowhere/City' })).toThrow(
      /timeZone "Nowhere\/City" is not an IANA/,
    );
    expect(() => rescheduleTimes(current, { end: '2024-03-02T17:00', durationMinutes: 60 })).toThrow(
      /not both/,
    );
    expect(() => rescheduleTimes(current, { start: '2024-02-29T23:30' })).toThrow(/happens twice/);
  });
});
