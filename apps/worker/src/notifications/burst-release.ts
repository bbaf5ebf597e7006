import type { JobsOptions, Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { countPlannedAt, notificationJobId, pagePlanned, PlannedRow, releaseLeadMs } from '@qatys/domain';

/** Raises the lead stored for one burst if `want` is larger; answers {lead now, lead before (-1: none)}. */
const RAISE_LEAD = `
local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
local want = tonumber(ARGV[1])
if want > current then
  redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
  return {want, current}
end
return {current, current}`;

/** A stored lead outlives its instant by this much (then nothing can be queued for it any more). */
const LEAD_KEY_TTL_AFTER_DUE_MS = 3_600_000;
const REQUEUE_CHUNK = 200;

/** Reminders due at one instant with one offset: they share a lead (release.policy bounds it by the offset). */
export interface Burst {
  dueAt: Date;
  offsetMinutes: number | null;
  /** The lead the burst's jobs are queued with from now on. */
  lead: number;
  /** The lead stored before this batch (-1: none): a raise from >= 0 re-queues the earlier members. */
  previous: number;
}

type JobSpec = { name: string; data: object; opts: JobsOptions };

const burstKey = (r: Pick<PlannedRow, 'dueAt' | 'offsetMinutes'>) =>
  `${r.dueAt.getTime()}-${r.offsetMinutes ?? 'n'}`;

/**
 * The early release of reminder bursts, computed from the burst's real size. Each relayed batch
 * counts the planned rows at its instants again whenever it holds a row planned after the last
 * count (row ids only grow), so a burst built up by registrations one at a time is seen growing.
 * The lead a burst's jobs carry is kept in Redis per (instant, offset) and only ever raised
 * (atomically, so of several workers exactly one raises it); whoever raises it re-queues the
 * burst's delayed jobs with the new release instant. Leads move in steps (release.policy), so a
 * burst is re-queued a dozen times at most in its life. Jobs that already ran, or retries, are
 * left alone. Redis lost: the stored leads go with the jobs, and the reconciler rebuilds both.
 */
export class BurstRelease {
  private readonly counted = new Map<number, { planned: number; maxId: bigint }>();

  constructor(
    private readonly queue: Queue,
    private readonly ds: DataSource,
    /** For the stored leads (the queue's own connection is BullMQ's). */
    private readonly redis: Redis,
    private readonly ratePerSecond: number,
    private readonly jobFor: (row: PlannedRow, now: number, leadMs: number) => JobSpec,
  ) {}

  /** The bursts of these rows' reminders, each with the lead to queue it with (stored leads raised). */
  async plan(rows: readonly PlannedRow[], now: number): Promise<Map<string, Burst>> {
    const reminders = rows.filter((r) => r.kind === 'reminder');
    const bursts = new Map<string, Burst>();
    if (!reminders.length) return bursts;
    const sizes = await this.sizes(reminders);
    const wanted = new Map<string, { row: PlannedRow; want: number }>();
    for (const r of reminders) {
      const key = burstKey(r);
      if (!wanted.has(key))
        wanted.set(key, {
          row: r,
          want: releaseLeadMs(sizes.get(r.dueAt.getTime()) ?? 1, this.ratePerSecond, r.offsetMinutes),
        });
    }
    await Promise.all(
      [...wanted].map(async ([key, { row, want }]) => {
        const expireAt = Math.max(row.dueAt.getTime() + LEAD_KEY_TTL_AFTER_DUE_MS, now + 60_000);
        const [lead, previous] = (await this.redis.eval(
          RAISE_LEAD,
          1,
          this.leadKey(row),
          want,
          expireAt,
        )) as [number, number];
        bursts.set(key, { dueAt: row.dueAt, offsetMinutes: row.offsetMinutes, lead, previous });
      }),
    );
    return bursts;
  }

  leadOf(bursts: Map<string, Burst>, row: PlannedRow): number {
    return row.kind === 'reminder' ? (bursts.get(burstKey(row))?.lead ?? 0) : 0;
  }

  /**
   * After the batch's jobs were added: a burst this batch made larger is re-queued (its earlier
   * members) with the new lead; a burst another worker raised meanwhile gets this batch's jobs
   * re-queued too. Idempotent: a job already at its burst's lead is left as it is.
   */
  async settle(bursts: Map<string, Burst>, rows: readonly PlannedRow[]): Promise<number> {
    if (!bursts.size) return 0;
    const inBatch = new Set(rows.map((r) => r.id));
    let moved = 0;
    for (const b of bursts.values()) {
      if (b.previous >= 0 && b.lead > b.previous) moved += await this.requeueBurst(b, inBatch);
    }
    const list = [...bursts.values()];
    const stored = await Promise.all(list.map((b) => this.redis.get(this.leadKey(b))));
    for (let i = 0; i < list.length; i++) {
      const lead = Number(stored[i] ?? -1);
      if (lead <= list[i].lead) continue;
      const key = burstKey(list[i]);
      moved += await this.requeue(
        rows.filter((r) => r.kind === 'reminder' && burstKey(r) === key),
        lead,
      );
    }
    return moved;
  }

  private leadKey(b: Pick<PlannedRow, 'dueAt' | 'offsetMinutes'>): string {
    return this.queue.toKey(`burst-lead-${burstKey(b)}`);
  }

  /** Planned rows per due instant, counted again only when a row is newer than the last count. */
  private async sizes(reminders: readonly PlannedRow[]): Promise<Map<number, number>> {
    const sizes = new Map<number, number>();
    const recount = new Set<number>();
    for (const r of reminders) {
      const t = r.dueAt.getTime();
      const known = this.counted.get(t);
      if (!known || BigInt(r.id) > known.maxId) recount.add(t);
      else if (!recount.has(t)) sizes.set(t, known.planned);
    }
    if (recount.size) {
      if (this.counted.size > 10_000) this.counted.clear();
      for (const c of await countPlannedAt(
        this.ds,
        [...recount].map((t) => new Date(t)),
      )) {
        this.counted.set(c.dueAt.getTime(), { planned: c.planned, maxId: BigInt(c.maxId) });
        sizes.set(c.dueAt.getTime(), c.planned);
      }
    }
    return sizes;
  }

  /** Every earlier member of the burst (planned rows at its instant and offset) to the new lead. */
  private async requeueBurst(b: Burst, skip: ReadonlySet<string>): Promise<number> {
    let after = '0';
    let moved = 0;
    for (;;) {
      const page = await pagePlanned(
        this.ds,
        { burst: { dueAt: b.dueAt, offsetMinutes: b.offsetMinutes } },
        after,
        2000,
      );
      if (!page.length) break;
      after = page[page.length - 1].id;
      moved += await this.requeue(
        page.filter((r) => !skip.has(r.id)),
        b.lead,
      );
      if (page.length < 2000) break;
    }
    return moved;
  }

  /**
   * Moves these rows' jobs to the release instant of `lead`: a job still delayed, never run and
   * not already there is removed and added again (a fresh timestamp and delay, so the dashboard
   * shows the true release). A job promoted or taken meanwhile is left alone.
   */
  private async requeue(rows: readonly PlannedRow[], lead: number): Promise<number> {
    let moved = 0;
    for (let i = 0; i < rows.length; i += REQUEUE_CHUNK) {
      const chunk = rows.slice(i, i + REQUEUE_CHUNK);
      const removed = await Promise.all(chunk.map((r) => this.takeBack(r, lead)));
      const again = chunk.filter((_, k) => removed[k]);
      if (again.length) {
        const now = Date.now();
        await this.queue.addBulk(again.map((r) => this.jobFor(r, now, lead)));
        moved += again.length;
      }
    }
    return moved;
  }

  private async takeBack(row: PlannedRow, lead: number): Promise<boolean> {
    const id = notificationJobId(row);
    const job = await this.queue.getJob(id);
    if (!job || job.attemptsMade > 0) return false;
    const sendFrom = lead > 0 ? new Date(row.dueAt.getTime() - lead).toISOString() : undefined;
    if ((job.data as { sendFrom?: string }).sendFrom === sendFrom) return false;
    if (!(await job.isDelayed())) return false;
    return (await this.queue.remove(id)) === 1;
  }
}
