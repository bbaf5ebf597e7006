import {
  attendanceFigures,
  NO_REGION,
  RawAttendance,
  scopeKey,
  scopeOfKey,
} from './attendance-figures.policy';

const raw = (over: Partial<RawAttendance> = {}): RawAttendance => ({
  live: new Map([
    [55, 100],
    [39, 20],
    [NO_REGION, 2],
  ]),
  peak: new Map([
    [55, 110],
    [39, 24],
    [NO_REGION, 2],
  ]),
  attended: new Map([
    [55, 124],
    [39, 30],
    [NO_REGION, 3],
  ]),
  expected: new Map([
    [55, 150],
    [10, 40],
  ]),
  registered: new Map([
    [55, 150],
    [39, 35],
    [NO_REGION, 3],
  ]),
  targetRegionIds: [55, 39, 47],
  totalPeak: 130,
  ...over,
});

describe('attendanceFigures', () => {
  it('gives every region with data or targeted, with coverage against the roster', () => {
    const f = attendanceFigures(raw(), { kind: 'all' });
    expect(f.regions.map((l) => l.regionId)).toEqual([null, 10, 39, 47, 55]);
    expect(f.regions.find((l) => l.regionId === 55)).toEqual({
      regionId: 55,
      live: 100,
      peak: 110,
      joined: 124,
      attended: 124,
      expected: 150,
      registered: 150,
      coveragePercent: 82.7,
    });
    expect(f.regions.find((l) => l.regionId === 39)).toMatchObject({ expected: null, coveragePercent: null });
    expect(f.regions.find((l) => l.regionId === 47)).toMatchObject({ live: 0, joined: 0, registered: 0 });
    expect(f.totals).toEqual({
      live: 122,
      peak: 130,
      joined: 157,
      attended: 157,
      expected: 190,
      registered: 188,
      coveragePercent: 82.6,
    });
  });

  it('shows a coordinator only their regions, with totals over them', () => {
    const f = attendanceFigures(raw(), { kind: 'regions', regionIds: [39, 10] });
    expect(f.regions.map((l) => l.regionId)).toEqual([10, 39]);
    expect(f.totals).toEqual({
      live: 20,
      peak: 24,
      joined: 30,
      attended: 30,
      expected: 40,
      registered: 35,
      coveragePercent: 75,
    });
  });

  it('never shows a negative live count and gives null totals without any roster', () => {
    const f = attendanceFigures(raw({ live: new Map([[55, -1]]), expected: new Map() }), { kind: 'all' });
    expect(f.regions.find((l) => l.regionId === 55)!.live).toBe(0);
    expect(f.totals.expected).toBeNull();
    expect(f.totals.coveragePercent).toBeNull();
  });
});

describe('scopeKey / scopeOfKey', () => {
  it('round-trips', () => {
    expect(scopeKey({ kind: 'all' })).toBe('all');
    expect(scopeKey({ kind: 'regions', regionIds: [10, 39] })).toBe('r10.39');
    expect(scopeOfKey('r10.39')).toEqual({ kind: 'regions', regionIds: [10, 39] });
    expect(scopeOfKey('all')).toEqual({ kind: 'all' });
    expect(scopeOfKey('r')).toBeNull();
    expect(scopeOfKey('x1')).toBeNull();
  });
});
