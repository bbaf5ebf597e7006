/**
 * Planning: reminder rows written by the outbox's handlers from the events the registration or
 * session change recorded (real API, real Postgres; the outbox drained as the worker does), and
 * their jobs in Redis once the worker relayed them. The
 * notifications queue is paused here, so nothing is sent: this suite looks at the plan and the
 * job counts only.
 */
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { notificationJobId, pagePlanned, planSessionReminders } from '@qatys/domain';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createOrganization, createProgram, createSession } from '../support/factories';
import { testEnv } from '../support/env';
import { waitFor } from '../support/wait';
import { notifications, notificationsQueue, startWorker, statusCounts } from './support/worker-harness';

const almaty = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Almaty' });

describe('reminder planning (integration)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;
  let orgId: string;
  let queue: Queue;
  let worker: INestApplicationContext | undefined;
  const redis = new Redis(testEnv.redisUrl);

  beforeAll(async () => {
    h = await startApi();
    orgId = (await createOrganization(h.ds)).id;
    organizer = await h.signIn({ roles: ['organizer'], organizationId: orgId });
    queue = notificationsQueue(h.config.REDIS_PREFIX);
    await queue.pause();
  });
  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    redis.disconnect();
    await h?.close();
  });

  const register = async (sessionId: string, p: SignedIn, status = 201) =>
    (await h.http.post(`/sessions/${sessionId}/registrations`).set(p.auth).send({}).expect(status)).body;
  /**
   * Every recorded event handled: by this suite while no worker runs, by the worker once it does
   * (it also relays what it planned to Redis, which the later checks look at).
   */
  const settled = () => (worker ? h.outboxHandled() : h.drainOutbox().then(() => undefined));
  /** The reminder rows once every recorded event has been handled. */
  const reminderRows = async (where: string, params: unknown[]) =>
    settled()
      .then(() => notifications(h.ds, `kind = 'reminder' AND ${where}`, params))
      .then((rows) =>
        rows.sort(
          (a, b) =>
            (b.session_version ?? 0) - (a.session_version ?? 0) || b.offset_minutes! - a.offset_minutes!,
        ),
      );
  const inDays = (days: number, hhmm: string) =>
    DateTime.now().setZone('Asia/Almaty').plus({ days }).toFormat(`yyyy-MM-dd'T'${hhmm}`);

  it("plans a registration's reminders from its event: 24 h, 1 h, 10 min before the start", async () => {
    const program = await createProgram(h.ds, { quietHoursStart: null, quietHoursEnd: null });
    const session = await createSession(h.ds, program.id, { localStart: inDays(3, '12:00') });
    const p = await h.signIn({ timeZone: 'Asia/Almaty' });
    const reg = await register(session.id, p);
    const rows = await reminderRows('registration_id = $1', [reg.id]);
    expect(rows.map((r) => [r.offset_minutes, r.status, r.due_at.getTime()])).toEqual(
      [1440, 60, 10].map((m) => [m, 'planned', session.startAt.getTime() - m * 60_000]),
    );
    // Registering again changes nothing (idempotent, no second set).
    await register(session.id, p, 200);
    expect(await reminderRows('registration_id = $1', [reg.id])).toHaveLength(3);
  });

  it('gives a late registration only the reminders still ahead, and one after the start none', async () => {
    const program = await createProgram(h.ds);
    const soon = await createSession(h.ds, program.id, {
      startAt: DateTime.now().plus({ minutes: 30 }).toJSDate(),
    });
    const p = await h.signIn();
    const late = await register(soon.id, p);
    expect((await reminderRows('registration_id = $1', [late.id])).map((r) => r.offset_minutes)).toEqual([
      10,
    ]);

    const started = await createSession(h.ds, program.id, {
      startAt: DateTime.now().minus({ minutes: 5 }).toJSDate(),
      durationMinutes: 120,
    });
    const after = await register(started.id, p);
    expect(after.status).toBe('registered');
    expect(await reminderRows('registration_id = $1', [after.id])).toEqual([]);
  });

  it("moves a 24 h reminder out of the quiet hours, in the attendee's zone, and re-plans when they change", async () => {
    const created = await h.http
      .post('/programs')
      .set(organizer.auth)
      .send({ title: { en: 'Early birds' } })
      .expect(201);
    await h.http
      .post(`/programs/${created.body.id}/status`)
      .set(organizer.auth)
      .send({ status: 'published' })
      .expect(200);
    const day = inDays(3, '07:00');
    const session = await createSession(h.ds, created.body.id, { localStart: day });
    const p = await h.signIn({ timeZone: 'Asia/Almaty' });
    const reg = await register(session.id, p);
    const start = almaty(day);
    let rows = await reminderRows('registration_id = $1', [reg.id]);
    // 24 h before is 07:00 the day before: inside 22:00-08:00, so 21:59 the evening before that.
    expect(
      rows.map((r) => [r.offset_minutes, DateTime.fromJSDate(r.due_at, { zone: 'Asia/Almaty' }).toISO()]),
    ).toEqual([
      [1440, start.minus({ days: 2 }).set({ hour: 21, minute: 59 }).toISO()],
      [60, start.minus({ hours: 1 }).toISO()],
      [10, start.minus({ minutes: 10 }).toISO()],
    ]);

    // Switching quiet hours off re-plans the open sessions of the program (its event's handler).
    await h.http
      .patch(`/programs/${created.body.id}`)
      .set(organizer.auth)
      .send({ quietHoursStart: null, quietHoursEnd: null })
      .expect(200);
    rows = await reminderRows('registration_id = $1 AND status = $2', [reg.id, 'planned']);
    expect(rows.map((r) => [r.offset_minutes, r.due_at.getTime()])).toEqual(
      [1440, 60, 10].map((m) => [m, start.toMillis() - m * 60_000]),
    );
    // New offsets: the ones gone are cancelled, the new one planned.
    await h.http
      .patch(`/programs/${created.body.id}`)
      .set(organizer.auth)
      .send({ reminderOffsetsMinutes: [120, 10] })
      .expect(200);
    rows = await reminderRows('registration_id = $1', [reg.id]);
    expect(rows.map((r) => [r.offset_minutes, r.status])).toEqual([
      [1440, 'cancelled'],
      [120, 'planned'],
      [60, 'cancelled'],
      [10, 'planned'],
    ]);
  });

  it('plans nothing for the waitlist, plans on promotion, cancels on cancellation, revives on re-registration', async () => {
    const program = await createProgram(h.ds);
    const session = await createSession(h.ds, program.id, { localStart: inDays(4, '12:00'), capacity: 1 });
    const first = await h.signIn();
    const second = await h.signIn();
    const a = await register(session.id, first);
    const b = await register(session.id, second);
    expect(b.status).toBe('waitlisted');
    expect(await reminderRows('registration_id = $1', [b.id])).toEqual([]);

    await h.http.delete(`/me/registrations/${a.id}`).set(first.auth).expect(200);
    expect((await reminderRows('registration_id = $1', [a.id])).map((r) => [r.status, r.last_error])).toEqual(
      [
        ['cancelled', 'registration_cancelled'],
        ['cancelled', 'registration_cancelled'],
        ['cancelled', 'registration_cancelled'],
      ],
    );
    expect((await reminderRows('registration_id = $1', [b.id])).map((r) => r.status)).toEqual([
      'planned',
      'planned',
      'planned',
    ]);
    // Registering again (now waitlisted: the seat went to the second) plans nothing...
    expect((await register(session.id, first)).status).toBe('waitlisted');
    expect(await reminderRows('registration_id = $1 AND status = $2', [a.id, 'planned'])).toEqual([]);
    // ...until a seat frees up: the same rows are planned again, not duplicated.
    await h.http.delete(`/me/registrations/${b.id}`).set(second.auth).expect(200);
    const revived = await reminderRows('registration_id = $1', [a.id]);
    expect(revived.map((r) => r.status)).toEqual(['planned', 'planned', 'planned']);
  });

  it('plans the registrations of one batch together, each as of its own instant, with its own notice', async () => {
    const program = await createProgram(h.ds, { quietHoursStart: null, quietHoursEnd: null });
    const session = await createSession(h.ds, program.id, {
      startAt: DateTime.now().plus({ hours: 2 }).toJSDate(),
    });
    const early = await register(session.id, await h.signIn());
    const late = await register(session.id, await h.signIn());
    // The first registration's event as if it happened two days ago (a worker that was down since):
    // the 24-hour reminder was still ahead of it then. The second's, now: only 1 h and 10 min are.
    await h.ds.query(
      `UPDATE domain_events SET occurred_at = now() - interval '2 days' WHERE type = 'registration.created' AND aggregate_id = $1`,
      [early.id],
    );
    const [{ n }] = await h.ds.query(
      `SELECT count(*)::int AS n FROM domain_events WHERE processed_at IS NULL AND aggregate_id = ANY($1::uuid[])`,
      [[early.id, late.id]],
    );
    expect(n).toBe(2); // both still waiting: the drain below takes them in one batch
    const offsets = async (id: string) =>
      (await reminderRows('registration_id = $1', [id])).map((r) => r.offset_minutes);
    expect(await offsets(early.id)).toEqual([1440, 60, 10]);
    expect(await offsets(late.id)).toEqual([60, 10]);
    const notices = await notifications(
      h.ds,
      `kind = 'registration.confirmed' AND registration_id = ANY($1::uuid[])`,
      [[early.id, late.id]],
    );
    expect(notices.map((r) => r.registration_id).sort()).toEqual([early.id, late.id].sort());
    // The first's 24-hour reminder is overdue: out of the way of the job counts of the next tests.
    await h.ds.query(`UPDATE notifications SET status = 'cancelled' WHERE session_id = $1`, [session.id]);
  });

  it("reads only a batch's own registrations and rows, however large the session, on stale statistics", async () => {
    const program = await createProgram(h.ds, { quietHoursStart: null, quietHoursEnd: null });
    const session = await createSession(h.ds, program.id, { localStart: inDays(8, '12:00') });
    // Statistics taken while the session had nobody, then a crowd of 3,000: as during a sign-up rush.
    await h.ds.query(`ANALYZE registrations; ANALYZE notifications`);
    await h.ds.query(
      `WITH u AS (
         INSERT INTO users (email, display_name, password_hash, time_zone)
         SELECT 'crowd' || g || '-' || $2 || '@qatys.test', 'Crowd ' || g, 'unused', 'Asia/Almaty'
           FROM generate_series(1, 3000) g
         RETURNING id)
       INSERT INTO registrations (user_id, session_id, status) SELECT id, $1, 'registered' FROM u`,
      [session.id, session.id.slice(0, 8)],
    );
    await h.ds.transaction((em) => planSessionReminders(em, session.id));
    const [last] = await h.ds.query(
      `SELECT id FROM registrations WHERE session_id = $1 ORDER BY id DESC LIMIT 1`,
      [session.id],
    );
    await h.ds.query(`UPDATE notifications SET status = 'cancelled' WHERE registration_id = $1`, [last.id]);
    /** Rows of `table` this transaction has read so far (its own statistics, exact and at once). */
    const readFrom = async (em: EntityManager, table: string) =>
      Number(
        (
          await em.query(
            `SELECT coalesce(idx_tup_fetch, 0) + coalesce(seq_tup_read, 0) AS n FROM pg_stat_xact_user_tables WHERE relname = $1`,
            [table],
          )
        )[0].n,
      );
    await h.ds.transaction(async (em) => {
      const before = await readFrom(em, 'registrations');
      expect(
        await planSessionReminders(em, session.id, { registrations: [{ id: last.id, asOf: new Date() }] }),
      ).toBe(3);
      expect((await readFrom(em, 'registrations')) - before).toBeLessThan(20);
      const rowsBefore = await readFrom(em, 'notifications');
      expect(await pagePlanned(em, { registrationIds: [last.id] }, '0', 5000)).toHaveLength(3);
      expect((await readFrom(em, 'notifications')) - rowsBefore).toBeLessThan(20);
    });
    await h.ds.query(`UPDATE notifications SET status = 'cancelled' WHERE session_id = $1`, [session.id]);
  });

  it('sets aside the one event of a batch whose handling fails; the others are handled', async () => {
    const program = await createProgram(h.ds, { quietHoursStart: null, quietHoursEnd: null });
    const session = await createSession(h.ds, program.id, { localStart: inDays(3, '12:00') });
    const before = await register(session.id, await h.signIn());
    // An event no handler can take (its registration id is not a uuid), between two good ones.
    const [{ id: broken }] = await h.ds.query(
      `INSERT INTO domain_events (type, aggregate_type, aggregate_id, payload)
       VALUES ('registration.created', 'registration', $1, $2::jsonb) RETURNING id`,
      [
        before.id,
        JSON.stringify({ registrationId: 'not-a-uuid', sessionId: session.id, status: 'registered' }),
      ],
    );
    const after = await register(session.id, await h.signIn());
    await expect(h.drainOutbox()).rejects.toThrow(new RegExp(`outbox handlers failed: .*"id":"${broken}"`));
    const left = await h.ds.query(`SELECT id FROM domain_events WHERE processed_at IS NULL`);
    expect(left.map((r: { id: string }) => r.id)).toEqual([broken]);
    for (const reg of [before, after]) {
      expect((await notifications(h.ds, `kind = 'reminder' AND registration_id = $1`, [reg.id])).length).toBe(
        3,
      );
      expect(
        (await notifications(h.ds, `kind = 'registration.confirmed' AND registration_id = $1`, [reg.id]))
          .length,
      ).toBe(1);
    }
    await h.ds.query(`UPDATE domain_events SET processed_at = now() WHERE id = $1`, [broken]);
  });

  it('plans for whole-program enrolment and for sessions added to a program later', async () => {
    const program = await createProgram(h.ds, { organizationId: orgId });
    const s1 = await createSession(h.ds, program.id, { localStart: inDays(5, '12:00') });
    const s2 = await createSession(h.ds, program.id, { localStart: inDays(6, '12:00') });
    const p = await h.signIn();
    await h.http.post(`/programs/${program.id}/registrations`).set(p.auth).send({}).expect(201);
    const counts = async () => {
      await h.drainOutbox();
      return Object.fromEntries(
        (
          await h.ds.query(
            `SELECT session_id, count(*)::int AS n FROM notifications WHERE kind = 'reminder' AND user_id = $1 GROUP BY session_id`,
            [p.id],
          )
        ).map((r: { session_id: string; n: number }) => [r.session_id, r.n]),
      );
    };
    expect(await counts()).toEqual({ [s1.id]: 3, [s2.id]: 3 });
    const added = await h.http
      .post('/sessions')
      .set(organizer.auth)
      .send({
        programId: program.id,
        title: { en: 'Added later' },
        start: inDays(7, '10:00'),
        durationMinutes: 90,
        joinUrl: 'https://meet.example/x',
      })
      .expect(201);
    expect(await counts()).toEqual({ [s1.id]: 3, [s2.id]: 3, [added.body.id]: 3 });
  });

  it('reschedules and cancels a session of 5,000 registrations set-based; the jobs follow', async () => {
    const program = await createProgram(h.ds, { quietHoursStart: null, quietHoursEnd: null });
    const start = almaty(inDays(10, '12:00'));
    const session = await createSession(h.ds, program.id, { localStart: inDays(10, '12:00') });
    await h.ds.query(
      `WITH u AS (
         INSERT INTO users (email, display_name, password_hash, language, time_zone)
         SELECT 'bulk' || g || '-' || $2 || '@qatys.test', 'Bulk ' || g, 'unused',
                (ARRAY['kk','ru','en'])[1 + g % 3], (ARRAY['Asia/Almaty','Asia/Qostanay','Europe/Berlin'])[1 + g % 3]
           FROM generate_series(1, 5000) g
         RETURNING id)
       INSERT INTO registrations (user_id, session_id, status) SELECT id, $1, 'registered' FROM u`,
      [session.id, session.id.slice(0, 8)],
    );
    await h.ds.query(`UPDATE sessions SET registered_count = 5000 WHERE id = $1`, [session.id]);
    // As the registrations' events would have: one set-based statement for all of them.
    await h.ds.transaction((em) => planSessionReminders(em, session.id));
    expect(await statusCounts(h.ds, `session_id = $1`, [session.id])).toEqual({ planned: 15000 });

    // The worker's reconciler makes the 15,000 jobs at start (a full pass). Redis must hold
    // exactly one job per planned row: delayed for reminders, waiting for notices (the queue is paused).
    const jobsMatchRows = async () => {
      const [{ reminders, notices }] = await h.ds.query(
        `SELECT count(*) FILTER (WHERE kind = 'reminder')::int AS reminders, count(*) FILTER (WHERE kind <> 'reminder')::int AS notices
           FROM notifications WHERE status = 'planned'`,
      );
      // A paused queue keeps its ready jobs in the wait list.
      const c = await queue.getJobCounts('delayed', 'wait');
      return c.delayed === reminders && c.wait === notices;
    };
    /** How many of these rows' jobs Redis still holds (one EXISTS over their keys). */
    const jobsLeft = async (rows: { dedupe_key: string; due_at: Date }[]) => {
      let left = 0;
      for (let i = 0; i < rows.length; i += 5000) {
        const keys = rows
          .slice(i, i + 5000)
          .map((r) =>
            queue.toKey(notificationJobId({ kind: 'reminder', dedupeKey: r.dedupe_key, dueAt: r.due_at })),
          );
        left += await redis.exists(...keys);
      }
      return left;
    };
    worker = await startWorker({ databaseUrl: h.db.url, redisPrefix: h.config.REDIS_PREFIX });
    await waitFor('15,000 delayed jobs', jobsMatchRows, { timeoutMs: 60000, everyMs: 250 });
    const v1 = await reminderRows('session_id = $1 AND session_version = 1', [session.id]);
    expect(await jobsLeft(v1)).toBe(15000); // the probe below sees these jobs while they exist

    // Reschedule by a day through the API: old reminders cancelled, new ones planned, by the
    // handler of its event (set-based, one transaction).
    await h.http
      .patch(`/sessions/${session.id}`)
      .set(organizer.auth)
      .send({ start: start.plus({ days: 1 }).toFormat("yyyy-MM-dd'T'HH:mm") })
      .expect(200);
    await settled();
    expect(
      await statusCounts(h.ds, `session_id = $1 AND kind = 'reminder' AND session_version = 1`, [session.id]),
    ).toEqual({
      cancelled: 15000,
    });
    expect(
      await statusCounts(h.ds, `session_id = $1 AND kind = 'reminder' AND session_version = 2`, [session.id]),
    ).toEqual({
      planned: 15000,
    });
    const [moved] = await reminderRows('session_id = $1 AND session_version = 2 AND offset_minutes = 60', [
      session.id,
    ]);
    expect(moved.due_at.getTime()).toBe(start.plus({ days: 1 }).toMillis() - 3_600_000);

    // The worker: old jobs removed, new ones delayed, one "rescheduled" notice per attendee waiting.
    await waitFor('the session.rescheduled notices', async () => {
      const c = await statusCounts(h.ds, `session_id = $1 AND kind = 'session.rescheduled'`, [session.id]);
      return c.planned === 5000;
    });
    // The end state, not a moment that looks like it: while the relay adds the new jobs, the old
    // ones still count as delayed (notices may come first and briefly match the totals).
    await waitFor(
      'the relay after the reschedule (old jobs gone, one job per planned row)',
      async () => (await jobsLeft(v1)) === 0 && jobsMatchRows(),
      { timeoutMs: 60000, everyMs: 250 },
    );
    expect(
      await queue.getJobState(
        notificationJobId({ kind: 'reminder', dedupeKey: v1[0].dedupe_key, dueAt: v1[0].due_at }),
      ),
    ).toBe('unknown');
    expect(
      await statusCounts(h.ds, `session_id = $1 AND kind = 'session.rescheduled'`, [session.id]),
    ).toEqual({
      planned: 5000,
    });

    // Cancel: every planned reminder cancelled with the session, their jobs removed.
    await h.http
      .post(`/sessions/${session.id}/cancel`)
      .set(organizer.auth)
      .send({ reason: 'Speaker ill' })
      .expect(200);
    await settled();
    expect(await statusCounts(h.ds, `session_id = $1 AND kind = 'reminder'`, [session.id])).toEqual({
      cancelled: 30000,
    });
    await waitFor('the session.cancelled notices', async () => {
      const c = await statusCounts(h.ds, `session_id = $1 AND kind = 'session.cancelled'`, [session.id]);
      return c.planned === 5000;
    });
    const v2 = await reminderRows('session_id = $1 AND session_version = 2', [session.id]);
    await waitFor(
      'the relay after the cancellation (reminder jobs gone, one job per planned notice)',
      async () => (await jobsLeft(v2)) === 0 && jobsMatchRows(),
      { timeoutMs: 60000, everyMs: 250 },
    );
    expect(
      await queue.getJobState(
        notificationJobId({ kind: 'reminder', dedupeKey: moved.dedupe_key, dueAt: moved.due_at }),
      ),
    ).toBe('unknown');
  }, 180_000);
});
