import fc from 'fast-check';
import {
  clipSpans,
  connectionsByPerson,
  IntervalRecord,
  median,
  medianMinutes,
  mergeSpans,
  minutesOf,
  percentOf,
  presentMillis,
} from './intervals.policy';

const MIN = 60_000;
const s = (start: number, end: number) => ({ start: start * MIN, end: end * MIN });

describe('mergeSpans', () => {
  it('merges overlapping and touching spans, keeps gaps, ignores order', () => {
    expect(mergeSpans([s(50, 70), s(0, 30), s(20, 40), s(40, 45)])).toEqual([s(0, 45), s(50, 70)]);
  });

  it('drops empty and inverted spans and does not mutate its input', () => {
    const input = [s(10, 10), s(30, 20), s(0, 5)];
    expect(mergeSpans(input)).toEqual([s(0, 5)]);
    expect(input[2]).toEqual(s(0, 5));
  });

  it('absorbs a span inside another (a second tab opened and closed meanwhile)', () => {
    expect(mergeSpans([s(0, 100), s(10, 20)])).toEqual([s(0, 100)]);
  });
});

describe('presentMillis', () => {
  it('is the length of the merged, clipped spans, for any spans and window', () => {
    const span = fc
      .tuple(fc.integer({ min: -50, max: 300 }), fc.integer({ min: -50, max: 300 }))
      .map(([a, b]) => ({ start: a * 1000, end: b * 1000 }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 8 }), span, (spans, window) => {
        const expected = mergeSpans(clipSpans(spans, window)).reduce((t, x) => t + (x.end - x.start), 0);
        expect(presentMillis(spans, window)).toBe(expected);
      }),
    );
  });

  it('counts two overlapping tabs once and clips to the session window', () => {
    const window = s(0, 240);
    expect(presentMillis([s(-15, 120), s(60, 200)], window)).toBe(200 * MIN);
    expect(presentMillis([s(230, 300)], window)).toBe(10 * MIN);
    expect(presentMillis([s(-30, -10), s(250, 260)], window)).toBe(0);
    expect(clipSpans([s(-5, 5)], window)).toEqual([s(0, 5)]);
  });
});

describe('connectionsByPerson', () => {
  const row = (userId: string, sessionId: string, from: number, to: number | null): IntervalRecord => ({
    userId,
    sessionId,
    joinedMs: from * MIN,
    leftMs: to === null ? null : to * MIN,
  });

  it('groups by person then session, with the first join and the last leave', () => {
    const g = connectionsByPerson(
      [row('a', 's1', 10, 20), row('b', 's1', 0, 5), row('a', 's1', 5, 30), row('a', 's2', 0, 1)],
      100 * MIN,
    );
    expect([...g.keys()]).toEqual(['a', 'b']);
    expect(g.get('a')!.get('s1')).toEqual({
      spans: [s(10, 20), s(5, 30)],
      firstJoinedAt: 5 * MIN,
      lastLeftAt: 30 * MIN,
      open: false,
    });
    expect(g.get('a')!.get('s2')!.spans).toEqual([s(0, 1)]);
    expect(g.get('b')!.size).toBe(1);
  });

  it('runs an open connection until openUntil (never before its join) and has no last leave then', () => {
    const g = connectionsByPerson([row('a', 's1', 10, 12), row('a', 's1', 11, null)], 25 * MIN);
    expect(g.get('a')!.get('s1')).toEqual({
      spans: [s(10, 12), s(11, 25)],
      firstJoinedAt: 10 * MIN,
      lastLeftAt: null,
      open: true,
    });
    const early = connectionsByPerson([row('a', 's1', 10, null), row('a', 's1', 0, 3)], 5 * MIN);
    expect(early.get('a')!.get('s1')).toMatchObject({ spans: [s(10, 10), s(0, 3)], lastLeftAt: null });
  });
});

describe('median / minutesOf / percentOf', () => {
  it('gives the middle value, the mean of the two middle ones, or null', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('rounds minutes and percentages to one decimal', () => {
    expect(minutesOf(90_000)).toBe(1.5);
    expect(minutesOf(100)).toBe(0);
    expect(percentOf(124, 150)).toBe(82.7);
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(5, 0)).toBeNull();
    expect(percentOf(5, null)).toBeNull();
  });

  it('round halves up, once, from exact inputs', () => {
    expect(minutesOf(3_000)).toBe(0.1); // 0.05 min
    expect(minutesOf(2_999)).toBe(0);
    expect(percentOf(49, 400)).toBe(12.3); // 12.25 %
    expect(percentOf(1, 8)).toBe(12.5);
  });

  it('gives the median in minutes rounded after taking the median, never a float artefact', () => {
    // 0.1 and 0.7 minutes: the mean of the rounded minutes would print 0.39999999999999997.
    expect((minutesOf(6_000) + minutesOf(42_000)) / 2).not.toBe(0.4);
    expect(medianMinutes([6_000, 42_000])).toBe(0.4);
    expect(medianMinutes([60_000, 90_000, 30_000])).toBe(1);
    expect(medianMinutes([])).toBeNull();
  });
});
