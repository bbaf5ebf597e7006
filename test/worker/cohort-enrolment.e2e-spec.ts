/**
 * A selection commit answers without enrolling anyone; the real worker enrols the cohort from the
 * commit's event. A worker SIGKILLed while it is in the middle of the enrolment (held on the
 * program's row lock, so the kill lands mid-transaction for certain) loses nothing and does nothing
 * twice: its transaction rolls back, the event stays unprocessed, and the next worker enrols
 * everyone exactly once.
 */
import { Client } from 'pg';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createProgram, createSession, regionByCode } from '../support/factories';
import { waitFor } from '../support/wait';
import { answers, count, openCall, scoreInOrder } from '../selection/selection-support';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';
import { spawnWorker, WorkerProcess } from './support/worker-process';

jest.setTimeout(120_000);

describe('cohort enrolment through the outbox (e2e, real worker processes)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;
  let smtp: SmtpSink;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    h = await startApi();
    smtp = await startSmtpSink();
    organizer = await h.signIn({ roles: ['organizer'] });
  });
  afterAll(async () => {
    for (const w of workers)
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await smtp?.close();
    await h?.close();
  });

  const spawn = async () => {
    const w = await spawnWorker({
      DATABASE_URL: h.db.url,
      REDIS_PREFIX: h.config.REDIS_PREFIX,
      SMTP_URL: smtp.url,
    });
    workers.push(w);
    return w;
  };

  it('enrols the selected after the commit answered, also when a worker dies mid-enrolment', async () => {
    const pavlodarId = (await regionByCode(h.ds, 'KZ-55')).id;
    const program = await createProgram(h.ds);
    const sessions = [
      await createSession(h.ds, program.id, { localStart: '2031-09-01T10:00' }),
      await createSession(h.ds, program.id, { localStart: '2031-09-02T10:00' }),
    ];
    const call = await openCall(h, organizer, program.id, { capacity: 3, quotas: {} });
    const people = await Promise.all([0, 1, 2, 3].map(() => h.signIn({ homeRegionId: pavlodarId })));
    const ids: string[] = [];
    for (const [i, p] of people.entries()) {
      const res = await h.http
        .post(`/calls/${call.id}/applications`)
        .set(p.auth)
        .send({ birthDate: '2000-05-01', answers: answers(i) })
        .expect(201);
      ids.push(res.body.id);
    }
    // Two reviewers score everyone (an application counts once it has its minimum of reviews).
    await scoreInOrder(h, organizer, call.id, ids, 2);
    const run = await h.http
      .post(`/calls/${call.id}/selection-runs`)
      .set(organizer.auth)
      .send({})
      .expect(201);

    // The worker will block on the program's row: this session holds it until told otherwise.
    const holder = new Client({ connectionString: h.db.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM programs WHERE id = $1 FOR UPDATE', [program.id]);

      const commit = await h.http
        .post(`/selection-runs/${run.body.id}/commit`)
        .set(organizer.auth)
        .expect(200);
      expect(commit.body.enrollment).toEqual({ enrolled: 0, unenrolled: 0, failed: [], pending: 3 });
      expect(await count(h.ds, 'program_enrollments', 'program_id = $1', [program.id])).toBe(0);

      const first = await spawn();
      await waitFor('the worker to wait on the program row inside the enrolment', async () => {
        const [row] = await h.ds.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'qatys-worker' AND wait_event_type = 'Lock'`,
        );
        return row.n > 0;
      });
      first.child.kill('SIGKILL');
      await first.exited;
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    // Its transaction is gone with it: nothing enrolled, the event still waiting.
    expect(await count(h.ds, 'program_enrollments', 'program_id = $1', [program.id])).toBe(0);
    expect(
      await count(h.ds, 'domain_events', `type = 'selection.cohort_changed' AND processed_at IS NULL`),
    ).toBe(1);

    await spawn();
    const done = await waitFor('the cohort enrolled by the second worker', async () => {
      const res = await h.http
        .get(`/selection-runs/${run.body.id}/enrollment`)
        .set(organizer.auth)
        .expect(200);
      return res.body.enrollment.pending === 0 && res.body;
    });
    expect(done.enrollment).toEqual({ enrolled: 3, unenrolled: 0, failed: [], pending: 0 });
    expect(done.run.enrollmentCompletedAt).not.toBeNull();
    expect(
      await count(h.ds, 'program_enrollments', `program_id = $1 AND status = 'active'`, [program.id]),
    ).toBe(3);
    for (const s of sessions) {
      expect(await count(h.ds, 'registrations', `session_id = $1 AND status = 'registered'`, [s.id])).toBe(3);
    }
    // Each of them confirmed once per session (registration.created handled once each).
    await waitFor(
      'every registration event handled',
      async () => (await count(h.ds, 'domain_events', `processed_at IS NULL`)) === 0,
    );
    expect(await count(h.ds, 'domain_events', `type = 'registration.created'`)).toBe(6);
    expect(await count(h.ds, 'notifications', `kind = 'registration.confirmed'`)).toBe(6);
  });
});
