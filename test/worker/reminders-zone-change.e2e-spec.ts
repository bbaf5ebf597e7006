/**
 * Quiet hours are the attendee's local night, so a person changing their zone (PATCH /me) has
 * their planned reminders of upcoming sessions planned again in the same transaction, and the
 * worker makes the jobs of the new instants at once (NOTIFY `r:<registration>`), not when its
 * reconciler next looks. Real API, Postgres, Redis and worker; the sessions lie a week ahead, so
 * nothing is sent here.
 */
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { notificationJobId } from '@qatys/domain';
import { ReminderReconciler } from '../../apps/worker/src/notifications/reminder-reconciler';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createProgram, createSession } from '../support/factories';
import { waitFor } from '../support/wait';
import { NotificationRow, notifications, notificationsQueue, startWorker } from './support/worker-harness';

describe('reminders follow a change of zone (e2e)', () => {
  let h: ApiHarness;
  let worker: INestApplicationContext;
  let queue: Queue;

  beforeAll(async () => {
    h = await startApi();
    // The reconciler's pass at start is its only full one for an hour, and its later passes look
    // two hours ahead: a job for next week made after that pass can only come from the relay.
    worker = await startWorker(
      { databaseUrl: h.db.url, redisPrefix: h.config.REDIS_PREFIX },
      { REMINDER_RECONCILE_INTERVAL_SECONDS: '3600' },
    );
    await worker.get(ReminderReconciler).tick();
    queue = notificationsQueue(h.config.REDIS_PREFIX);
  });
  afterAll(async () => {
    await queue?.close();
    await worker?.close();
    await h?.close();
  });

  const register = async (sessionId: string, p: SignedIn): Promise<string> =>
    (await h.http.post(`/sessions/${sessionId}/registrations`).set(p.auth).send({}).expect(201)).body.id;
  /** A registration's reminder rows once the worker has handled every recorded event. */
  const remindersOf = async (registrationId: string) => {
    await h.outboxHandled();
    const rows = await notifications(h.ds, `kind = 'reminder' AND registration_id = $1`, [registrationId]);
    return rows.sort((a, b) => b.offset_minutes! - a.offset_minutes!);
  };
  const jobId = (r: NotificationRow) =>
    notificationJobId({ kind: 'reminder', dedupeKey: r.dedupe_key, dueAt: r.due_at });
  const jobState = (r: NotificationRow) => queue.getJobState(jobId(r));
  /** 08:30 in Almaty, `days` from today: 24 h before is 08:30 there, 03:30 or 04:30 in Berlin. */
  const almatyMorning = (days: number) =>
    DateTime.now()
      .setZone('Asia/Almaty')
      .plus({ days })
      .set({ hour: 8, minute: 30, second: 0, millisecond: 0 });

  it("moves the 24 h reminder to the new zone's evening before and the worker makes its job at once", async () => {
    const program = await createProgram(h.ds, { quietHoursStart: '22:00', quietHoursEnd: '08:00' });
    const start = almatyMorning(7);
    const session = await createSession(h.ds, program.id, {
      startAt: start.toJSDate(),
      timeZone: 'Asia/Almaty',
      reminderOffsetsMinutes: [1440, 60, 10],
    });
    const laterStart = almatyMorning(8);
    const later = await createSession(h.ds, program.id, {
      startAt: laterStart.toJSDate(),
      timeZone: 'Asia/Almaty',
      reminderOffsetsMinutes: [1440, 60, 10],
    });
    const p = await h.signIn({ language: 'en', timeZone: 'Asia/Almaty' });
    const other = await h.signIn({ language: 'ru', timeZone: 'Asia/Almaty' });
    const reg = await register(session.id, p);
    const laterReg = await register(later.id, p);
    const otherReg = await register(session.id, other);

    // In Almaty 08:30 the day before is after the quiet hours: every reminder at its offset.
    const before = await remindersOf(reg);
    expect(before.map((r) => [r.offset_minutes, r.status, r.due_at.getTime()])).toEqual(
      [1440, 60, 10].map((m) => [m, 'planned', start.toMillis() - m * 60_000]),
    );
    await waitFor('the jobs of the registration', async () =>
      (await Promise.all(before.map(jobState))).every((s) => s === 'delayed'),
    );

    // The later session's 24 h reminder went out already (as the delivery service leaves a sent row).
    // TypeORM answers an UPDATE ... RETURNING with [rows, count].
    const [[sent]] = await h.ds.query(
      `UPDATE notifications SET status = 'sent', sent_at = now(), channel = 'email', attempts = 1
        WHERE registration_id = $1 AND offset_minutes = 1440 RETURNING id`,
      [laterReg],
    );
    const laterBefore = await remindersOf(laterReg);
    const othersBefore = await remindersOf(otherReg);

    const res = await h.http.patch('/me').set(p.auth).send({ timeZone: 'Europe/Berlin' }).expect(200);
    expect(res.body.timeZone).toBe('Europe/Berlin');

    // 24 h before is in the small hours in Berlin: 21:59 Berlin time the evening before that.
    const nominal = start.minus({ hours: 24 }).setZone('Europe/Berlin');
    expect(nominal.hour).toBeLessThan(8);
    const moved = nominal.minus({ days: 1 }).set({ hour: 21, minute: 59 });
    const after = await remindersOf(reg);
    expect(after.map((r) => [r.offset_minutes, r.status, r.last_error, r.due_at.getTime()])).toEqual([
      [1440, 'planned', null, moved.toMillis()],
      [60, 'planned', null, start.toMillis() - 60 * 60_000],
      [10, 'planned', null, start.toMillis() - 10 * 60_000],
    ]);
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect(DateTime.fromJSDate(after[0].due_at, { zone: 'Europe/Berlin' }).toFormat('HH:mm')).toBe('21:59');

    // Sent stays sent, at its instant; the rest of that session's reminders planned as before.
    const laterAfter = await remindersOf(laterReg);
    expect(laterAfter.map((r) => [r.id, r.status, r.due_at.getTime(), r.sent_at?.getTime()])).toEqual(
      laterBefore.map((r) => [r.id, r.status, r.due_at.getTime(), r.sent_at?.getTime()]),
    );
    expect(laterAfter.find((r) => r.id === sent.id)!.status).toBe('sent');
    expect(laterAfter.filter((r) => r.status === 'planned').map((r) => r.due_at.getTime())).toEqual([
      laterStart.toMillis() - 60 * 60_000,
      laterStart.toMillis() - 10 * 60_000,
    ]);
    // Someone else's rows in the same session are not touched at all.
    expect(await remindersOf(otherReg)).toEqual(othersBefore);

    // The zone change's event was relayed: the job for the new instant exists long before any
    // reconciler pass would have made it; the 1 h and 10 min jobs are the same ones as before.
    expect(jobId(after[0])).not.toBe(jobId(before[0]));
    await waitFor('the job for the new instant', async () => (await jobState(after[0])) === 'delayed', 10000);
    expect(await Promise.all(after.slice(1).map(jobState))).toEqual(['delayed', 'delayed']);
    expect(after.slice(1).map(jobId)).toEqual(before.slice(1).map(jobId));

    // Back to Almaty: back to 08:30 the day before.
    await h.http.patch('/me').set(p.auth).send({ timeZone: 'Asia/Almaty' }).expect(200);
    const back = await remindersOf(reg);
    expect(back.map((r) => [r.status, r.due_at.getTime()])).toEqual(
      before.map((r) => [r.status, r.due_at.getTime()]),
    );
  });

  it('re-plans nothing when the zone stays the same or the change is refused', async () => {
    const program = await createProgram(h.ds, { quietHoursStart: '22:00', quietHoursEnd: '08:00' });
    const session = await createSession(h.ds, program.id, {
      startAt: almatyMorning(9).toJSDate(),
      timeZone: 'Asia/Almaty',
      reminderOffsetsMinutes: [1440, 60, 10],
    });
    const p = await h.signIn({ language: 'en', timeZone: 'Europe/Berlin' });
    const reg = await register(session.id, p);
    const rows = await remindersOf(reg);
    expect(rows.map((r) => r.status)).toEqual(['planned', 'planned', 'planned']);

    // A re-plan would show in updated_at even where the instants come out the same.
    await h.http.patch('/me').set(p.auth).send({ timeZone: 'Europe/Berlin' }).expect(200);
    expect(await remindersOf(reg)).toEqual(rows);
    await h.http.patch('/me').set(p.auth).send({ displayName: 'Renamed', language: 'kk' }).expect(200);
    expect(await remindersOf(reg)).toEqual(rows);

    const zone = await h.http.patch('/me').set(p.auth).send({ timeZone: 'Mars/Olympus' }).expect(400);
    expect(zone.body.message).toMatch(/timeZone/);
    const region = await h.http
      .patch('/me')
      .set(p.auth)
      .send({ timeZone: 'Asia/Almaty', homeRegionId: 2_000_000_000 })
      .expect(400);
    expect(region.body.error).toBe('unknown_region');
    expect((await h.http.get('/me').set(p.auth).expect(200)).body.timeZone).toBe('Europe/Berlin');
    expect(await remindersOf(reg)).toEqual(rows);
  });
});
