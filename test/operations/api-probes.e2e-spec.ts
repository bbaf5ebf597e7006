/**
 * The api's operations surface: liveness, readiness (draining, stores, migrations at head),
 * /metrics (per-route HTTP figures, Node runtime; the token when one is set), and /health as before.
 */
import { Client } from 'pg';
import { DrainState } from '@qatys/observability';
import { ApiHarness, startApi } from '../support/api-harness';
import { waitFor } from '../support/wait';

async function pgQuery(url: string, sql: string) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

describe('api probes and metrics (e2e)', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers liveness without asking any store, and readiness with every indicator up', async () => {
    const live = await h.http.get('/health/live').expect(200);
    expect(live.body).toMatchObject({ status: 'ok' });
    const ready = await h.http.get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      info: {
        draining: { status: 'up' },
        postgres: { status: 'up' },
        redis: { status: 'up', maxmemoryPolicy: expect.any(String) },
        migrations: { status: 'up' },
      },
    });
    // GET /health keeps its shape (the web and older tests use it).
    expect((await h.http.get('/health').expect(200)).body).toMatchObject({ status: 'ok', app: 'api' });
  });

  it('is not ready while a migration of this build has not run', async () => {
    const c = new Client({ connectionString: h.db.url });
    await c.connect();
    try {
      const [last] = (
        await c.query(`SELECT id, timestamp, name FROM schema_migrations ORDER BY id DESC LIMIT 1`)
      ).rows as Array<{ id: number; timestamp: string; name: string }>;
      // A fresh app (nothing cached yet) on a schema one migration behind.
      await c.query(`DELETE FROM schema_migrations WHERE id = $1`, [last.id]);
      const behind = await startApi({ DATABASE_URL: h.db.url });
      try {
        const res = await behind.http.get('/health/ready').expect(503);
        expect(res.body.error.migrations).toMatchObject({ status: 'down', pending: [last.name] });
      } finally {
        await c.query(`INSERT INTO schema_migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [
          last.id,
          last.timestamp,
          last.name,
        ]);
        await behind.app.close();
      }
    } finally {
      await c.end();
    }
  });

  it('stays ready while every pooled connection is busy (the probe has its own connection)', async () => {
    // Before: readiness queued its SELECT 1 behind a saturated pool, failed after 1.5 s, and a
    // balancer took every api out of rotation at the peak of a burst.
    const busy = await startApi({ DATABASE_URL: h.db.url, DB_POOL_SIZE: '2' });
    try {
      const sleeping = [busy.ds.query('SELECT pg_sleep(4)'), busy.ds.query('SELECT pg_sleep(4)')];
      await waitFor('both pooled connections to be busy', async () => {
        const { rows } = await pgQuery(
          h.db.url,
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'SELECT pg_sleep(4)' AND state = 'active'`,
        );
        return rows[0].n === 2;
      });
      const res = await busy.http.get('/health/ready');
      expect(res.status).toBe(200);
      expect(res.body.info.postgres).toEqual({ status: 'up' });
      await Promise.all(sleeping);
    } finally {
      await busy.app.close();
    }
  });

  it('turns readiness to 503 while draining, liveness staying 200', async () => {
    h.app.get(DrainState).begin();
    const res = await h.http.get('/health/ready').expect(503);
    expect(res.body.error).toMatchObject({ draining: { status: 'down', message: 'shutting down' } });
    await h.http.get('/health/live').expect(200);
  });

  it('serves Prometheus text with per-route RED figures and the Node runtime', async () => {
    await h.http.get('/regions').expect(200);
    await h.http.get('/sessions/not-a-uuid').expect((r) => expect(r.status).toBeGreaterThanOrEqual(400));
    const res = await h.http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(res.text).toMatch(
      /qatys_http_request_duration_seconds_count\{app="api",method="GET",route="\/regions",status_code="200"\} [1-9]/,
    );
    // The route pattern, never the raw id.
    expect(res.text).toMatch(/route="\/sessions\/:id"/);
    expect(res.text).not.toMatch(/not-a-uuid/);
    for (const m of [
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
      'nodejs_gc_duration_seconds',
    ])
      expect(res.text).toContain(m);
  });
});

describe('api /metrics with METRICS_TOKEN (e2e)', () => {
  let h: ApiHarness;
  const token = 'metrics-token-0123456789abcdef';

  beforeAll(async () => {
    h = await startApi({ METRICS_TOKEN: token });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses a missing or wrong token (a person’s access token included) and accepts the right one', async () => {
    const person = await h.signIn();
    await h.http.get('/metrics').expect(401);
    await h.http.get('/metrics').set(person.auth).expect(401);
    await h.http.get('/metrics').set('Authorization', `Bearer ${token}x`).expect(401);
    const ok = await h.http.get('/metrics').set('Authorization', `Bearer ${token}`).expect(200);
    expect(ok.text).toContain('qatys_http_request_duration_seconds');
  });
});
