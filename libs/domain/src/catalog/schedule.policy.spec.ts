import { parseInstant, parseStatusList, scheduleWindow } from './schedule.policy';

describe('scheduleWindow', () => {
  it('turns a local day into its UTC bounds in the given zone', () => {
    const w = scheduleWindow({ date: '2024-06-20', dayZone: 'Asia/Almaty' });
    expect(w.from?.toISOString()).toBe('2024-06-19T19:00:00.000Z');
    expect(w.to?.toISOString()).toBe('2024-06-20T19:00:00.000Z');
    // before the 2024-03-01 change Almaty's day started at 18:00Z
    expect(scheduleWindow({ date: '2024-02-20', dayZone: 'Asia/Almaty' }).from?.toISOString()).toBe(
      '2024-02-19T18:00:00.000Z',
    );
  });

  it('passes explicit instants through and intersects them with a day', () => {
    expect(scheduleWindow({ from: '2024-06-20T00:00:00Z', dayZone: 'UTC' })).toEqual({
      from: new Date('2024-06-20T00:00:00Z'),
      to: undefined,
    });
    const w = scheduleWindow({
      from: '2024-06-20T05:00:00+05:00',
      to: '2024-06-30T00:00:00Z',
      date: '2024-06-20',
      dayZone: 'Asia/Almaty',
    });
    expect(w.from?.toISOString()).toBe('2024-06-20T00:00:00.000Z');
    expect(w.to?.toISOString()).toBe('2024-06-20T19:00:00.000Z');
  });

  it('refuses empty ranges, bad days and instants without an offset', () => {
    expect(() =>
      scheduleWindow({ from: '2024-06-21T00:00:00Z', to: '2024-06-20T00:00:00Z', dayZone: 'UTC' }),
    ).toThrow(/from \(2024-06-21T00:00:00.000Z\) must be before to/);
    expect(() =>
      scheduleWindow({ from: '2024-07-01T00:00:00Z', date: '2024-06-20', dayZone: 'UTC' }),
    ).toThrow(/do not overlap the local day 2024-06-20/);
    expect(() => scheduleWindow({ date: '20.06.2024', dayZone: 'UTC' })).toThrow(/YYYY-MM-DD/);
    expect(() => parseInstant('2024-06-20T10:00', 'from')).toThrow(
      /from must be an ISO 8601 instant with Z or an offset/,
    );
    expect(() => parseInstant('2024-02-30T10:00:00Z', 'to')).toThrow(/to must be/);
  });
});

describe('parseStatusList', () => {
  it('parses and dedupes, refusing unknown names', () => {
    expect(parseStatusList('scheduled, live,live')).toEqual(['scheduled', 'live']);
    expect(() => parseStatusList('scheduled,postponed')).toThrow(/got "postponed"/);
    expect(() => parseStatusList(',')).toThrow(/status must be/);
  });
});
