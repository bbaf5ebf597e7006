import { attendanceFigures } from './attendance-figures.policy';
import {
  byRegionThenName,
  PersonFigures,
  programFactsOf,
  regionFigures,
  sessionFactsOf,
  withRegions,
} from './attendance-report.policy';
import { programUnits } from './completion.policy';
import { Connections, Span } from './intervals.policy';

const MIN = 60_000;
const s = (start: number, end: number): Span => ({ start: start * MIN, end: end * MIN });
const conn = (...spans: Span[]): Connections => ({
  spans,
  firstJoinedAt: Math.min(...spans.map((x) => x.start)),
  lastLeftAt: Math.max(...spans.map((x) => x.end)),
  open: false,
});
const window = s(0, 240);

describe('sessionFactsOf', () => {
  it('tells joined (any time), present (inside the scheduled time) and completed (threshold) apart', () => {
    expect(sessionFactsOf(undefined, window, 75)).toEqual({
      joined: false,
      present: false,
      completed: false,
      presentMs: 0,
    });
    // In the lobby before the start only: joined, not present.
    expect(sessionFactsOf(conn(s(-10, -1)), window, 75)).toEqual({
      joined: true,
      present: false,
      completed: false,
      presentMs: 0,
    });
    // From the lobby into the session: only the scheduled part counts.
    expect(sessionFactsOf(conn(s(-10, 30)), window, 75)).toMatchObject({
      present: true,
      presentMs: 30 * MIN,
    });
    // Two tabs merged: 200 of 240 minutes = 83 %.
    expect(sessionFactsOf(conn(s(0, 120), s(60, 200)), window, 75)).toEqual({
      joined: true,
      present: true,
      completed: true,
      presentMs: 200 * MIN,
    });
    expect(sessionFactsOf(conn(s(0, 120), s(60, 200)), window, 90).completed).toBe(false);
  });
});

describe('programFactsOf', () => {
  const units = programUnits(
    [
      { id: 's1', moduleId: 'm1', window: s(0, 240) },
      { id: 's2', moduleId: 'm2', window: s(1440, 1680) },
      { id: 's3', moduleId: 'm3', window: s(2880, 3120) },
    ],
    ['m1', 'm2', 'm3'],
    2,
  );
  const all = new Map([
    ['s1', conn(s(0, 240))],
    ['s2', conn(s(1440, 1680))],
    ['s3', conn(s(2870, 2879))],
  ]);

  it('adds up the sessions the person is registered for and completes at N of M', () => {
    expect(programFactsOf(units, all, ['s1', 's2', 's3'], 75)).toEqual({
      joined: true,
      present: true,
      completed: true,
      presentMs: 480 * MIN,
      scheduledMs: 720 * MIN,
      sessionsPresent: 2,
      sessionsCompleted: 2,
      unitsCompleted: 2,
      completedAt: 1680 * MIN,
    });
  });

  it('completes only at the quiz score the rule asks for, when it asks for one', () => {
    const quiz = (points: number, min: number | null) => ({
      score: { points, maxPoints: 4 },
      minQuizScorePercent: min,
    });
    expect(programFactsOf(units, all, ['s1', 's2', 's3'], 75, quiz(3, 75))).toMatchObject({
      completed: true,
      unitsCompleted: 2,
      completedAt: 1680 * MIN,
    });
    expect(programFactsOf(units, all, ['s1', 's2', 's3'], 75, quiz(2, 75))).toMatchObject({
      completed: false,
      unitsCompleted: 2,
      completedAt: null,
    });
    expect(programFactsOf(units, all, ['s1', 's2', 's3'], 75, quiz(0, null)).completed).toBe(true);
    expect(
      programFactsOf(units, all, ['s1', 's2', 's3'], 75, { score: null, minQuizScorePercent: 90 }).completed,
    ).toBe(true);
  });

  it('does not count time in a session whose registration was cancelled', () => {
    // Registered now for s1 and s3 only: s2 (cancelled later) counts for nothing.
    expect(programFactsOf(units, all, ['s1', 's3'], 75)).toEqual({
      joined: true,
      present: true,
      completed: false,
      presentMs: 240 * MIN,
      scheduledMs: 480 * MIN,
      sessionsPresent: 1,
      sessionsCompleted: 1,
      unitsCompleted: 1,
      completedAt: null,
    });
    // Only the lobby of s3 is left: joined, never present.
    expect(programFactsOf(units, all, ['s3'], 75)).toMatchObject({
      joined: true,
      present: false,
      presentMs: 0,
    });
  });

  it('skips sessions that are not among the units (cancelled sessions)', () => {
    expect(programFactsOf(units, all, ['gone', 's1'], 75)).toMatchObject({
      scheduledMs: 240 * MIN,
      sessionsCompleted: 1,
    });
    expect(programFactsOf(units, undefined, ['s1'], 75)).toMatchObject({ joined: false, presentMs: 0 });
  });
});

