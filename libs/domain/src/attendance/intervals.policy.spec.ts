import {
  clipSpans,
  median,
  mergeSpans,
  minutesOf,
  percentOf,
  presentMillis,
  toSpans,
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
  it('counts two overlapping tabs once and clips to the session window', () => {
    const window = s(0, 240);
    expect(presentMillis([s(-15, 120), s(60, 200)], window)).toBe(200 * MIN);
    expect(presentMillis([s(230, 300)], window)).toBe(10 * MIN);
    expect(presentMillis([s(-30, -10), s(250, 260)], window)).toBe(0);
    expect(clipSpans([s(-5, 5)], window)).toEqual([s(0, 5)]);
  });
});

describe('toSpans', () => {
  it('runs an open interval until the given instant', () => {
    const joinedAt = new Date(10 * MIN);
    expect(toSpans([{ joinedAt, leftAt: null }], 25 * MIN)).toEqual([s(10, 25)]);
    expect(toSpans([{ joinedAt, leftAt: new Date(12 * MIN) }], 25 * MIN)).toEqual([s(10, 12)]);
    expect(toSpans([{ joinedAt, leftAt: null }], 5 * MIN)).toEqual([s(10, 10)]);
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
});
