import { DomainError } from './domain.errors';
import { instantIn, localDayBounds, wallTimeToInstant } from './wall-time.policy';

describe('wallTimeToInstant', () => {
  it('uses the zone offset in force at that date across the 2024-03-01 Kazakhstan change', () => {
    expect(wallTimeToInstant('2024-02-28T12:00', 'Asia/Almaty').toISOString()).toBe(
      '2024-02-28T06:00:00.000Z',
    );
    expect(wallTimeToInstant('2024-03-02 12:00', 'Asia/Almaty').toISOString()).toBe(
      '2024-03-02T07:00:00.000Z',
    );
    expect(wallTimeToInstant('2024-03-04T12:00', 'Asia/Qostanay').toISOString()).toBe(
      '2024-03-04T07:00:00.000Z',
    );
  });

  it('refuses a wall time that happens twice when Almaty set its clocks back', () => {
    expect(() => wallTimeToInstant('2024-02-29T23:30', 'Asia/Almaty')).toThrow(/happens twice/);
  });

  it('says how to pick one occurrence of a time that happens twice, and that advice is accepted', () => {
    let error: DomainError | undefined;
    try {
      wallTimeToInstant('2024-02-29T23:30', 'Asia/Almaty');
    } catch (e) {
      error = e as DomainError;
    }
    expect(error?.code).toBe('ambiguous_wall_time');
    expect(error?.message).toBe(
      'start 2024-02-29T23:30 happens twice in Asia/Almaty (clocks set back): first at 2024-02-29T23:30+06:00, ' +
        'then at 2024-02-29T23:30+05:00; send the one you mean with its offset, e.g. "2024-02-29T23:30+06:00"',
    );
    const choices = (error?.details as { choices: string[] }).choices;
    expect(choices.map((c) => wallTimeToInstant(c, 'Asia/Almaty').toISOString())).toEqual([
      '2024-02-29T17:30:00.000Z',
      '2024-02-29T18:30:00.000Z',
    ]);
    expect((error?.details as { utc: string[] }).utc).toEqual([
      '2024-02-29T17:30:00.000Z',
      '2024-02-29T18:30:00.000Z',
    ]);
  });

  it("accepts an offset only when it is the zone's own at that time", () => {
    expect(wallTimeToInstant('2024-03-02T12:00+05:00', 'Asia/Almaty').toISOString()).toBe(
      '2024-03-02T07:00:00.000Z',
    );
    expect(wallTimeToInstant('2024-06-01 12:00:30Z', 'Etc/UTC').toISOString()).toBe(
      '2024-06-01T12:00:30.000Z',
    );
    expect(() => wallTimeToInstant('2024-03-02T12:00+06:00', 'Asia/Almaty')).toThrow(
      'start 2024-03-02T12:00+06:00: Asia/Almaty is at +05:00 at 2024-03-02T12:00, not +06:00; leave the offset out or give that one',
    );
    expect(() => wallTimeToInstant('2024-02-29T23:30+04:00', 'Asia/Almaty')).toThrow(/\+06:00 or \+05:00/);
    expect(() => wallTimeToInstant('2024-03-31T02:30+01:00', 'Europe/Berlin')).toThrow(/does not exist/);
  });

  it('refuses a wall time inside a DST gap', () => {
    expect(() => wallTimeToInstant('2024-03-31T02:30', 'Europe/Berlin')).toThrow(/does not exist/);
  });

  it('refuses impossible dates, bad formats and unknown zones', () => {
    expect(() => wallTimeToInstant('2024-02-30T10:00', 'Asia/Almaty')).toThrow(/not a real calendar/);
    expect(() => wallTimeToInstant('2024-03-02T12:00+5', 'Asia/Almaty')).toThrow(/local date-time/);
    expect(() => wallTimeToInstant('2024-03-02T12:00', 'Asia/Nowhere')).toThrow(/IANA/);
  });
});

describe('instantIn / localDayBounds', () => {
  it('renders an instant in the reader zone with its offset', () => {
    const t = new Date('2024-03-02T07:00:00Z');
    expect(instantIn(t, 'Asia/Almaty')).toEqual({
      local: '2024-03-02T12:00:00+05:00',
      zone: 'Asia/Almaty',
      offsetMinutes: 300,
    });
    expect(instantIn(new Date('2024-02-28T06:00:00Z'), 'Asia/Almaty').local).toBe(
      '2024-02-28T12:00:00+06:00',
    );
  });

  it('gives the local day in a zone as UTC bounds', () => {
    const { from, to } = localDayBounds('2024-06-20', 'Asia/Almaty');
    expect(from.toISOString()).toBe('2024-06-19T19:00:00.000Z');
    expect(to.toISOString()).toBe('2024-06-20T19:00:00.000Z');
    expect(() => localDayBounds('20-06-2024', 'Asia/Almaty')).toThrow(/YYYY-MM-DD/);
  });
});
