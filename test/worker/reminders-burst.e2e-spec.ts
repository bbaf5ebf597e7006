/**
 * A burst: hundreds of reminders on the same instant. The real worker (REMINDER_BURST_RATE=100/s)
 * releases them early by the time it needs to send them (400 / 100 = 4 s, rounded up to a step:
 * 4.8 s, within a tenth of the 10-minute offset), so the last ones are not late — and still each
 * is sent exactly once, never before its release instant.
 */
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { planSessionReminders, releaseLeadMs } from '@qatys/domain';
import { ApiHarness, startApi } from '../support/api-harness';
import { createProgram, createSession } from '../support/factories';
import { startSmtpSink, SmtpSink } from './support/smtp-sink';
import { waitFor } from '../support/wait';
import { notifications, notificationsQueue, startWorker } from './support/worker-harness';

const BURST = 400;
const RATE = 100;
/** 400 / 100 = 4 s of sending, rounded up to the lead ladder's step (release.policy). */
const LEAD_MS = releaseLeadMs(BURST, RATE, 10);

describe('a burst of reminders due at one instant (e2e)', () => {
  let h: ApiHarness;
  let smtp: SmtpSink;
  let worker: INestApplicationContext | undefined;
  let queue: Queue;

  beforeAll(async () => {
    h = await startApi();
    smtp = await startSmtpSink();
    queue = notificationsQueue(h.config.REDIS_PREFIX);
  });

  afterAll(async () => {
    await queue?.close();
    await worker?.close();
    await smtp?.close();
    await h?.close();
  });

  it('is released early enough to end near its due instant, each reminder once', async () => {
    const program = await createProgram(h.ds, { quietHoursStart: null, quietHoursEnd: null });
    const startAt = DateTime.now().plus({ minutes: 10, seconds: 14 }).set({ millisecond: 0 }).toJSDate();
    const session = await createSession(h.ds, program.id, { startAt, reminderOffsetsMinutes: [10] });
    await h.ds.query(
      `WITH u AS (
         INSERT INTO users (email, display_name, password_hash, language, time_zone)
         SELECT 'burst' || g || '-' || $2 || '@qatys.test', 'Burst ' || g, 'unused',
                (ARRAY['kk','ru','en'])[1 + g % 3], (ARRAY['Asia/Almaty','Asia/Qostanay','Europe/Berlin'])[1 + g % 3]
           FROM generate_series(1, $3::int) g
         RETURNING id)
       INSERT INTO registrations (user_id, session_id, status) SELECT id, $1, 'registered' FROM u`,
      [session.id, session.id.slice(0, 8), BURST],
    );
    await h.ds.transaction((em) => planSessionReminders(em, session.id));
    const dueAt = startAt.getTime() - 10 * 60_000;
    const rows = await notifications(h.ds, `session_id = $1`, [session.id]);
    expect(rows).toHaveLength(BURST);
    expect(new Set(rows.map((r) => r.due_at.getTime()))).toEqual(new Set([dueAt]));

    // The worker's first reconciler pass makes the jobs, delayed to the release instant: not before
    // it (the relay's own clock runs a moment behind BullMQ's stamp), and well before the due instant.
    worker = await startWorker(
      { databaseUrl: h.db.url, redisPrefix: h.config.REDIS_PREFIX },
      { SMTP_URL: smtp.url, REMINDER_BURST_RATE: String(RATE) },
    );
    const delayed = await waitFor(
      'the burst queued',
      async () => {
        const jobs = await queue.getDelayed(0, BURST);
        return jobs.length === BURST ? jobs : null;
      },
      20000,
    );
    const releaseAt = new Date(dueAt - LEAD_MS).toISOString();
    for (const job of delayed) {
      expect(job.data).toEqual(
        expect.objectContaining({ dueAt: new Date(dueAt).toISOString(), sendFrom: releaseAt }),
      );
      expect(job.timestamp + job.delay).toBeGreaterThanOrEqual(dueAt - LEAD_MS);
      expect(job.timestamp + job.delay).toBeLessThan(dueAt);
    }

    const mails = await waitFor(
      'every reminder of the burst',
      () => {
        const got = smtp.messages.filter((m) => m.headers['x-qatys-kind'] === 'reminder');
        return got.length >= BURST ? got : null;
      },
      60000,
    );
    // Exactly once each.
    expect(new Set(mails.map((m) => m.to[0])).size).toBe(BURST);
    expect(mails).toHaveLength(BURST);
    // Early, but never before the release instant the policy allowed.
    const accepted = mails.map((m) => m.acceptedAt).sort((a, b) => a - b);
    expect(accepted[0]).toBeGreaterThanOrEqual(dueAt - LEAD_MS);
    expect(accepted[0]).toBeLessThan(dueAt);
    await waitFor(
      'all rows marked sent',
      async () =>
        (await notifications(h.ds, `session_id = $1 AND status = 'sent'`, [session.id])).length === BURST ||
        null,
      10000,
    );
  });
});
