import type { HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { DrainState } from './drain';
import type { PgProbe } from './pg-probe';
import { evictionPolicyProblem, redisEvictionPolicy } from './redis-policy';

/** A promise with a deadline: a probe must answer even when a store hangs. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether every migration this build knows has run. Once at head it stays so for this process
 * (a newer build's migrations are no concern of an older one), so the query runs until then only.
 */
export class MigrationsAtHead {
  private atHead = false;

  constructor(
    private readonly ds: DataSource,
    private readonly pg: PgProbe,
  ) {}

  async pending(timeoutMs = 1500): Promise<string[]> {
    if (this.atHead) return [];
    const table = this.ds.options.migrationsTableName ?? 'migrations';
    const rows = await this.pg.query<{ name: string }>(`SELECT name FROM "${table}"`, timeoutMs);
    const ran = new Set(rows.map((r) => r.name));
    const pending = this.ds.migrations.map((m) => m.name ?? m.constructor.name).filter((n) => !ran.has(n));
    this.atHead = pending.length === 0;
    return pending;
  }
}

export interface ProbeDeps {
  pg: PgProbe;
  redis: Redis;
  drain: DrainState;
  migrations: MigrationsAtHead;
  timeoutMs?: number;
}

/**
 * Readiness, as terminus indicators: not draining, PostgreSQL and Redis answer, the schema is at
 * the build's head. The Redis eviction policy is reported (not a reason for 503: the app works,
 * it only risks jobs) — the start-up log says it loudly.
 */
export function readinessIndicators(h: HealthIndicatorService, d: ProbeDeps): HealthIndicatorFunction[] {
  const ms = d.timeoutMs ?? 1500;
  return [
    () =>
      d.drain.draining ? h.check('draining').down({ message: 'shutting down' }) : h.check('draining').up(),
    async () => {
      const s = h.check('postgres');
      try {
        await d.pg.query('SELECT 1', ms);
        return s.up();
      } catch (e) {
        return s.down({ message: (e as Error).message });
      }
    },
    async () => {
      const s = h.check('redis');
      try {
        const pong = await within(ms, d.redis.ping());
        if (pong !== 'PONG') return s.down({ message: `answered ${pong}` });
        const policy = await within(ms, redisEvictionPolicy(d.redis));
        return s.up({
          maxmemoryPolicy: policy ?? 'unknown',
          warning: evictionPolicyProblem(policy) ?? undefined,
        });
      } catch (e) {
        return s.down({ message: (e as Error).message });
      }
    },
    async () => {
      const s = h.check('migrations');
      try {
        const pending = await d.migrations.pending(ms);
        return pending.length ? s.down({ message: 'schema behind this build', pending }) : s.up();
      } catch (e) {
        return s.down({ message: (e as Error).message });
      }
    },
  ];
}
