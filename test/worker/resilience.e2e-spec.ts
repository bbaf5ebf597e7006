/**
 * What happens to reminders when things break, with the worker as a real child process:
 * SIGKILL in the middle of the SMTP DATA (every reminder still delivered exactly once), Redis
 * keys wiped with reminders planned and two workers running (all delivered, none twice), a worker
 * that was down when reminders fell due (late ones sent if the session has not started, the rest
 * skipped), and SIGTERM during a send (the send finishes, then the process exits).
 */
import type { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { DateTime } from 'luxon';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { testEnv } from '../support/env';
import { createProgram, createSession } from '../support/factories';
import { ReceivedMail, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { waitFor } from '../support/wait';
import { spawnWorker, WorkerProcess } from './support/worker-process';
import { noJobsLeftFor, notifications, notificationsQueue, startWorker } from './support/worker-harness';

jest.setTimeout(150_000);

describe('reminders survive crashes, wiped Redis and restarts (e2e)', () => {
  let h: ApiHarness;
  let smtp: SmtpSink;
  const processes: WorkerProcess[] = [];

  beforeAll(async () => {
    h = await startApi();
    smtp = await startSmtpSink();
  });
  // A test that fails midway must not leave its workers running into the next test's scenario.
  afterEach(async () => {
    const running = processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null);
    for (const p of running) p.child.kill('SIGKILL');
    await Promise.all(running.map((p) => p.exited));
  });
  afterAll(async () => {
    for (const p of processes)
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(processes.map((p) => p.exited));
    await smtp?.close();
    await h?.close();
  });

  const env = () => ({ DATABASE_URL: h.db.url, REDIS_PREFIX: h.config.REDIS_PREFIX, SMTP_URL: smtp.url });
  const spawn = async () => {
    const p = await spawnWorker(env());
    processes.push(p);
    return p;
  };

  /** A session starting 10 minutes + `seconds` from now, with a 10-minute reminder, and `n` people registered. */
  async function dueSoon(
    seconds: number,
    n: number,
    title: string,
  ): Promise<{ sessionId: string; dueAt: number; people: SignedIn[] }> {
    const program = await createProgram(h.ds, { quietHoursStart: null, quietHoursEnd: null });
    const startAt = DateTime.now().plus({ minutes: 10, seconds }).set({ millisecond: 0 }).toJSDate();
    const session = await createSession(h.ds, program.id, {
      startAt,
      reminderOffsetsMinutes: [10],
      title: { en: title },
      joinUrl: 'https://meet.example/r',
    });
    const people: SignedIn[] = [];
    for (let i = 0; i < n; i++) {
      const p = await h.signIn({ language: 'en' });
      await h.http.post(`/sessions/${session.id}/registrations`).set(p.auth).send({}).expect(201);
      people.push(p);
    }
    return { sessionId: session.id, dueAt: startAt.getTime() - 600_000, people };
  }

  const reminderKeys = async (sessionId: string): Promise<string[]> =>
    (await notifications(h.ds, `session_id = $1 AND kind = 'reminder'`, [sessionId])).map(
      (r) => r.dedupe_key,
    );

  const isReminder = (m: ReceivedMail, title: string) =>
    m.headers['x-qatys-kind'] === 'reminder' && m.subject.includes(`"${title}"`);
  const remindersOf = (title: string): ReceivedMail[] => smtp.messages.filter((m) => isReminder(m, title));
  const byKey = (mails: ReceivedMail[]) => {
    const counts: Record<string, number> = {};
    for (const m of mails)
      counts[m.headers['x-qatys-notification']] = (counts[m.headers['x-qatys-notification']] ?? 0) + 1;
    return counts;
  };

  it('delivers every reminder exactly once when a worker is SIGKILLed during the SMTP DATA', async () => {
    const held: (() => void)[] = [];
    let hold = true;
    smtp.beforeAccept = (mail) => {
      if (hold && isReminder(mail, 'Killed mid-send')) return new Promise<void>((r) => held.push(r));
    };
    const a = await spawn();
    const { sessionId, dueAt, people } = await dueSoon(6, 4, 'Killed mid-send');
    // All four reminders are inside DATA at the server, waiting for its 250.
    await waitFor('four reminders held in DATA', () => held.length === 4, 40000);
    a.child.kill('SIGKILL');
    await a.exited;
    hold = false;
    held.forEach((release) => release()); // too late: their connections are gone, so they are dropped
    await waitFor('the dropped messages', () => smtp.dropped >= 4);
    expect(remindersOf('Killed mid-send')).toHaveLength(0);

    const b = await spawn();
    const mails = await waitFor(
      'four reminders delivered by the second worker',
      () => (remindersOf('Killed mid-send').length >= 4 ? remindersOf('Killed mid-send') : null),
      60000,
    );
    // Until no job of theirs is left to run: then nothing else can arrive.
    await noJobsLeftFor(h.config.REDIS_PREFIX, await reminderKeys(sessionId));
    const counts = byKey(remindersOf('Killed mid-send'));
    expect(Object.values(counts)).toEqual([1, 1, 1, 1]);
    expect(mails.every((m) => m.acceptedAt >= dueAt)).toBe(true);
    expect(new Set(mails.flatMap((m) => m.to))).toEqual(new Set(people.map((p) => p.email)));
    const rows = await notifications(h.ds, `session_id = $1 AND kind = 'reminder'`, [sessionId]);
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    const ledger: { attempts: number; status: string }[] = await h.ds.query(
      `SELECT d.attempts, d.status FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.session_id = $1 AND n.kind = 'reminder'`,
      [sessionId],
    );
    // One ledger row each: claimed by the killed worker, taken over once its lease ran out.
    expect(ledger).toEqual([1, 2, 3, 4].map(() => ({ attempts: 2, status: 'sent' })));
    b.child.kill('SIGTERM');
    await b.exited;
    smtp.beforeAccept = undefined;
  });

  it('rebuilds wiped Redis keys from Postgres: two workers, all reminders delivered, none twice', async () => {
    const w1 = await spawn();
    const w2 = await spawn();
    const { sessionId, people } = await dueSoon(10, 3, 'Wiped Redis');
    await waitFor('confirmations sent', async () => {
      const rows = await notifications(h.ds, `session_id = $1 AND kind = 'registration.confirmed'`, [
        sessionId,
      ]);
      return rows.length === 3 && rows.every((r) => r.status === 'sent');
    });
    const redis = new Redis(testEnv.redisUrl, { maxRetriesPerRequest: 2 });
    try {
      const jobKeys = await redis.keys(`${h.config.REDIS_PREFIX}:notifications:reminder-*`);
      expect(jobKeys.length).toBeGreaterThanOrEqual(3);
      // Everything under this suite's prefix: jobs, delayed set, queue meta, reconciler marker.
      let cursor = '0';
      let deleted = 0;
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${h.config.REDIS_PREFIX}:*`, 'COUNT', 1000);
        if (keys.length) deleted += await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      // Every job key seen before is gone (the live workers may re-create some at once: that is the point).
      expect(deleted).toBeGreaterThanOrEqual(jobKeys.length);
    } finally {
      redis.disconnect();
    }
    const mails = await waitFor(
      'three reminders after the wipe',
      () => (remindersOf('Wiped Redis').length >= 3 ? remindersOf('Wiped Redis') : null),
      60000,
    );
    await noJobsLeftFor(h.config.REDIS_PREFIX, await reminderKeys(sessionId));
    expect(Object.values(byKey(remindersOf('Wiped Redis')))).toEqual([1, 1, 1]);
    expect(new Set(mails.flatMap((m) => m.to))).toEqual(new Set(people.map((p) => p.email)));
    // Confirmations, sent before the wipe, were not sent again.
    const confirmations = smtp.messages.filter(
      (m) =>
        m.headers['x-qatys-kind'] === 'registration.confirmed' && people.some((p) => m.to.includes(p.email)),
    );
    expect(confirmations).toHaveLength(3);
    for (const w of [w1, w2]) w.child.kill('SIGTERM');
    await Promise.all([w1.exited, w2.exited]);
  });

  it('after downtime sends the reminders still useful (late) and skips those whose session began', async () => {
    // No worker runs now. A reminder falls due while it is down...
    const { sessionId, dueAt, people } = await dueSoon(3, 1, 'Sent late');
    // ...and one planned before a downtime for a session that has started since.
    const program = await createProgram(h.ds);
    const started = await createSession(h.ds, program.id, {
      startAt: DateTime.now().minus({ minutes: 1 }).toJSDate(),
      durationMinutes: 60,
      title: { en: 'Too late' },
    });
    const [reg] = await h.ds.query(
      `INSERT INTO registrations (user_id, session_id, status) VALUES ($1, $2, 'registered') RETURNING id`,
      [people[0].id, started.id],
    );
    await h.ds.query(
      `INSERT INTO notifications (kind, dedupe_key, user_id, registration_id, session_id, session_version, offset_minutes, due_at)
       VALUES ('reminder', $1, $2, $3, $4, 1, 10, $5)`,
      [
        `reminder-${reg.id}-10-v1`,
        people[0].id,
        reg.id,
        started.id,
        DateTime.now().minus({ minutes: 11 }).toJSDate(),
      ],
    );
    await waitFor('the due instant to pass', () => Date.now() > dueAt + 1500, 20000);

    const worker: INestApplicationContext = await startWorker(
      { databaseUrl: h.db.url, redisPrefix: h.config.REDIS_PREFIX },
      {
        SMTP_URL: smtp.url,
        REMINDER_RECONCILE_INTERVAL_SECONDS: '1',
      },
    );
    try {
      const [late] = await waitFor('the late reminder', () =>
        remindersOf('Sent late').length ? remindersOf('Sent late') : null,
      );
      expect(late.acceptedAt).toBeGreaterThan(dueAt + 1500);
      expect(late.subject).toBe('Reminder: "Sent late" starts in 10 minutes');
      // The row is marked sent right after the server's 250, in its own statement: wait for it.
      const row = await waitFor('the late reminder marked sent', async () => {
        const [r] = await notifications(h.ds, `session_id = $1 AND kind = 'reminder'`, [sessionId]);
        return r.status === 'planned' ? null : r;
      });
      expect(row.status).toBe('sent');
      const skipped = await waitFor('the expired reminder to be skipped', async () => {
        const [r] = await notifications(h.ds, `session_id = $1 AND kind = 'reminder'`, [started.id]);
        return r.status === 'skipped' ? r : null;
      });
      expect(skipped.last_error).toBe('session_started');
      expect(remindersOf('Too late')).toEqual([]);
    } finally {
      await worker.close();
    }
  });

  it('gives a long-overdue planned row a fresh job when its old one sits failed', async () => {
    const program = await createProgram(h.ds);
    const session = await createSession(h.ds, program.id, {
      startAt: DateTime.now().plus({ days: 1 }).toJSDate(),
      title: { en: 'Lost job' },
    });
    const p = await h.signIn({ language: 'en' });
    const [reg] = await h.ds.query(
      `INSERT INTO registrations (user_id, session_id, status) VALUES ($1, $2, 'registered') RETURNING id`,
      [p.id, session.id],
    );
    const key = `notice-lost-${reg.id}`;
    const worker: INestApplicationContext = await startWorker(
      { databaseUrl: h.db.url, redisPrefix: h.config.REDIS_PREFIX },
      { SMTP_URL: smtp.url, REMINDER_RECONCILE_INTERVAL_SECONDS: '1' },
    );
    const queue = notificationsQueue(h.config.REDIS_PREFIX);
    try {
      // A job under the row's id that failed for good (here: a job name nobody handles)...
      const bogus = await queue.add('notice.bogus', {}, { jobId: key });
      await waitFor('the bogus job to fail', async () => (await bogus.getState()) === 'failed');
      // ...and the planned row it should have delivered, three minutes overdue.
      await h.ds.query(
        `INSERT INTO notifications (kind, dedupe_key, user_id, registration_id, session_id, session_version, due_at)
         VALUES ('registration.confirmed', $1, $2, $3, $4, 1, now() - interval '3 minutes')`,
        [key, p.id, reg.id, session.id],
      );
      const mail = await waitFor('the confirmation through a fresh job', () =>
        smtp.messages.find((m) => m.headers['x-qatys-notification'] === key),
      );
      expect(mail.subject).toBe('Registration confirmed: "Lost job"');
      await noJobsLeftFor(h.config.REDIS_PREFIX, [key]);
      expect(smtp.messages.filter((m) => m.headers['x-qatys-notification'] === key)).toHaveLength(1);
    } finally {
      await queue.close();
      await worker.close();
    }
  });

  it('lets a running send finish on SIGTERM, then exits', async () => {
    // The server holds the reminder in DATA until the worker has begun shutting down: a worker
    // that dropped its running send on SIGTERM would lose it.
    let inData = false;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    smtp.beforeAccept = async (mail) => {
      if (isReminder(mail, 'Graceful')) {
        inData = true;
        await released;
      }
    };
    // At info level, so that its "closing workers" line shows when its shutdown begins.
    const w = await spawnWorker({ ...env(), LOG_LEVEL: 'info' });
    processes.push(w);
    const { sessionId } = await dueSoon(6, 1, 'Graceful');
    await waitFor('the reminder in DATA', () => inData, 40000);
    w.child.kill('SIGTERM');
    await waitFor('the worker to begin its shutdown', () => w.output().includes('closing workers'));
    release();
    const exit = await w.exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(remindersOf('Graceful')).toHaveLength(1);
    const [row] = await notifications(h.ds, `session_id = $1 AND kind = 'reminder'`, [sessionId]);
    expect(row.status).toBe('sent');
    smtp.beforeAccept = undefined;
  });
});
