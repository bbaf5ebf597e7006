/**
 * The attendance report and completions (GET /sessions/:id/attendance, .../attendance.csv,
 * GET /programs/:id/completions) as the console shows them. Paths and shapes live here only, so
 * a change in the API touches one file; missing fields read as empty, never as a crash.
 */
export const attendanceReportPath = (sessionId: string) => `/sessions/${sessionId}/attendance`;
export const attendanceCsvPath = (sessionId: string) => `/sessions/${sessionId}/attendance.csv`;
export const completionsPath = (programId: string) => `/programs/${programId}/completions`;

export interface ReportRegionLine {
  regionId: number | null;
  region?: { names?: Record<string, string> } | null;
  expected: number | null;
  registered: number;
  attended: number;
  /** percent */
  attendanceRate: number | null;
  medianMinutes: number | null;
}

export interface ReportAttendee {
  userId: string;
  displayName: string | null;
  regionId: number | null;
  minutes: number;
  sharePercent: number | null;
  /** Counted as attended (share >= the program's threshold). */
  attended: boolean | null;
}

export interface AttendanceReport {
  regions: ReportRegionLine[];
  totals: Omit<ReportRegionLine, 'regionId' | 'region'> | null;
  attendees: ReportAttendee[];
}

export interface Completion {
  userId: string;
  displayName: string | null;
  modulesAttended: number;
  modulesTotal: number;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const list = (v: unknown): unknown[] =>
  Array.isArray(v) ? v : Array.isArray(obj(v).items) ? (obj(v).items as unknown[]) : [];

export function normalizeReport(body: unknown): AttendanceReport {
  const b = obj(body);
  return {
    regions: list(b.regions).map((x) => {
      const r = obj(x);
      const region = obj(r.region);
      return {
        regionId: num(r.regionId) ?? num(region.id),
        region: r.region ? { names: region.names as Record<string, string> | undefined } : null,
        expected: num(r.expected),
        registered: num(r.registered) ?? 0,
        attended: num(r.attended) ?? 0,
        attendanceRate: num(r.attendanceRatePercent),
        medianMinutes: num(r.medianMinutes),
      };
    }),
    totals: b.totals
      ? {
          expected: num(obj(b.totals).expected),
          registered: num(obj(b.totals).registered) ?? 0,
          attended: num(obj(b.totals).attended) ?? 0,
          attendanceRate: num(obj(b.totals).attendanceRatePercent),
          medianMinutes: num(obj(b.totals).medianMinutes),
        }
      : null,
    attendees: list(b.attendees).map((x) => {
      const a = obj(x);
      const user = obj(a.user);
      return {
        userId: str(a.userId) ?? str(user.id) ?? '',
        displayName: str(a.displayName) ?? str(user.displayName),
        regionId: num(a.regionId),
        minutes: num(a.minutes) ?? 0,
        sharePercent: num(a.sharePercent),
        attended: typeof a.attended === 'boolean' ? a.attended : null,
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
      modulesAttended: num(c.unitsAttended) ?? 0,
      modulesTotal: num(c.unitsRequired) ?? num(c.unitsTotal) ?? 0,
    };
  });
}
