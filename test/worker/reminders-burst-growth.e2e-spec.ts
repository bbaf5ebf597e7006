/**
 * A burst built up by registrations, one API request at a time, while the worker relays each as
 * it comes (registration -> planned rows -> outbox/NOTIFY -> relay -> jobs). Its reminders must
 * end up released as early as a burst of the same size created at once: the relay counts a
 * burst again whenever it holds a row planned after its last count, and re-queues the burst's
 * jobs when the lead grows. Nothing here depends on how long the registrations take: the relay
 * keeps no time-based cache (the old one kept the first count, 1, for a minute).
 */
import type { INestApplicationContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Queue, QueueEvents } from 'bullmq';
import { DateTime } from 'luxon';
import type { AccessTokenClaims } from '@qatys/contracts';
import { releaseLeadMs } from '@qatys/domain';
import { ApiHarness, startApi } from '../support/api-harness';
import { testEnv } from '../support/env';
import { createProgram, createSession } from '../support/factories';
import { waitFor } from '../support/wait';
import { notifications, notificationsQueue, startWorker } from './support/worker-harness';

const PEOPLE = 1000;
const RATE = 100;
const IN_FLIGHT = 10;

jest.setTimeout(300_000);

describe('a burst that grows registration by registration (e2e)', () => {
  let h: ApiHarness;
  let worker: INestApplicationContext | undefined;
  let queue: Queue;
  let events: QueueEvents | undefined;

  beforeAll(async () => {
    h = await startApi();
    queue = notificationsQueue(h.config.REDIS_PREFIX);
    worker = await startWorker(
      { databaseUrl: h.db.url, redisPrefix: h.config.REDIS_PREFIX },
      { REMINDER_BURST_RATE: String(RATE) },
    );
  });

  afterAll(async () => {
    await events?.close();
    await queue?.close();
    await worker?.close();
    await h?.close();
  });

  it('is released early like a burst of the same size created at once', async () => {
    const program = await createProgram(h.ds, { quietHoursStart: null, quietHoursEnd: null });
    const startAt = DateTime.now().plus({ minutes: 40 }).set({ millisecond: 0 }).toJSDate();
    const session = await createSession(h.ds, program.id, { startAt, reminderOffsetsMinutes: [10] });
    const dueAt = startAt.getTime() - 10 * 60_000;
    // The people, and access tokens as POST /auth/login would issue them.
    const users: { id: string; language: string; time_zone: string }[] = await h.ds.query(
      `INSERT INTO users (email, display_name, password_hash, language, time_zone)
       SELECT 'grow' || g || '-' || $1 || '@qatys.test', 'Attendee ' || g, 'unused',
              (ARRAY['kk','ru','en'])[1 + g % 3], (ARRAY['Asia/Almaty','Asia/Aqtobe','Europe/Berlin'])[1 + g % 3]
         FROM generate_series(1, $2::int) g
       RETURNING id, language, time_zone`,
      [session.id.slice(0, 8), PEOPLE],
    );
    const jwt = h.app.get(JwtService);
    const tokens = await Promise.all(
      users.map((u) =>
        jwt.signAsync({
          sub: u.id,
          roles: ['attendee'],
          tz: u.time_zone,
          lng: u.language,
          typ: 'access',
        } satisfies AccessTokenClaims),
      ),
    );

    // Jobs taken back to be queued again with a larger lead (BurstRelease removes, then adds).
    events = new QueueEvents('notifications', {
      connection: { url: testEnv.redisUrl, maxRetriesPerRequest: null },
      prefix: h.config.REDIS_PREFIX,
    });
    await events.waitUntilReady();
    let requeued = 0;
    events.on('removed', () => requeued++);

    // Registrations through the API, a few at a time; the worker relays them as they are planned.
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < tokens.length) {
          const token = tokens[next++];
          await h.http
            .post(`/sessions/${session.id}/registrations`)
            .set({ Authorization: `Bearer ${token}` })
            .send({})
            .expect(201);
        }
      }),
    );
    // Planned with each registration (or just after it, by the outbox): one reminder each.
    const rows = await waitFor('a reminder planned for every registration', async () => {
      const planned = await notifications(h.ds, `session_id = $1 AND kind = 'reminder'`, [session.id]);
      return planned.length === PEOPLE && planned;
    });
    expect(new Set(rows.map((r) => r.due_at.getTime()))).toEqual(new Set([dueAt]));

    // The end state: every job released as early as policy gives 1,000 reminders at this instant.
    const lead = releaseLeadMs(PEOPLE, RATE, 10);
    expect(lead).toBeGreaterThan(0);
    const releaseAt = new Date(dueAt - lead).toISOString();
    const jobs = await waitFor(
      'every job of the burst at the burst lead',
      async () => {
        const delayed = await queue.getDelayed(0, -1);
        const ours = delayed.filter(
          (j) => (j.data as { dueAt: string }).dueAt === new Date(dueAt).toISOString(),
        );
        return ours.length === PEOPLE &&
          ours.every((j) => (j.data as { sendFrom?: string }).sendFrom === releaseAt)
          ? ours
          : null;
      },
      60_000,
    );
    for (const job of jobs) {
      expect(job.attemptsMade).toBe(0);
      // Delayed to the release instant: not before it, well before the due instant.
      expect(job.timestamp + job.delay).toBeGreaterThanOrEqual(dueAt - lead);
      expect(job.timestamp + job.delay).toBeLessThan(dueAt);
    }
    expect(new Set(jobs.map((j) => j.id)).size).toBe(PEOPLE);
    // The burst did grow under the relay's eyes: members queued with the smaller leads of their
    // time were taken back and queued again.
    expect(requeued).toBeGreaterThan(0);
  });
});
