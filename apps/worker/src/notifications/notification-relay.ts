import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobsOptions, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import { JobMap, QUEUES } from '@qatys/contracts';
import {
  notificationJobId,
  notificationJobName,
  pageCancelledReminders,
  pagePlanned,
  PlannedFilter,
  PlannedRow,
  RelayTargets,
  releaseLeadMs,
} from '@qatys/domain';

export const RELAY_PAGE = 2000;
/** A burst's size is counted once per this long: it hardly changes while it is being relayed. */
const BURST_COUNT_TTL_MS = 60_000;

/**
 * Postgres -> Redis: turns planned rows into delayed BullMQ jobs (and removes the jobs of
 * cancelled reminders). Job ids are deterministic, so adding a job that exists is a no-op and
 * every worker may relay the same rows without harm. Rows are streamed by id in pages; the next
 * page is read while the previous one is being added.
 */
@Injectable()
export class NotificationRelay {
  private readonly burstSizes = new Map<number, { n: number; until: number }>();

  constructor(
    @InjectQueue(QUEUES.notifications) readonly queue: Queue,
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: WorkerConfig,
  ) {}

  /** `leadMs`: how early a reminder of a burst is released (release.policy; 0 = at its instant). */
  jobFor(
    row: PlannedRow,
    now = Date.now(),
    leadMs = 0,
  ): { name: string; data: JobMap['reminder.send'] | JobMap['notice.send']; opts: JobsOptions } {
    const dueAt = row.dueAt.toISOString();
    const releaseAt = row.dueAt.getTime() - leadMs;
    return {
      name: notificationJobName(row.kind),
      data:
        row.kind === 'reminder'
          ? {
              notificationId: row.id,
              dueAt,
              ...(leadMs > 0 ? { sendFrom: new Date(releaseAt).toISOString() } : {}),
            }
          : { notificationId: row.id, kind: row.kind, dueAt },
      opts: {
        jobId: notificationJobId(row),
        delay: Math.max(0, releaseAt - now),
        attempts: this.config.NOTIFY_ATTEMPTS,
        backoff: { type: 'exponential', delay: this.config.NOTIFY_BACKOFF_MS },
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 3600, count: 10000 },
      },
    };
  }

  async add(rows: readonly PlannedRow[]): Promise<void> {
    if (!rows.length) return;
    const now = Date.now();
    const sizes = await this.burstSizesOf(rows, now);
    const rate = this.config.REMINDER_BURST_RATE;
    await this.queue.addBulk(
      rows.map((r) =>
        this.jobFor(
          r,
          now,
          r.kind === 'reminder' ? releaseLeadMs(sizes.get(r.dueAt.getTime()) ?? 1, rate, r.offsetMinutes) : 0,
        ),
      ),
    );
  }

  /**
   * How many planned rows share each due instant of these reminders (one indexed count per new
   * instant, then remembered for a few seconds): the size of the burst each belongs to.
   */
  private async burstSizesOf(rows: readonly PlannedRow[], now: number): Promise<Map<number, number>> {
    const sizes = new Map<number, number>();
    const unknown = new Set<number>();
    for (const r of rows) {
      if (r.kind !== 'reminder') continue;
      const t = r.dueAt.getTime();
      const known = this.burstSizes.get(t);
      if (known && known.until > now) sizes.set(t, known.n);
      else unknown.add(t);
    }
    if (unknown.size) {
      const counted: { due_at: Date; n: number }[] = await this.ds.query(
        `SELECT due_at, count(*)::int AS n FROM notifications
          WHERE status = 'planned' AND due_at = ANY($1::timestamptz[]) GROUP BY due_at`,
        [[...unknown].map((t) => new Date(t))],
      );
      if (this.burstSizes.size > 10_000) this.burstSizes.clear();
      for (const c of counted) {
        sizes.set(c.due_at.getTime(), c.n);
        this.burstSizes.set(c.due_at.getTime(), { n: c.n, until: now + BURST_COUNT_TTL_MS });
      }
    }
    return sizes;
  }

  /**
   * Enqueues every planned row matching the filter; returns how many rows were offered. Two
   * addBulk calls stay in flight while the next page is read, so encoding one batch here overlaps
   * Redis running the previous one.
   */
  async enqueue(filter: PlannedFilter, pageSize = RELAY_PAGE): Promise<number> {
    let after = '0';
    let total = 0;
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      const rows = await pagePlanned(this.ds, filter, after, pageSize);
      if (!rows.length) break;
      total += rows.length;
      after = rows[rows.length - 1].id;
      if (inFlight.size >= 2) await Promise.race(inFlight);
      const p: Promise<void> = this.add(rows).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (rows.length < pageSize) break;
    }
    await Promise.all(inFlight);
    return total;
  }

  /** After an outbox batch committed: make the jobs of what it planned, drop those it cancelled. */
  async apply(t: RelayTargets): Promise<void> {
    if (t.registrationIds.length || t.sessionIds.length || t.eventIds.length) {
      await this.enqueue({
        registrationIds: t.registrationIds,
        sessionIds: t.sessionIds,
        eventIds: t.eventIds,
      });
    }
    if (t.dropRegistrationIds.length) await this.drop({ registrationIds: t.dropRegistrationIds });
    for (const s of t.dropSessions) await this.drop({ sessionId: s.sessionId, sessionVersion: s.version });
  }

  /** Removes the jobs of cancelled reminders (a job that already runs is left; it will find its row cancelled). */
  async drop(filter: {
    registrationIds?: string[];
    sessionId?: string;
    sessionVersion?: number;
  }): Promise<number> {
    let after = '0';
    let removed = 0;
    for (;;) {
      const rows = await pageCancelledReminders(this.ds, filter, after, RELAY_PAGE);
      if (!rows.length) break;
      after = rows[rows.length - 1].id;
      for (let i = 0; i < rows.length; i += 200) {
        const results = await Promise.all(
          rows.slice(i, i + 200).map((r) => this.queue.remove(notificationJobId(r)).catch(() => 0)),
        );
        removed += results.reduce<number>((a, b) => a + b, 0);
      }
      if (rows.length < RELAY_PAGE) break;
    }
    return removed;
  }
}
