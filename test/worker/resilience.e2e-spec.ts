/**
 * What happens to reminders when things break, with the worker as a real child process:
 * SIGKILL in the middle of the SMTP DATA (the other worker takes the sends over at once, every
 * reminder delivered exactly once), a worker frozen mid-send (never taken over), Redis
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

  /** Two worker processes that log their claimant id (the liveness lock they hold) at start. */
  async function twoWorkers(
    vars: Record<string, string>,
  ): Promise<{ procs: WorkerProcess[]; ids: string[] }> {
    const procs = await Promise.all([0, 1].map(() => spawnWorker({ ...env(), LOG_LEVEL: 'info', ...vars })));
    processes.push(...procs);
    const ids = await Promise.all(
      procs.map((p) =>
        waitFor('the claimant id in the log', () => /"claimant":"([0-9a-f-]{36})"/.exec(p.output())?.[1]),
      ),
    );
    return { procs, ids };
  }

  const ledgerOf = (
    sessionId: string,
  ): Promise<
    {
      notification_id: string;
      attempts: number;
      status: string;
      claimed_by: string;
      lease_until: Date;
      email: string;
    }[]
  > =>
    h.ds.query(
      `SELECT d.notification_id, d.attempts, d.status, d.claimed_by, d.lease_until, u.email
         FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id JOIN users u ON u.id = n.user_id
        WHERE n.session_id = $1 AND n.kind = 'reminder' ORDER BY d.notification_id`,
      [sessionId],
    );

  it("takes over a SIGKILLed worker's sends at once (its claimant is gone), each reminder exactly once", async () => {
    const held: (() => void)[] = [];
    let hold = true;
    smtp.beforeAccept = (mail) => {
      if (hold && isReminder(mail, 'Killed mid-send')) return new Promise<void>((r) => held.push(r));
    };
    // The claim lease is long (120 s): a claim taken over before it ends was taken over because
    // its claimant died, not because the lease ran out. The test waits far less than that.
    const { procs, ids } = await twoWorkers({ DELIVERY_CLAIM_LEASE_SECONDS: '120' });
    const { sessionId, dueAt, people } = await dueSoon(6, 4, 'Killed mid-send');
    // All four reminders are inside DATA at the server, waiting for its 250.
    await waitFor('four reminders held in DATA', () => held.length === 4, 40000);
    const before = await ledgerOf(sessionId);
    expect(before.map((r) => r.status)).toEqual(['sending', 'sending', 'sending', 'sending']);
    // Kill the process holding the most of them (BullMQ may have given all four to one).
    const claimsOf = (id: string) => before.filter((r) => r.claimed_by === id).length;
    const victim = claimsOf(ids[0]) >= claimsOf(ids[1]) ? 0 : 1;
    const dead = ids[victim];
    const taken = before.filter((r) => r.claimed_by === dead);
    expect(taken.length).toBeGreaterThan(0);
    procs[victim].child.kill('SIGKILL');
    await procs[victim].exited;
    hold = false;
    // The survivor's own sends get their 250; the dead one's connections are gone, so dropped.
    held.forEach((release) => release());
    await waitFor("the dead worker's messages dropped", () => smtp.dropped >= taken.length);

    const mails = await waitFor(
      'four reminders delivered',
      () => (remindersOf('Killed mid-send').length >= 4 ? remindersOf('Killed mid-send') : null),
      60000,
    );
    // Until no job of theirs is left to run: then nothing else can arrive.
    await noJobsLeftFor(h.config.REDIS_PREFIX, await reminderKeys(sessionId));
    expect(Object.values(byKey(remindersOf('Killed mid-send')))).toEqual([1, 1, 1, 1]);
    expect(mails.every((m) => m.acceptedAt >= dueAt)).toBe(true);
    expect(new Set(mails.flatMap((m) => m.to))).toEqual(new Set(people.map((p) => p.email)));
    const rows = await notifications(h.ds, `session_id = $1 AND kind = 'reminder'`, [sessionId]);
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    const after = await ledgerOf(sessionId);
    for (const claim of taken) {
      const now = after.find((r) => r.notification_id === claim.notification_id)!;
      // One ledger row each, claimed by the killed worker, then by the survivor: attempt 2, sent...
      expect(now).toMatchObject({ attempts: 2, status: 'sent', claimed_by: ids[1 - victim] });
      // ...while the dead claim's lease still had most of its 120 s to run.
      const mail = mails.find((m) => m.to.includes(claim.email))!;
      expect(mail.acceptedAt).toBeLessThan(claim.lease_until.getTime());
      process.stdout.write(
        `[resilience] reminder taken over from the killed worker arrived ${mail.acceptedAt - dueAt} ms after its due instant\n`,
      );
    }
    procs[1 - victim].child.kill('SIGTERM');
    await procs[1 - victim].exited;
    smtp.beforeAccept = undefined;
  });

  it('never takes over the send of a worker that lives but is frozen (SIGSTOP): one mail', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let inData = false;
    smtp.beforeAccept = async (mail) => {
      if (isReminder(mail, 'Frozen sender')) {
        inData = true;
        await released;
      }
    };
    // Its SMTP steps may take 20 s: the frozen worker's socket outlives the freeze.
    const { procs, ids } = await twoWorkers({
      DELIVERY_TIMEOUT_SECONDS: '20',
      DELIVERY_CLAIM_LEASE_SECONDS: '120',
    });
    const { sessionId } = await dueSoon(6, 1, 'Frozen sender');
    await waitFor('the reminder held in DATA', () => inData, 40000);
    const [claim] = await ledgerOf(sessionId);
    const frozen = procs[ids.indexOf(claim.claimed_by)];
    const [row] = await notifications(h.ds, `session_id = $1 AND kind = 'reminder'`, [sessionId]);
    const jobId = `${row.dedupe_key}-t${Math.floor(row.due_at.getTime() / 1000)}`;
    const queue = notificationsQueue(h.config.REDIS_PREFIX);
    try {
      // Frozen: no event loop, no BullMQ lock renewal (its job is handed to the other worker), but
      // its connections — and with them its liveness lock — stay.
      frozen.child.kill('SIGSTOP');
      await waitFor(
        'the other worker to have looked at the frozen send twice',
        async () => ((await queue.getJob(jobId))?.attemptsStarted ?? 0) >= 3,
        30000,
      );
      expect(await ledgerOf(sessionId)).toEqual([
        expect.objectContaining({ status: 'sending', attempts: 1 }),
      ]);
      release();
      frozen.child.kill('SIGCONT');
      await waitFor('the reminder delivered', () => remindersOf('Frozen sender').length >= 1);
      await noJobsLeftFor(h.config.REDIS_PREFIX, [row.dedupe_key]);
      expect(remindersOf('Frozen sender')).toHaveLength(1);
      expect(await ledgerOf(sessionId)).toEqual([
        expect.objectContaining({ status: 'sent', attempts: 1, claimed_by: claim.claimed_by }),
      ]);
    } finally {
      frozen.child.kill('SIGCONT');
      await queue.close();
      smtp.beforeAccept = undefined;
    }
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => p.exited));
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
