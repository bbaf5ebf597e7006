import { waitFor } from '../../support/wait';
import type { INestApplicationContext } from '@nestjs/common';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { loadConfig, WorkerConfig, workerSchema } from '@qatys/config';
import { QUEUES } from '@qatys/contracts';
import { createWorkerApp } from '../../../apps/worker/src/worker.bootstrap';
import { TEST_JWT_SECRET } from '../../support/api-harness';
import { testEnv } from '../../support/env';

export interface StoreTarget {
  /** The test database's URL. */
  databaseUrl: string;
  /** The Redis prefix shared by the API and the worker of one suite. */
  redisPrefix: string;
}

/** Worker settings for tests: short backoff, lock and reconcile interval; everything overridable. */
export function workerConfig(target: StoreTarget, vars: Record<string, string> = {}): WorkerConfig {
  return loadConfig(workerSchema, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: target.databaseUrl,
    REDIS_URL: testEnv.redisUrl,
    REDIS_PREFIX: target.redisPrefix,
    WORKER_HEALTH_PORT: '0',
    DB_POOL_SIZE: '6',
    WORKER_CONCURRENCY: '10',
    JWT_SECRET: TEST_JWT_SECRET,
    PUBLIC_BASE_URL: 'http://qatys.test',
    SMTP_URL: '',
    MAIL_DIR: mkdtempSync(join(tmpdir(), 'qatys-mail-')),
    DELIVERY_TIMEOUT_SECONDS: '5',
    NOTIFY_ATTEMPTS: '3',
    NOTIFY_BACKOFF_MS: '200',
    REMINDER_RECONCILE_INTERVAL_SECONDS: '2',
    OUTBOX_POLL_INTERVAL_MS: '200',
    WORKER_LOCK_DURATION_MS: '4000',
    ...vars,
  });
}

export async function startWorker(
  target: StoreTarget,
  vars: Record<string, string> = {},
): Promise<INestApplicationContext> {
  return createWorkerApp(workerConfig(target, vars));
}

/** A producer-side handle on the notifications queue (counts, pause, job lookups). */
export function notificationsQueue(redisPrefix: string): Queue {
  return new Queue(QUEUES.notifications, {
    connection: { url: testEnv.redisUrl, maxRetriesPerRequest: null },
    prefix: redisPrefix,
  });
}

/**
 * Waits until no job of these notification rows is left to run (waiting, delayed, active or
 * stalled): from then on nothing more can be sent for them, so counting the mails is final.
 * Job ids start with the row's dedupe key (notificationJobId).
 */
export async function noJobsLeftFor(redisPrefix: string, dedupeKeys: readonly string[]): Promise<void> {
  const queue = notificationsQueue(redisPrefix);
  try {
    await waitFor(`no job left for ${dedupeKeys.length} notification(s)`, async () => {
      const jobs = await queue.getJobs(['active', 'wait', 'delayed', 'prioritized', 'waiting-children']);
      return !jobs.some((j) => j && dedupeKeys.some((k) => String(j.id).startsWith(k)));
    });
  } finally {
    await queue.close();
  }
}

export interface NotificationRow {
  id: string;
  kind: string;
  dedupe_key: string;
  user_id: string;
  registration_id: string | null;
  session_id: string | null;
  session_version: number | null;
  offset_minutes: number | null;
  due_at: Date;
  status: string;
  attempts: number;
  last_error: string | null;
  channel: string | null;
  sent_at: Date | null;
}

export async function notifications(
  ds: DataSource,
  where = 'TRUE',
  params: unknown[] = [],
): Promise<NotificationRow[]> {
  return ds.query(`SELECT * FROM notifications WHERE ${where} ORDER BY id`, params);
}

/**
 * The rows once none is still `planned`: a row is marked sent a moment after the server's 250
 * (batched with other jobs' marks), so a mail can arrive just before its row says so.
 */
export async function settledNotifications(
  ds: DataSource,
  where = 'TRUE',
  params: unknown[] = [],
  timeoutMs = 10_000,
): Promise<NotificationRow[]> {
  return waitFor(
    `notifications where ${where} to leave 'planned'`,
    async () => {
      const rows = await notifications(ds, where, params);
      return rows.every((r) => r.status !== 'planned') && rows;
    },
    { timeoutMs },
  );
}

export async function statusCounts(
  ds: DataSource,
  where = 'TRUE',
  params: unknown[] = [],
): Promise<Record<string, number>> {
  const rows: { status: string; n: number }[] = await ds.query(
    `SELECT status, count(*)::int AS n FROM notifications WHERE ${where} GROUP BY status`,
    params,
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
