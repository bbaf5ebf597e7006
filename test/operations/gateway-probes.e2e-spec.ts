/**
 * The gateway's operations surface: probes (liveness; readiness with draining), and /metrics with
 * its live figures — sockets in all and per session, the attendance flush lag, the Q&A
 * moderation backlog — plus its HTTP figures and the Node runtime.
 */
import { DrainState } from '@qatys/observability';
import { emit, LiveHarness, okData, RunningGateway } from '../gateway/live-harness';
import { metricValue } from '../support/metrics';
import { eventually } from '../support/wait';

describe('gateway probes and metrics (e2e)', () => {
  let h: LiveHarness;
  let g: RunningGateway;

  beforeAll(async () => {
    h = await LiveHarness.start();
    g = await h.startGateway({ METRICS_TOKEN: 'gateway-metrics-token-0123' });
  });
  afterAll(async () => h?.close());

  const metrics = async () => {
    const res = await fetch(`${g.url}/metrics`, {
      headers: { authorization: 'Bearer gateway-metrics-token-0123' },
    });
    expect(res.status).toBe(200);
    return res.text();
  };

  it('shows live sockets per process and per session, the Q&A backlog and the flush lag', async () => {
    const session = await h.liveSession();
    const people = await h.users(3);
    await h.register(session.id, people);
    const sockets = await Promise.all(people.map((p) => h.connect(g.url, p.token)));
    for (const s of sockets) await okData(s, 'session:join', { sessionId: session.id });
    // Pre-moderation is on by default: two questions wait for a moderator.
    await okData(sockets[0], 'question:ask', { sessionId: session.id, text: 'Первый вопрос?' });
    await okData(sockets[1], 'question:ask', { sessionId: session.id, text: 'Second question?' });

    const text = await metrics();
    expect(metricValue(text, 'qatys_live_sockets', { app: 'gateway' })).toBe(3);
    expect(metricValue(text, 'qatys_live_session_sockets', { session: session.id })).toBe(3);
    expect(metricValue(text, 'qatys_qa_pending_questions', { session: session.id })).toBe(2);
    expect(
      metricValue(text, 'qatys_qa_oldest_pending_seconds', { session: session.id }),
    ).toBeGreaterThanOrEqual(0);
    expect(metricValue(text, 'qatys_attendance_flush_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(metricValue(text, 'qatys_attendance_flush_pending_rows')).toBeGreaterThanOrEqual(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');

    // Leaving shows at the next scrape; the flush catches up (lag back to 0).
    await emit(sockets[2], 'session:leave', { sessionId: session.id });
    await eventually(async () => {
      const after = await metrics();
      expect(metricValue(after, 'qatys_live_session_sockets', { session: session.id })).toBe(2);
      expect(metricValue(after, 'qatys_attendance_flush_pending_rows')).toBe(0);
      expect(metricValue(after, 'qatys_attendance_flush_lag_seconds')).toBe(0);
    });
    h.disconnectAll();
    await eventually(async () => {
      const gone = await metrics();
      expect(metricValue(gone, 'qatys_live_sockets')).toBe(0);
      // The session's room went with its last socket: no series left for it.
      expect(metricValue(gone, 'qatys_live_session_sockets', { session: session.id })).toBeUndefined();
    });
  });

  it('refuses /metrics without the token, and records its own HTTP figures by route', async () => {
    expect((await fetch(`${g.url}/metrics`)).status).toBe(401);
    await fetch(`${g.url}/health`);
    expect(
      metricValue(await metrics(), 'qatys_http_request_duration_seconds_count', {
        route: '/health',
        status_code: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('answers the probes, and readiness 503 once draining (liveness still 200)', async () => {
    const live = await fetch(`${g.url}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${g.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      info: {
        draining: { status: 'up' },
        postgres: { status: 'up' },
        redis: { status: 'up' },
        migrations: { status: 'up' },
      },
    });
    g.app.get(DrainState).begin();
    const draining = await fetch(`${g.url}/health/ready`);
    expect(draining.status).toBe(503);
    expect(await draining.json()).toMatchObject({ error: { draining: { status: 'down' } } });
    expect((await fetch(`${g.url}/health/live`)).status).toBe(200);
  });
});
