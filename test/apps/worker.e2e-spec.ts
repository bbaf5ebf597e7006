import type { INestApplicationContext } from '@nestjs/common';
import { Queue, QueueEvents } from 'bullmq';
import { loadConfig, WorkerConfig, workerSchema } from '@qatys/config';
import { QUEUES } from '@qatys/contracts';
import { WorkerHealthServer } from '../../apps/worker/src/health.server';
import { createWorkerApp } from '../../apps/worker/src/worker.bootstrap';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testEnv } from '../support/env';
import { metricValue } from '../support/metrics';

describe('worker (e2e)', () => {
  let db: TestDatabase;
  let config: WorkerConfig;
  let app: INestApplicationContext | undefined;
  let healthUrl: string;
  let queue: Queue;
  let events: QueueEvents;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = loadConfig(workerSchema, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      REDIS_URL: testEnv.redisUrl,
      REDIS_PREFIX: `${testEnv.redisPrefix}:${db.name}`,
      WORKER_HEALTH_PORT: '0',
      DB_POOL_SIZE: '2',
    });
    app = await createWorkerApp(config);
    healthUrl = `${app.get(WorkerHealthServer).url}/health`;
    // A producer as the API will be one: same Redis, same prefix.
    const connection = { url: config.REDIS_URL, maxRetriesPerRequest: null };
    queue = new Queue(QUEUES.notifications, { connection, prefix: config.REDIS_PREFIX });
    events = new QueueEvents(QUEUES.notifications, { connection, prefix: config.REDIS_PREFIX });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await events?.close();
    await queue?.close();
    await app?.close();
    await db?.drop();
  });

  it('answers GET /health with Postgres and Redis up', async () => {
    const res = await fetch(healthUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({
      status: 'ok',
      app: 'worker',
      checks: { postgres: 'up', redis: 'up' },
    });
  });

  it('answers only /health, its probes and /metrics: other paths 404, other methods 405', async () => {
    expect((await fetch(healthUrl.replace('/health', '/admin'))).status).toBe(404);
    expect((await fetch(`${healthUrl}/deep`)).status).toBe(404);
    expect((await fetch(healthUrl, { method: 'POST' })).status).toBe(405);
    expect((await fetch(healthUrl.replace('/health', '/metrics'), { method: 'DELETE' })).status).toBe(405);
  });

  it('answers the probes: liveness, and readiness with stores and migrations up', async () => {
    const live = await fetch(`${healthUrl}/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${healthUrl}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      info: {
        draining: { status: 'up' },
        postgres: { status: 'up' },
        redis: { status: 'up' },
        migrations: { status: 'up' },
      },
    });
  });

  it('serves /metrics: the queue, the outbox lag, the runtime and its own HTTP figures', async () => {
    const res = await fetch(healthUrl.replace('/health', '/metrics'));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(
      metricValue(text, 'qatys_queue_jobs', { app: 'worker', queue: 'notifications', state: 'waiting' }),
    ).toBeGreaterThanOrEqual(0);
    expect(
      metricValue(text, 'qatys_queue_oldest_waiting_seconds', { queue: 'notifications' }),
    ).toBeGreaterThanOrEqual(0);
    expect(metricValue(text, 'qatys_outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(
      metricValue(text, 'qatys_http_request_duration_seconds_count', {
        route: '/health/ready',
        status_code: '200',
      }),
    ).toBe(1);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('# TYPE qatys_notification_lateness_seconds histogram');
  });

  it('runs a job added by a producer (a notice whose row is gone: nothing to send)', async () => {
    const job = await queue.add('notice.send', {
      notificationId: '999999',
      kind: 'registration.confirmed',
      dueAt: new Date().toISOString(),
    });
    const result = await job.waitUntilFinished(events, 20000);
    expect(result).toEqual({ result: 'noop', reason: 'missing' });
  });

  it('fails a job nobody handles at once, without retries', async () => {
    const job = await queue.add(
      'notice.nonexistent',
      {},
      { attempts: 5, backoff: { type: 'fixed', delay: 10 } },
    );
    await expect(job.waitUntilFinished(events, 20000)).rejects.toThrow(
      /no handler for job "notice.nonexistent"/,
    );
    const failed = await queue.getJob(job.id!);
    expect(await failed!.getState()).toBe('failed');
    expect(failed!.attemptsMade).toBe(1);
  });

  it('shuts down gracefully: workers close and the health endpoint stops answering', async () => {
    const ctx = app!;
    app = undefined;
    await ctx.close();
    await expect(fetch(healthUrl)).rejects.toThrow();
    // Jobs added while no worker runs wait for the next one instead of being lost.
    const job = await queue.add('notice.send', {
      notificationId: '999998',
      kind: 'registration.confirmed',
      dueAt: new Date().toISOString(),
    });
    expect(await job.getState()).toBe('waiting');
  });
});
