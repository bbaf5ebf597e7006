/**
 * SIGTERM on a real process: readiness turns 503 at once while the process keeps serving for
 * SHUTDOWN_DRAIN_MS (so a balancer stops sending it work first), then it closes and exits 0.
 */
import { TEST_JWT_SECRET } from '../support/api-harness';
import { AppKind, killAll, spawnApp, AppProcess } from '../support/app-process';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testEnv } from '../support/env';
import { waitFor } from '../support/wait';

jest.setTimeout(120_000);

describe('draining on SIGTERM (e2e)', () => {
  let db: TestDatabase;
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await killAll(apps);
    await db?.drop();
  });

  it.each<AppKind>(['api', 'worker', 'gateway'])(
    '%s: 503 on /health/ready during the drain, then exit 0',
    async (kind) => {
      const app = await spawnApp(kind, {
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        DATABASE_URL: db.url,
        REDIS_URL: testEnv.redisUrl,
        REDIS_PREFIX: `${testEnv.redisPrefix}:${db.name}:${kind}`,
        JWT_SECRET: TEST_JWT_SECRET,
        DB_POOL_SIZE: '2',
        SHUTDOWN_DRAIN_MS: '4000',
      });
      apps.push(app);
      app.child.kill('SIGTERM');
      const draining = await waitFor(`${kind} readiness 503`, async () => {
        const r = await fetch(`${app.url}/health/ready`);
        return r.status === 503 && ((await r.json()) as { error: Record<string, unknown> });
      });
      expect(draining.error).toMatchObject({ draining: { status: 'down', message: 'shutting down' } });
      // Still serving while draining.
      expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
      expect(await app.exited).toEqual({ code: 0, signal: null });
      expect(app.output()).toMatch(/SIGTERM: draining for 4000 ms/);
    },
  );
});
