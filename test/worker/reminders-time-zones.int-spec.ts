/**
 * Due instants and rendered times around Kazakhstan's 2024-03-01 change (Asia/Almaty and
 * Asia/Qostanay: UTC+6 -> UTC+5), planned by the real planner SQL and sent by the real delivery
 * service to a real SMTP server. The sessions lie in 2024, so the clock is given to the planner
 * and to `deliver` (both take `now`) instead of waiting for it.
 */
import { DateTime } from 'luxon';
import { loadConfig, workerSchema } from '@qatys/config';
import { NotificationDeliveryService, planSessionReminders } from '@qatys/domain';
import { WorkerDeliveryChannels } from '../../apps/worker/src/notifications/delivery-channels';
import { EmailChannel } from '../../apps/worker/src/notifications/email.channel';
import { WebhookChannel } from '../../apps/worker/src/notifications/webhook.channel';
import { ApiHarness, startApi, TEST_JWT_SECRET } from '../support/api-harness';
import { createProgram, createSession } from '../support/factories';
import { startSmtpSink, SmtpSink } from './support/smtp-sink';
import { notifications, workerConfig } from './support/worker-harness';

describe('reminders across time zones and the 2024-03-01 change (integration)', () => {
  let h: ApiHarness;
  let smtp: SmtpSink;
  let email: EmailChannel;
  let delivery: NotificationDeliveryService;

  beforeAll(async () => {
    h = await startApi();
    smtp = await startSmtpSink();
    const config = workerConfig(
      { databaseUrl: h.db.url, redisPrefix: h.config.REDIS_PREFIX },
      { SMTP_URL: smtp.url },
    );
    email = new EmailChannel(config);
    delivery = new NotificationDeliveryService(
      h.ds,
      new WorkerDeliveryChannels(email, new WebhookChannel(config)),
      {
        publicBaseUrl: 'http://qatys.test',
        joinTokenSecret: TEST_JWT_SECRET,
        leaseSeconds: 30,
        messageIdDomain: 'qatys.test',
      },
    );
    expect(loadConfig(workerSchema, { NODE_ENV: 'test' }).SMTP_URL).toBe('');
  });
  afterAll(async () => {
    email?.onApplicationShutdown();
    await smtp?.close();
    await h?.close();
  });

  async function attendee(
    sessionId: string,
    language: string,
    timeZone: string,
  ): Promise<{ userId: string; email: string }> {
    const mail =
      `${language}-${timeZone.replace('/', '-')}-${sessionId.slice(0, 8)}@qatys.test`.toLowerCase();
    const [u] = await h.ds.query(
      `INSERT INTO users (email, display_name, password_hash, language, time_zone) VALUES ($1, $2, 'unused', $3, $4) RETURNING id`,
      [mail, `Attendee ${language}`, language, timeZone],
    );
    await h.ds.query(
      `INSERT INTO registrations (user_id, session_id, status) VALUES ($1, $2, 'registered')`,
      [u.id, sessionId],
    );
    return { userId: u.id, email: mail };
  }

  async function plan(sessionId: string, now: string) {
    await h.ds.transaction((em) => planSessionReminders(em, sessionId, { now: new Date(now) }));
    return notifications(h.ds, `session_id = $1 AND kind = 'reminder'`, [sessionId]);
  }

  async function sendAt(row: { id: string; due_at: Date }, to: string) {
    const outcome = await delivery.deliver(
      { notificationId: row.id, dueAt: row.due_at.toISOString(), final: false },
      row.due_at,
    );
    expect(outcome).toEqual({ result: 'sent', channels: ['email'] });
    const mail = smtp.messages.find((m) => m.to.includes(to) && m.headers['x-qatys-kind'] === 'reminder');
    expect(mail).toBeDefined();
    return mail!;
  }

  it('Almaty session at 12:00 on 2024-03-04, 24 h reminder to an attendee in Qostanay', async () => {
    const program = await createProgram(h.ds);
    const session = await createSession(h.ds, program.id, {
      localStart: '2024-03-04T12:00',
      timeZone: 'Asia/Almaty',
      reminderOffsetsMinutes: [1440],
      title: { ru: 'Роль депутата', en: "The deputy's role" },
      joinUrl: 'https://meet.example/role',
    });
    expect(session.startAt.toISOString()).toBe('2024-03-04T07:00:00.000Z');
    const a = await attendee(session.id, 'ru', 'Asia/Qostanay');
    const [row] = await plan(session.id, '2024-03-01T00:00:00Z');
    expect(row.due_at.toISOString()).toBe('2024-03-03T07:00:00.000Z');
    expect(DateTime.fromJSDate(row.due_at, { zone: 'Asia/Qostanay' }).toFormat('yyyy-MM-dd HH:mm ZZ')).toBe(
      '2024-03-03 12:00 +05:00',
    );

    const mail = await sendAt(row, a.email);
    expect(mail.subject).toBe('Напоминание: «Роль депутата» начнётся через 24 часа');
    expect(mail.text).toContain(
      '«Роль депутата» начнётся через 24 часа: понедельник, 4 марта 2024 г. в 12:00 (время: Костанай).',
    );
    // Qostanay and Almaty are both UTC+5 that day: one clock, told once.
    expect(mail.text).not.toContain('По времени сессии');
    // The join token expires an hour after the session's end.
    const token = /\?t=(\S+)/.exec(mail.text)![1];
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: a.userId, ses: session.id, typ: 'join', iss: 'qatys' });
    expect(claims.exp * 1000).toBe(session.endAt.getTime() + 3_600_000);
  });

  it('counts 24 real hours across the change and renders each attendee their own clock', async () => {
    const program = await createProgram(h.ds, { quietHoursStart: null, quietHoursEnd: null });
    const session = await createSession(h.ds, program.id, {
      localStart: '2024-03-01T12:00',
      timeZone: 'Asia/Almaty',
      reminderOffsetsMinutes: [1440, 60],
      title: { kk: 'Саяси шешендік', en: 'Political oratory' },
      joinUrl: 'https://meet.example/oratory',
    });
    expect(session.startAt.toISOString()).toBe('2024-03-01T07:00:00.000Z');
    const kk = await attendee(session.id, 'kk', 'Asia/Almaty');
    const en = await attendee(session.id, 'en', 'Europe/Berlin');
    const rows = await plan(session.id, '2024-02-20T00:00:00Z');
    const due = (userId: string, offset: number) =>
      rows.find((r) => r.user_id === userId && r.offset_minutes === offset)!;
    // 24 h before 12:00 (UTC+5) is 13:00 on the 29th, when Almaty was still UTC+6.
    expect(due(kk.userId, 1440).due_at.toISOString()).toBe('2024-02-29T07:00:00.000Z');
    expect(
      DateTime.fromJSDate(due(kk.userId, 1440).due_at, { zone: 'Asia/Almaty' }).toFormat('HH:mm ZZ'),
    ).toBe('13:00 +06:00');
    expect(due(kk.userId, 60).due_at.toISOString()).toBe('2024-03-01T06:00:00.000Z');
    expect(due(en.userId, 1440).due_at.toISOString()).toBe('2024-02-29T07:00:00.000Z');

    const kkMail = await sendAt(due(kk.userId, 1440), kk.email);
    expect(kkMail.subject).toBe('Еске салу: «Саяси шешендік» 24 сағаттан кейін басталады');
    expect(kkMail.text).toContain('2024 ж. 1 наурыз, жұма, 12:00 (Алматы уақыты)');
    expect(kkMail.text).not.toContain('Сессияның өз уақыты');

    const enMail = await sendAt(due(en.userId, 1440), en.email);
    expect(enMail.subject).toBe('Reminder: "Political oratory" starts in 24 hours');
    expect(enMail.text).toContain('Friday, 1 March 2024 at 08:00 (CET)');
    expect(enMail.text).toContain("In the session's time zone: Friday, 1 March 2024 at 12:00 (Almaty Time).");
    const hourBefore = await delivery.deliver(
      { notificationId: due(en.userId, 60).id, dueAt: due(en.userId, 60).due_at.toISOString(), final: false },
      due(en.userId, 60).due_at,
    );
    expect(hourBefore.result).toBe('sent');
    expect(smtp.messages.filter((m) => m.to.includes(en.email)).map((m) => m.subject)).toEqual([
      'Reminder: "Political oratory" starts in 24 hours',
      'Reminder: "Political oratory" starts in 1 hour',
    ]);
  });

  it("applies quiet hours in each attendee's zone, with the offset of the night in question", async () => {
    const program = await createProgram(h.ds); // 22:00-08:00 by default
    const session = await createSession(h.ds, program.id, {
      localStart: '2024-03-02T07:00',
      timeZone: 'Asia/Almaty',
      reminderOffsetsMinutes: [1440, 60],
      title: { ru: 'Ранний старт' },
    });
    const almaty = await attendee(session.id, 'ru', 'Asia/Almaty');
    const berlin = await attendee(session.id, 'en', 'Europe/Berlin');
    const rows = await plan(session.id, '2024-02-20T00:00:00Z');
    const due = (userId: string, offset: number) =>
      rows.find((r) => r.user_id === userId && r.offset_minutes === offset)!.due_at;
    // 24 h before is 07:00 on 1 March in Almaty: inside the night that began at 22:00 on
    // 29 February, still UTC+6 -> 21:59+06:00 = 15:59Z.
    expect(due(almaty.userId, 1440).toISOString()).toBe('2024-02-29T15:59:00.000Z');
    // For Berlin that instant is 03:00 CET: its night began at 22:00 CET = 21:00Z.
    expect(due(berlin.userId, 1440).toISOString()).toBe('2024-02-29T20:59:00.000Z');
    // The 1 h reminder (06:00 local, also in quiet hours) is short: on time.
    expect(due(almaty.userId, 60).toISOString()).toBe('2024-03-02T01:00:00.000Z');

    const mail = await sendAt(
      rows.find((r) => r.user_id === almaty.userId && r.offset_minutes === 1440)!,
      almaty.email,
    );
    // Sent the evening before the evening before: it says how long is really left.
    expect(mail.subject).toBe('Напоминание: «Ранний старт» начнётся через 34 часа');
  });

  it('ignores a job made for another instant than its row, and never sends at or after the start', async () => {
    const program = await createProgram(h.ds);
    const session = await createSession(h.ds, program.id, {
      localStart: '2024-03-04T12:00',
      reminderOffsetsMinutes: [60],
    });
    await attendee(session.id, 'en', 'Asia/Almaty');
    const [row] = await plan(session.id, '2024-03-01T00:00:00Z');
    // A job left from an earlier plan (the row moved since): nothing happens, the row stays planned.
    expect(
      await delivery.deliver(
        { notificationId: row.id, dueAt: '2024-03-04T05:00:00.000Z', final: false },
        row.due_at,
      ),
    ).toEqual({ result: 'noop', reason: 'stale_job' });
    expect((await notifications(h.ds, 'id = $1', [row.id]))[0].status).toBe('planned');
    // Its moment came only after the start (the worker was down): skipped, not sent late.
    expect(
      await delivery.deliver(
        { notificationId: row.id, dueAt: row.due_at.toISOString(), final: false },
        session.startAt,
      ),
    ).toEqual({ result: 'skipped', reason: 'session_started' });
    expect((await notifications(h.ds, 'id = $1', [row.id]))[0]).toMatchObject({
      status: 'skipped',
      last_error: 'session_started',
    });
  });
});
