import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LeaveReason } from './attendance-interval.entity';
import { LIVE_OPTIONS, LiveOptions } from './live.tokens';

export interface IntervalRow {
  id: string;
  sessionId: string;
  userId: string;
  registrationId: string | null;
  regionId: number | null;
  joinedAt: Date;
  leftAt: Date | null;
  leftReason: LeaveReason | null;
}

const UPSERT = `
  INSERT INTO attendance_intervals (id, session_id, user_id, registration_id, region_id, joined_at, left_at, left_reason)
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::timestamptz[], $7::timestamptz[], $8::varchar[])
  ON CONFLICT (id) DO UPDATE
     SET left_at = COALESCE(attendance_intervals.left_at, EXCLUDED.left_at),
         left_reason = COALESCE(attendance_intervals.left_reason, EXCLUDED.left_reason)`;

/**
 * Writes attendance intervals in batches: joins and leaves are buffered and written every
 * flushMs (or at flushRows) as one upsert, instead of a statement per join. The row id is the
 * gateway's, so a join and its leave in one batch become one row, a leave after the flush updates
 * it, and writing a row twice is harmless; the first recorded leave wins.
 */
@Injectable()
export class AttendanceIntervalWriter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AttendanceIntervalWriter.name);
  private buffer = new Map<string, IntervalRow>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  /** When the oldest row not yet in Postgres was buffered (buffered or being written), for /metrics. */
  private bufferedSince: number | undefined;
  private writingSince: number | undefined;

  constructor(
    private readonly ds: DataSource,
    @Inject(LIVE_OPTIONS) private readonly options: LiveOptions,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.options.flushMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Buffers a row (an open interval, or one with its leave); the latest version of a row wins. */
  write(row: IntervalRow): void {
    if (!this.buffer.size) this.bufferedSince = Date.now();
    const prev = this.buffer.get(row.id);
    this.buffer.set(row.id, prev?.leftAt && !row.leftAt ? prev : row);
    if (this.buffer.size >= this.options.flushRows) void this.flush();
  }

  get pending(): number {
    return this.buffer.size;
  }

  /** How long the oldest row not yet in Postgres has waited (ms; 0 when none): the flush lag. */
  get lagMs(): number {
    const since = Math.min(this.bufferedSince ?? Infinity, this.writingSince ?? Infinity);
    return since === Infinity ? 0 : Date.now() - since;
  }

  /** Writes what is buffered; resolves once every row buffered before the call is in Postgres. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeBatch());
    return this.flushing;
  }

  private async writeBatch(): Promise<void> {
    if (!this.buffer.size) return;
    const rows = [...this.buffer.values()];
    this.buffer = new Map();
    this.writingSince = this.bufferedSince;
    this.bufferedSince = undefined;
    try {
      await this.ds.query(UPSERT, [
        rows.map((r) => r.id),
        rows.map((r) => r.sessionId),
        rows.map((r) => r.userId),
        rows.map((r) => r.registrationId),
        rows.map((r) => r.regionId),
        rows.map((r) => r.joinedAt.toISOString()),
        rows.map((r) => r.leftAt?.toISOString() ?? null),
        rows.map((r) => r.leftReason),
      ]);
    } catch (e) {
      // Postgres away: keep the rows (a newer version of a row, buffered meanwhile, wins) and retry next tick.
      for (const r of rows) if (!this.buffer.has(r.id)) this.buffer.set(r.id, r);
      this.bufferedSince = Math.min(this.writingSince ?? Date.now(), this.bufferedSince ?? Infinity);
      this.logger.warn(
        `writing ${rows.length} attendance interval(s) failed, will retry: ${(e as Error).message}`,
      );
    }
    this.writingSince = undefined;
  }
}