describe('regionFigures', () => {
  const p = (regionId: number | null, minutes: number | null, joined = minutes !== null): PersonFigures => ({
    regionId,
    joined,
    present: (minutes ?? 0) > 0,
    completed: (minutes ?? 0) >= 180,
    presentMs: (minutes ?? 0) * MIN,
  });

  it('counts per region in one vocabulary, with a line for every roster region', () => {
    const people = [p(16, 240), p(16, 30), p(16, null), p(16, 0, true), p(7, 200), p(null, 10)];
    const { lines, totals } = regionFigures(
      people,
      new Map([
        [16, 5],
        [3, 2],
      ]),
      () => true,
    );
    expect(lines.map((l) => l.regionId)).toEqual([null, 3, 7, 16]);
    expect(lines[3]).toEqual({
      regionId: 16,
      expected: 5,
      registered: 4,
      joined: 3,
      present: 2,
      completed: 1,
      coveragePercent: 60,
      presentPercent: 40,
      rateBase: 'expected',
      medianMinutes: 135,
    });
    // Without a roster line: coverage is unknown, the present rate is measured against the registered.
    expect(lines[2]).toMatchObject({
      expected: null,
      coveragePercent: null,
      presentPercent: 100,
      rateBase: 'registered',
    });
    expect(lines[1]).toMatchObject({ regionId: 3, expected: 2, registered: 0, presentPercent: 0 });
    expect(totals).toEqual({
      expected: 7,
      registered: 6,
      joined: 5,
      present: 4,
      completed: 2,
      coveragePercent: 71.4,
      presentPercent: 57.1,
      rateBase: 'expected',
      medianMinutes: 115,
    });
  });

  it('shows a coordinator their regions only, roster lines included', () => {
    const mine = (r: number | null) => r === 16;
    const { lines, totals } = regionFigures([p(16, 10), p(7, 10)], new Map([[7, 3]]), mine);
    expect(lines.map((l) => l.regionId)).toEqual([16]);
    expect(totals).toMatchObject({ expected: null, registered: 1 });
  });

  it('rounds the median after taking it (0.1 and 0.7 minutes give 0.4)', () => {
    const people = [p(1, 0.1), p(1, 0.7)];
    expect(regionFigures(people, new Map(), () => true).totals.medianMinutes).toBe(0.4);
  });

  it("gives the live dashboard's coverage for the same people: one joined in the lobby before the start", () => {
    // Live: the presence counts one person in region 16 who joined (before the start); 4 expected.
    const live = attendanceFigures(
      {
        live: new Map([[16, 1]]),
        peak: new Map([[16, 1]]),
        attended: new Map([[16, 1]]),
        expected: new Map([[16, 4]]),
        registered: new Map([[16, 2]]),
        targetRegionIds: [16],
        totalPeak: 1,
      },
      { kind: 'all' },
    );
    // Report: the same two registered people, one connected only before the start.
    const lobby = sessionFactsOf(conn(s(-10, -1)), window, 75);
    const report = regionFigures(
      [
        { regionId: 16, ...lobby },
        { regionId: 16, ...sessionFactsOf(undefined, window, 75) },
      ],
      new Map([[16, 4]]),
      () => true,
    );
    expect(report.lines[0]).toMatchObject({
      joined: live.regions[0].joined,
      coveragePercent: live.regions[0].coveragePercent,
      registered: live.regions[0].registered,
      expected: live.regions[0].expected,
    });
    expect(report.lines[0]).toMatchObject({ joined: 1, coveragePercent: 25, present: 0, presentPercent: 0 });
  });
});

describe('report order and regions', () => {
  it('sorts by region (none first), then by name in a collation that knows Kazakh letters', () => {
    const rows = [
      { regionId: 2, displayName: 'Ғалым' },
      { regionId: 2, displayName: 'Бақыт' },
      { regionId: null, displayName: 'Zed' },
      { regionId: 1, displayName: 'Әсел' },
    ];
    expect(rows.sort(byRegionThenName).map((r) => r.displayName)).toEqual(['Zed', 'Әсел', 'Бақыт', 'Ғалым']);
  });

  it('puts the region itself on each line', () => {
    const region = { id: 16, code: 'KZ-55' } as never;
    const [line] = withRegions(
      [{ regionId: 16, ...regionFigures([], new Map(), () => true).totals }],
      new Map([[16, region]]),
    );
    expect(line.region).toBe(region);
    expect(line).not.toHaveProperty('regionId');
  });
});
