import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobsOptions, Queue } from 'bullmq';
import type Redis from 'ioredis';
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
} from '@qatys/domain';
import { jobTelemetryOf } from '@qatys/observability';
import { WORKER_REDIS } from '../worker.tokens';
import { BurstRelease } from './burst-release';

/**
 * Rows per page (and jobs per addBulk). Each page costs a fixed set of round trips (its read, the
 * burst leads' script and check) beside the jobs themselves: at 2,000 a 300,000-reminder plan
 * relayed at 0.68x a bare addBulk loop of the same chunks, at 5,000 at 0.82-0.99x (bench:reminders,
 * 2026-12-05), for ~120 MiB more peak memory while two pages are in flight.
 */
export const RELAY_PAGE = 5000;

/**
 * Postgres -> Redis: turns planned rows into delayed BullMQ jobs (and removes the jobs of
 * cancelled reminders). Job ids are deterministic, so adding a job that exists is a no-op and
 * every worker may relay the same rows without harm. Rows are streamed by id in pages; the next
 * page is read while the previous one is being added. Reminders sharing an instant are released
 * early by their burst's real size, re-queued as the burst grows (BurstRelease).
 */
@Injectable()
export class NotificationRelay {
  private readonly bursts: BurstRelease;

  constructor(
    @InjectQueue(QUEUES.notifications) readonly queue: Queue,
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: WorkerConfig,
    @Inject(WORKER_REDIS) redis: Redis,
  ) {
    this.bursts = new BurstRelease(queue, ds, redis, config.REMINDER_BURST_RATE, (row, now, lead) =>
      this.jobFor(row, now, lead),
    );
  }

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
        // A notice continues the trace of the request whose event made it.
        ...(row.traceParent ? { telemetry: jobTelemetryOf(row.traceParent) } : {}),
      },
    };
  }

  async add(rows: readonly PlannedRow[]): Promise<void> {
    if (!rows.length) return;
    const now = Date.now();
    const bursts = await this.bursts.plan(rows, now);
    await this.queue.addBulk(rows.map((r) => this.jobFor(r, now, this.bursts.leadOf(bursts, r))));
    await this.bursts.settle(bursts, rows);
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
