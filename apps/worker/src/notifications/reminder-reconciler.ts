import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import { notificationJobId, pagePlanned, PlannedRow, skipExpired } from '@qatys/domain';
import { WORKER_REDIS } from '../worker.tokens';
import { NotificationRelay } from './notification-relay';

/** Arbitrary, fixed: one reconciler at a time across every worker process. */
const LOCK_KEY = 7_201_903_311;
const PAGE = 2000;
/** A planned row this overdue whose job sits failed/completed has lost its job: make it again. */
const STUCK_AFTER_MS = 120_000;

export interface ReconcileReport {
  ran: boolean;
  full: boolean;
  skipped: number;
  checked: number;
  restored: number;
}

/**
 * Postgres is the plan; Redis only carries it. At start and every
 * REMINDER_RECONCILE_INTERVAL_SECONDS (a timer in each process, serialized by an advisory lock,
 * so it survives a wiped Redis — a BullMQ job scheduler would be wiped with it):
 *
 * 1. rows whose moment is gone for good are skipped (a reminder not sent before its session
 *    started; a notice about a session that ended) — late but still useful ones stay planned
 *    and their jobs run at once;
 * 2. every planned row is checked for its job (EXISTS on the job's hash, pipelined, in pages)
 *    and the missing ones are added. A full pass covers all planned rows; it runs at start, when
 *    the marker key is gone (Redis was wiped or replaced) and after a failed relay. Otherwise a
 *    pass covers the rows due before the next two ticks, so any lost job is back before its
 *    moment.
 */
@Injectable()
export class ReminderReconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReminderReconciler.name);
  private timer?: NodeJS.Timeout;
  private current?: Promise<ReconcileReport>;
  private fullPassWanted = true;

  constructor(
    @Inject(APP_CONFIG) private readonly config: WorkerConfig,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly relay: NotificationRelay,
    @Inject(WORKER_REDIS) private readonly redis: Redis,
  ) {}

  onApplicationBootstrap(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.config.REMINDER_RECONCILE_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.current?.catch(() => undefined);
  }

  requestFullPass(): void {
    this.fullPassWanted = true;
  }

  /** One pass (tests call it directly); concurrent calls share the running one. */
  tick(): Promise<ReconcileReport> {
    if (!this.current) {
      this.current = this.reconcile()
        .catch((e: Error) => {
          this.logger.error({ err: e.message }, 'reconcile failed');
          return { ran: false, full: false, skipped: 0, checked: 0, restored: 0 };
        })
        .finally(() => (this.current = undefined));
    }
    return this.current;
  }

  private get markerKey(): string {
    return this.relay.queue.toKey('reconciled');
  }

  private async reconcile(): Promise<ReconcileReport> {
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    try {
      const [{ locked }]: { locked: boolean }[] = await qr.query(
        `SELECT pg_try_advisory_lock($1) AS locked`,
        [LOCK_KEY],
      );
      if (!locked) return { ran: false, full: false, skipped: 0, checked: 0, restored: 0 };
      try {
        return await this.pass();
      } finally {
        await qr.query(`SELECT pg_advisory_unlock($1)`, [LOCK_KEY]);
      }
    } finally {
      await qr.release();
    }
  }

  private async pass(): Promise<ReconcileReport> {
    const now = new Date();
    const skipped = await skipExpired(this.ds, now);
    const full = this.fullPassWanted || !(await this.redis.exists(this.markerKey));
    this.fullPassWanted = false;
    if (full) await this.redis.set(this.markerKey, now.toISOString());
    const dueBefore = full
      ? undefined
      : new Date(now.getTime() + 2 * this.config.REMINDER_RECONCILE_INTERVAL_SECONDS * 1000);
    let after = '0';
    let checked = 0;
    let restored = 0;
    for (;;) {
      const rows = await pagePlanned(this.ds, { dueBefore }, after, PAGE);
      if (!rows.length) break;
      after = rows[rows.length - 1].id;
      checked += rows.length;
      restored += await this.restore(rows, now);
      if (rows.length < PAGE) break;
    }
    if (restored || skipped) this.logger.log({ full, checked, restored, skipped }, 'reconciled');
    return { ran: true, full, skipped, checked, restored };
  }

  private async restore(rows: PlannedRow[], now: Date): Promise<number> {
    const pipeline = this.redis.pipeline();
    for (const r of rows) pipeline.exists(this.relay.queue.toKey(notificationJobId(r)));
    const results = (await pipeline.exec()) ?? [];
    const missing: PlannedRow[] = [];
    const suspicious: PlannedRow[] = [];
    rows.forEach((r, i) => {
      const exists = results[i]?.[1] === 1;
      if (!exists) missing.push(r);
      else if (now.getTime() - r.dueAt.getTime() > STUCK_AFTER_MS) suspicious.push(r);
    });
    if (suspicious.length) {
      // A long overdue planned row whose job sits in the failed or completed set lost its job.
      const check = this.redis.pipeline();
      for (const r of suspicious) {
        check.zscore(this.relay.queue.toKey('failed'), notificationJobId(r));
        check.zscore(this.relay.queue.toKey('completed'), notificationJobId(r));
      }
      const scores = (await check.exec()) ?? [];
      for (let i = 0; i < suspicious.length; i++) {
        if (scores[2 * i]?.[1] !== null || scores[2 * i + 1]?.[1] !== null) {
          await this.relay.queue.remove(notificationJobId(suspicious[i]));
          missing.push(suspicious[i]);
        }
      }
    }
    for (let i = 0; i < missing.length; i += 1000) await this.relay.add(missing.slice(i, i + 1000));
    return missing.length;
  }
}
