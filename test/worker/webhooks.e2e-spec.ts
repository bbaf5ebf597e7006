/**
 * Signed webhooks per organization, retries, and failures that must not hold anything else up:
 * the worker here has an SMTP server that is not there (a closed port), one organization's
 * receiver answers 500, another's endpoint is unreachable — and a healthy receiver still gets
 * its messages on time.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { createServer } from 'net';
import type { AddressInfo } from 'net';
import { DateTime } from 'luxon';
import { verifyWebhookSignature } from '@qatys/domain';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createOrganization, createProgram, createSession } from '../support/factories';
import { waitFor } from '../support/wait';
import { startWebhookReceiver, WebhookReceiver } from './support/webhook-receiver';
import {
  notifications,
  notificationsQueue,
  startWorker,
  settledNotifications,
} from './support/worker-harness';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('webhooks and failing channels (e2e)', () => {
  let h: ApiHarness;
  let worker: INestApplicationContext;
  let healthy: WebhookReceiver;
  let broken: WebhookReceiver;
  const world: Record<
    string,
    { organizer: SignedIn; sessionId: string; secret: string; endpointId: string }
  > = {};
  let people: Record<'healthy' | 'broken' | 'unreachable' | 'email', SignedIn>;
  let dueAt: number;

  beforeAll(async () => {
    h = await startApi();
    healthy = await startWebhookReceiver();
    broken = await startWebhookReceiver();
    broken.status = () => 500;
    const deadPort = await closedPort();
    worker = await startWorker(
      { databaseUrl: h.db.url, redisPrefix: h.config.REDIS_PREFIX },
      {
        SMTP_URL: `smtp://127.0.0.1:${deadPort}`,
        NOTIFY_ATTEMPTS: '3',
        NOTIFY_BACKOFF_MS: '200',
        DELIVERY_TIMEOUT_SECONDS: '3',
      },
    );
    const startAt = DateTime.now().plus({ minutes: 10, seconds: 6 }).set({ millisecond: 0 }).toJSDate();
    dueAt = startAt.getTime() - 600_000;
    const urls = {
      healthy: healthy.url,
      broken: broken.url,
      unreachable: `http://127.0.0.1:${deadPort}/hook`,
    };
    for (const [name, url] of Object.entries(urls)) {
      const orgId = (await createOrganization(h.ds)).id;
      const organizer = await h.signIn({ roles: ['organizer'], organizationId: orgId });
      const hook = await h.http.post('/webhooks').set(organizer.auth).send({ url }).expect(201);
      const program = await createProgram(h.ds, { organizationId: orgId });
      const session = await createSession(h.ds, program.id, {
        startAt,
        reminderOffsetsMinutes: [10],
        title: { en: `Session of ${name}` },
        joinUrl: 'https://meet.example/s',
      });
      world[name] = { organizer, sessionId: session.id, secret: hook.body.secret, endpointId: hook.body.id };
    }
    people = {
      healthy: await h.signIn({ language: 'en' }),
      broken: await h.signIn({ language: 'ru' }),
      unreachable: await h.signIn({ language: 'kk' }),
      email: await h.signIn({ language: 'en' }),
    };
    for (const name of ['healthy', 'broken', 'unreachable'] as const) {
      await h.http
        .put('/me/notification-settings')
        .set(people[name].auth)
        .send({ channel: 'webhook' })
        .expect(200);
      await h.http
        .post(`/sessions/${world[name].sessionId}/registrations`)
        .set(people[name].auth)
        .send({})
        .expect(201);
    }
    // E-mail (through the dead SMTP server) for the same session as the healthy webhook.
    await h.http
      .post(`/sessions/${world.healthy.sessionId}/registrations`)
      .set(people.email.auth)
      .send({})
      .expect(201);
  });

  afterAll(async () => {
    await worker?.close();
    await healthy?.close();
    await broken?.close();
    await h?.close();
  });

  const hooksOf = (r: WebhookReceiver, type: string) =>
    r.requests.filter((x) => JSON.parse(x.body).type === type);

  it('delivers signed, timestamped JSON that verifies with the endpoint secret', async () => {
    const [confirmed] = await waitFor('the confirmation webhook', () => {
      const x = hooksOf(healthy, 'registration.confirmed');
      return x.length ? x : null;
    });
    const body = JSON.parse(confirmed.body);
    expect(body).toMatchObject({
      type: 'registration.confirmed',
      recipient: { userId: people.healthy.id, email: people.healthy.email, language: 'en' },
      session: { id: world.healthy.sessionId, title: 'Session of healthy', version: 1 },
    });
    expect(body.message.subject).toBe('Registration confirmed: "Session of healthy"');
    expect(body.joinUrl).toMatch(/^http:\/\/qatys\.test\/join\/[0-9a-f-]+\?t=/);
    expect(confirmed.headers['content-type']).toMatch(/application\/json/);
    expect(confirmed.headers['x-qatys-delivery']).toBe(`${body.id}.webhook-${world.healthy.endpointId}`);
    const input = {
      timestamp: confirmed.headers['x-qatys-timestamp'] as string,
      signature: confirmed.headers['x-qatys-signature'] as string,
      body: confirmed.body,
    };
    expect(verifyWebhookSignature(world.healthy.secret, input)).toBe(true);
    expect(verifyWebhookSignature(world.broken.secret, input)).toBe(false);
    expect(
      verifyWebhookSignature(world.healthy.secret, {
        ...input,
        body: confirmed.body.replace('healthy', 'h3althy'),
      }),
    ).toBe(false);
  });

  it('gets the reminder to the healthy receiver on time while the others fail', async () => {
    const [reminder] = await waitFor(
      'the reminder webhook',
      () => {
        const x = hooksOf(healthy, 'reminder');
        return x.length ? x : null;
      },
      40000,
    );
    expect(reminder.at).toBeGreaterThanOrEqual(dueAt);
    const body = JSON.parse(reminder.body);
    expect(body).toMatchObject({ type: 'reminder', offsetMinutes: 10 });
    expect(body.message.subject).toBe('Reminder: "Session of healthy" starts in 10 minutes');
    // Exactly once, however the others fared.
    expect(hooksOf(healthy, 'reminder')).toHaveLength(1);
    expect(hooksOf(healthy, 'registration.confirmed')).toHaveLength(1);
  });

  it('retries a receiver answering 500 with backoff, then marks the reminder failed with the reason', async () => {
    await waitFor(
      'the broken reminder to fail',
      async () => {
        const [row] = await notifications(h.ds, `session_id = $1 AND kind = 'reminder'`, [
          world.broken.sessionId,
        ]);
        return row?.status === 'failed';
      },
      40000,
    );
    const attempts = hooksOf(broken, 'reminder');
    expect(attempts).toHaveLength(3);
    const [row] = await notifications(h.ds, `session_id = $1 AND kind = 'reminder'`, [
      world.broken.sessionId,
    ]);
    // Retried by BullMQ with exponential backoff; the failed job is kept for the dashboard.
    const queue = notificationsQueue(h.config.REDIS_PREFIX);
    try {
      const job = await queue.getJob(`${row.dedupe_key}-t${Math.floor(row.due_at.getTime() / 1000)}`);
      expect(job?.opts.backoff).toEqual({ type: 'exponential', delay: 200 });
      expect(job?.attemptsMade).toBe(3);
      expect(await job?.getState()).toBe('failed');
    } finally {
      await queue.close();
    }
    expect(row.attempts).toBe(3);
    expect(row.last_error).toBe(`webhook-${world.broken.endpointId}: HTTP 500 receiver says no`);
    const view = await h.http
      .get(`/sessions/${world.broken.sessionId}/reminders`)
      .set(world.broken.organizer.auth)
      .expect(200);
    expect(view.body.counts).toMatchObject({ failed: 1, total: 1 });
    expect(view.body.attendees.items[0].reminders[0]).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: `webhook-${world.broken.endpointId}: HTTP 500 receiver says no`,
    });
  });

  it('fails an unreachable webhook and an unreachable SMTP server on their own', async () => {
    const failed = async (sessionId: string, userId: string) => {
      const [row] = await notifications(h.ds, `session_id = $1 AND kind = 'reminder' AND user_id = $2`, [
        sessionId,
        userId,
      ]);
      return row?.status === 'failed' ? row : null;
    };
    const hook = await waitFor(
      'the unreachable webhook to fail',
      () => failed(world.unreachable.sessionId, people.unreachable.id),
      40000,
    );
    expect(hook.last_error).toMatch(/ECONNREFUSED/);
    const mail = await waitFor(
      'the e-mail to fail',
      () => failed(world.healthy.sessionId, people.email.id),
      40000,
    );
    expect(mail.last_error).toMatch(/^email: .*ECONNREFUSED/);
    expect(mail.attempts).toBe(3);
    // Meanwhile the healthy webhook attendee of the very same session got everything.
    const [ok] = await settledNotifications(h.ds, `session_id = $1 AND kind = 'reminder' AND user_id = $2`, [
      world.healthy.sessionId,
      people.healthy.id,
    ]);
    expect(ok).toMatchObject({ status: 'sent', attempts: 1, channel: `webhook-${world.healthy.endpointId}` });
  });
});
