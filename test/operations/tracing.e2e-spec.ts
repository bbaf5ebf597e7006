/**
 * One trace from an API request to the SMTP server: the api and the worker run as real processes
 * with tracing on (the standard OTEL_* variables, OTLP/HTTP JSON to a collector this test runs
 * on loopback). A registration's request, its outbox event's handling, the notice's job and the
 * SMTP send share one trace id; the api's log line of that request carries the same trace id.
 */
import { TEST_JWT_SECRET, ApiHarness, startApi } from '../support/api-harness';
import { AppProcess, killAll, spawnApp } from '../support/app-process';
import { testEnv } from '../support/env';
import { createProgram, createSession } from '../support/factories';
import { waitFor } from '../support/wait';
import { SmtpSink, startSmtpSink } from '../worker/support/smtp-sink';
import { CollectedSpan, startOtlpCollector } from './otlp-collector';

jest.setTimeout(180_000);

describe('tracing: api -> outbox -> job -> SMTP in one trace (e2e)', () => {
  let h: ApiHarness;
  let smtp: SmtpSink;
  let collector: Awaited<ReturnType<typeof startOtlpCollector>>;
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    // The in-process api only seeds the database; the traced programs are child processes.
    [h, smtp, collector] = await Promise.all([startApi(), startSmtpSink(), startOtlpCollector()]);
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: h.db.url,
      REDIS_URL: testEnv.redisUrl,
      REDIS_PREFIX: h.config.REDIS_PREFIX,
      JWT_SECRET: TEST_JWT_SECRET,
      PASSWORD_HASH_COST: 'low',
      DB_POOL_SIZE: '4',
      SMTP_URL: smtp.url,
      OUTBOX_POLL_INTERVAL_MS: '200',
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_BSP_SCHEDULE_DELAY: '200',
    };
    apps.push(...(await Promise.all([spawnApp('api', env), spawnApp('worker', env)])));
  });

  afterAll(async () => {
    await killAll(apps);
    await Promise.all([collector?.close(), smtp?.close()]);
    await h?.close();
  });

  it('follows a registration from its request through the outbox and the job to the SMTP send', async () => {
    const [api] = apps;
    const program = await createProgram(h.ds, { quietHoursStart: null, quietHoursEnd: null });
    const session = await createSession(h.ds, program.id, { title: { en: 'Traced session' } });
    const person = await h.signIn({ language: 'en' });
    const res = await fetch(`${api.url}/sessions/${session.id}/registrations`, {
      method: 'POST',
      headers: { ...person.auth, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(201);
    const requestId = res.headers.get('x-request-id');

    await waitFor('the confirmation e-mail', () =>
      smtp.messages.find((m) => m.to.includes(person.email) && /registration\.confirmed/.test(m.raw)),
    );
    const server = await waitFor('the api span of the request', () =>
      collector.spans.find(
        (s) =>
          s.service === 'qatys-api' &&
          s.kind === 2 &&
          /registrations/.test(String(s.attributes['http.route'] ?? s.name)),
      ),
    );
    const trace = (): CollectedSpan[] => collector.spans.filter((s) => s.traceId === server.traceId);
    const smtpSpan = await waitFor('the SMTP send in the same trace', () =>
      trace().find((s) => s.service === 'qatys-worker' && s.name === 'smtp send'),
    );
    // Spans are exported in batches, each process on its own schedule: wait for the whole trace.
    const spans = await waitFor('the outbox, job and send spans in that trace', () => {
      const all = trace();
      const names = all.map((s) => `${s.service}: ${s.name}`);
      return (
        ['qatys-worker: outbox registration.created', 'qatys-worker: process notifications'].every((n) =>
          names.includes(n),
        ) && all
      );
    });
    // The send is a child of the job, the job continues the request's trace.
    const job = spans.find((s) => s.name === 'process notifications')!;
    expect(smtpSpan.parentSpanId).toBe(job.spanId);
    expect(spans.some((s) => s.service === 'qatys-api' && s.name.startsWith('pg'))).toBe(true);

    // The api's log line of that request names the trace.
    const line = api
      .output()
      .split('\n')
      .find((l) => requestId && l.includes(requestId) && l.includes('"trace_id"'));
    expect(line && JSON.parse(line).trace_id).toBe(server.traceId);
  });
});
