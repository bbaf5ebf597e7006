import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NO_REGION } from './attendance-figures.policy';
import { LIVE_OPTIONS, LiveOptions } from './live.tokens';

export interface AttendanceBaseline {
  /** The session's roster if it has one, else the program's; empty without any. */
  expected: Map<number, number>;
  /** Registrations with status registered, by the region the person counts in (NO_REGION without one). */
  registered: Map<number, number>;
}

const ROSTER = `
  SELECT scope_type, region_id, expected FROM roster_entries
   WHERE (scope_type = 'session' AND scope_id = $1) OR (scope_type = 'program' AND scope_id = $2)`;

// The same region rule as the live counts: the registration's region, else the profile's.
const REGISTERED = `
  SELECT COALESCE(r.region_id, u.home_region_id, ${NO_REGION}) AS region_id, count(*)::int AS n
    FROM registrations r JOIN users u ON u.id = r.user_id
   WHERE r.session_id = $1 AND r.status = 'registered'
   GROUP BY 1`;

/** What the live figures are measured against, from Postgres; cached briefly per process. */
@Injectable()
export class AttendanceBaselineService {
  private readonly cache = new Map<string, { at: number; value: AttendanceBaseline }>();
  private readonly cacheMs: number;

  constructor(
    private readonly ds: DataSource,
    @Optional() @Inject(LIVE_OPTIONS) options?: LiveOptions,
  ) {
    this.cacheMs = options?.cacheMs ?? 0;
  }

  async baseline(session: { id: string; programId: string }): Promise<AttendanceBaseline> {
    const hit = this.cache.get(session.id);
    const now = Date.now();
    if (hit && now - hit.at < this.cacheMs) return hit.value;
    const [roster, registered] = await Promise.all([
      this.ds.query(ROSTER, [session.id, session.programId]) as Promise<
        { scope_type: string; region_id: number; expected: number }[]
      >,
      this.ds.query(REGISTERED, [session.id]) as Promise<{ region_id: number; n: number }[]>,
    ]);
    const own = roster.filter((r) => r.scope_type === 'session');
    const lines = own.length ? own : roster.filter((r) => r.scope_type === 'program');
    const value = {
      expected: new Map(lines.map((r) => [r.region_id, r.expected])),
      registered: new Map(registered.map((r) => [r.region_id, r.n])),
    };
    if (this.cacheMs > 0) {
      if (this.cache.size > 1000) this.cache.clear();
      this.cache.set(session.id, { at: now, value });
    }
    return value;
  }
}
