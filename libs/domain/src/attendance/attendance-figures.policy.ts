import { percentOf } from './intervals.policy';
import type { LiveStaffScope } from './join.policy';

/** Key of people without a region in the live counters. */
export const NO_REGION = 0;

/** What the live counters (Redis) and the roster/registrations (Postgres) say, per region key. */
export interface RawAttendance {
  live: ReadonlyMap<number, number>;
  peak: ReadonlyMap<number, number>;
  /** Distinct people who joined so far (the presence store's `att` counters). */
  attended: ReadonlyMap<number, number>;
  expected: ReadonlyMap<number, number>;
  registered: ReadonlyMap<number, number>;
  /** Regions the session is aimed at: shown even while nobody from there has come. */
  targetRegionIds: readonly number[];
  totalPeak: number;
}

export interface FigureLine {
  regionId: number | null;
  live: number;
  peak: number;
  /** Distinct people who joined so far (the join window before the start included). */
  joined: number;
  /** @deprecated the same number as `joined`, kept for clients of the first version. */
  attended: number;
  expected: number | null;
  registered: number;
  coveragePercent: number | null;
}

export interface Figures {
  regions: FigureLine[];
  totals: Omit<FigureLine, 'regionId'>;
}

/**
 * The figures a staff member sees: every region (and the people without one) for the whole
 * staff, or only their regions for a coordinator. Coverage = joined / expected, the same figure
 * as the report's `coveragePercent` (attendance-report.policy); what the report calls present
 * (inside the scheduled time) is not a live figure.
 */
export function attendanceFigures(raw: RawAttendance, scope: LiveStaffScope): Figures {
  const keys = new Set<number>(raw.targetRegionIds);
  for (const m of [raw.live, raw.peak, raw.attended, raw.expected, raw.registered]) {
    for (const k of m.keys()) keys.add(k);
  }
  const visible = (k: number) =>
    scope.kind === 'all' ? true : k !== NO_REGION && scope.regionIds.includes(k);
  const lines: FigureLine[] = [...keys]
    .filter(visible)
    .sort((a, b) => a - b)
    .map((k) => {
      const expected = raw.expected.has(k) ? raw.expected.get(k)! : null;
      const joined = raw.attended.get(k) ?? 0;
      return {
        regionId: k === NO_REGION ? null : k,
        live: Math.max(0, raw.live.get(k) ?? 0),
        peak: raw.peak.get(k) ?? 0,
        joined,
        attended: joined,
        expected,
        registered: raw.registered.get(k) ?? 0,
        coveragePercent: percentOf(joined, expected),
      };
    });
  const sum = (f: (l: FigureLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  const anyExpected = lines.some((l) => l.expected !== null);
  const expected = anyExpected ? sum((l) => l.expected ?? 0) : null;
  const joined = sum((l) => l.joined);
  return {
    regions: lines,
    totals: {
      live: sum((l) => l.live),
      peak: scope.kind === 'all' ? Math.max(raw.totalPeak, 0) : sum((l) => l.peak),
      joined,
      attended: joined,
      expected,
      registered: sum((l) => l.registered),
      coveragePercent: percentOf(joined, expected),
    },
  };
}

/** A stable name for a staff scope (room names, Redis set members). */
export function scopeKey(scope: LiveStaffScope): string {
  return scope.kind === 'all' ? 'all' : `r${scope.regionIds.join('.')}`;
}

export function scopeOfKey(key: string): LiveStaffScope | null {
  if (key === 'all') return { kind: 'all' };
  const m = /^r(\d+(?:\.\d+)*)$/.exec(key);
  return m ? { kind: 'regions', regionIds: m[1].split('.').map(Number) } : null;
}
