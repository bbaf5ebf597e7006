import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { expectedByRegion, registeredByRegion } from './attendance.queries';
import { LIVE_OPTIONS, LiveOptions } from './live.tokens';

export interface AttendanceBaseline {
  /** The session's roster if it has one, else the program's; empty without any. */
  expected: Map<number, number>;
  /** Registrations with status registered, by the region the person counts in (NO_REGION without one). */
  registered: Map<number, number>;
}

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
    const [expected, registered] = await Promise.all([
      expectedByRegion(this.ds, { sessionId: session.id, programId: session.programId }),
      registeredByRegion(this.ds, session.id),
    ]);
    const value = { expected, registered };
    if (this.cacheMs > 0) {
      if (this.cache.size > 1000) this.cache.clear();
      this.cache.set(session.id, { at: now, value });
    }
    return value;
  }
}
