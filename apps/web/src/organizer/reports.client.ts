/**
 * The attendance report and completions (GET /sessions/:id/attendance, .../attendance.csv,
 * GET /programs/:id/completions) as the console shows them. Paths and shapes live here only, so
 * a change in the API touches one file; missing fields read as empty, never as a crash.
 * Words as in the API: joined (any time, the lobby included), present (during the scheduled
 * time), completed (at least the threshold of it).
 */
export const attendanceReportPath = (sessionId: string) => `/sessions/${sessionId}/attendance`;
export const attendanceCsvPath = (sessionId: string) => `/sessions/${sessionId}/attendance.csv`;
export const completionsPath = (programId: string) => `/programs/${programId}/completions`;

export interface ReportFigures {
  expected: number | null;
  registered: number;
  joined: number;
  present: number;
  completed: number;
  /** joined / expected, % (the live dashboard's coverage) */
  coveragePercent: number | null;
  /** present / expected (else / registered), % */
  presentPercent: number | null;
  medianMinutes: number | null;
}

export interface ReportRegionLine extends ReportFigures {
  regionId: number | null;
  region?: { names?: Record<string, string> } | null;
}

export interface ReportAttendee {
  userId: string;
  displayName: string | null;
  regionId: number | null;
  minutes: number;
  sharePercent: number | null;
  present: boolean | null;
  /** At least the program's threshold of the scheduled time. */
  completed: boolean | null;
}

export interface AttendanceReport {
  thresholdPercent: number | null;
  regions: ReportRegionLine[];
  totals: ReportFigures | null;
  attendees: ReportAttendee[];
}

export interface Completion {
  userId: string;
  displayName: string | null;
  modulesCompleted: number;
  modulesTotal: number;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const list = (v: unknown): unknown[] =>
  Array.isArray(v) ? v : Array.isArray(obj(v).items) ? (obj(v).items as unknown[]) : [];

function figures(v: unknown): ReportFigures {
  const f = obj(v);
  return {
    expected: num(f.expected),
    registered: num(f.registered) ?? 0,
    joined: num(f.joined) ?? 0,
    present: num(f.present) ?? 0,
    completed: num(f.completed) ?? 0,
    coveragePercent: num(f.coveragePercent),
    presentPercent: num(f.presentPercent),
    medianMinutes: num(f.medianMinutes),
  };
}

export function normalizeReport(body: unknown): AttendanceReport {
  const b = obj(body);
  return {
    thresholdPercent: num(b.thresholdPercent),
    regions: list(b.regions).map((x) => {
      const r = obj(x);
      const region = obj(r.region);
      return {
        regionId: num(r.regionId) ?? num(region.id),
        region: r.region ? { names: region.names as Record<string, string> | undefined } : null,
        ...figures(r),
      };
    }),
    totals: b.totals ? figures(b.totals) : null,
    attendees: list(b.attendees).map((x) => {
      const a = obj(x);
      const user = obj(a.user);
      return {
        userId: str(a.userId) ?? str(user.id) ?? '',
        displayName: str(a.displayName) ?? str(user.displayName),
        regionId: num(a.regionId),
        minutes: num(a.minutes) ?? 0,
        sharePercent: num(a.sharePercent),
        present: bool(a.present),
        completed: bool(a.completed),
      };
    }),
  };
}

export function normalizeCompletions(body: unknown): Completion[] {
  return list(body).map((x) => {
    const c = obj(x);
    const user = obj(c.user);
    return {
      userId: str(c.userId) ?? str(user.id) ?? '',
      displayName: str(c.displayName) ?? str(user.displayName),
      modulesCompleted: num(c.unitsCompleted) ?? 0,
      modulesTotal: num(c.unitsRequired) ?? num(c.unitsTotal) ?? 0,
    };
  });
}
