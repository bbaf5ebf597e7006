/**
 * Reminders end to end: the real API plans them, the real worker (same Redis prefix, same
 * database) sends them to a real SMTP server started here. Sessions start a little over 10
 * minutes from now with a 10-minute offset, so the reminder is due in a few seconds: the clock
 * is the real one and nothing about the offsets is test-only.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { Queue } from 'bullmq';
import { verifyJoinToken } from '@qatys/domain';
import { ApiHarness, SignedIn, startApi, TEST_JWT_SECRET } from '../support/api-harness';
import { createProgram, createSession } from '../support/factories';
import { startSmtpSink, SmtpSink } from './support/smtp-sink';
import { waitFor } from '../support/wait';
import {
  notifications,
  notificationsQueue,
  startWorker,
  settledNotifications,
} from './support/worker-harness';

describe('reminders and notices by e-mail (e2e)', () => {
  let h: ApiHarness;
  let smtp: SmtpSink;
  let worker: INestApplicationContext;
  let queue: Queue;

  beforeAll(async () => {
    h = await startApi();
    smtp = await startSmtpSink();
    worker = await startWorker(
      { databaseUrl: h.db.url, redisPrefix: h.config.REDIS_PREFIX },
      { SMTP_URL: smtp.url },
    );
    queue = notificationsQueue(h.config.REDIS_PREFIX);
  });

  afterAll(async () => {
    await queue?.close();
    await worker?.close();
    await smtp?.close();
    await h?.close();
  });

  const mailsTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email));
  const mailOf = (email: string, kind: string) => {
    const found = mailsTo(email).filter((m) => m.headers['x-qatys-kind'] === kind);
    return found.length ? found : null;
  };

  it('sends each attendee a reminder at its instant, in their language and zone, once', async () => {
    const program = await createProgram(h.ds, { quietHoursStart: null, quietHoursEnd: null });
    const startAt = DateTime.now().plus({ minutes: 10, seconds: 8 }).set({ millisecond: 0 }).toJSDate();
    const session = await createSession(h.ds, program.id, {
      startAt,
      timeZone: 'Asia/Almaty',
      reminderOffsetsMinutes: [10],
      title: { kk: 'Праймериз қалай өтеді', ru: 'Как проходят праймериз', en: 'How primaries work' },
      joinUrl: 'https://meet.example/primaries',
    });
    const people: Record<'kk' | 'ru' | 'en', SignedIn> = {
      kk: await h.signIn({ language: 'kk', timeZone: 'Asia/Almaty' }),
      // A long Cyrillic name: more than one encoded-word in the To header.
      ru: await h.signIn({
        language: 'ru',
        timeZone: 'Asia/Qostanay',
        displayName: 'Тексерова Айгерім Сәкенқызы Жаттықтырушыбекова',
      }),
      en: await h.signIn({ language: 'en', timeZone: 'Europe/Berlin' }),
    };
    const regIds: Record<string, string> = {};
    for (const [lang, p] of Object.entries(people)) {
      const res = await h.http.post(`/sessions/${session.id}/registrations`).set(p.auth).send({}).expect(201);
      regIds[lang] = res.body.id;
    }
    // Planned from the registrations' events (the worker's outbox): one row each, due 10 min before.
    await h.outboxHandled();
    const planned = await notifications(h.ds, `session_id = $1 AND kind = 'reminder'`, [session.id]);
    expect(planned).toHaveLength(3);
    const dueAt = startAt.getTime() - 10 * 60_000;
    for (const row of planned) {
      expect(row.due_at.getTime()).toBe(dueAt);
      expect(row.dedupe_key).toBe(`reminder-${row.registration_id}-10-v1`);
    }

    const reminders = await waitFor(
      'three reminders',
      () => {
        const all = Object.values(people).flatMap((p) => mailOf(p.email, 'reminder') ?? []);
        return all.length === 3 ? all : null;
      },
      40000,
    );
    for (const m of reminders) expect(m.acceptedAt).toBeGreaterThanOrEqual(dueAt);

    const [kk] = mailOf(people.kk.email, 'reminder')!;
    expect(kk.subject).toBe('Еске салу: «Праймериз қалай өтеді» 10 минуттан кейін басталады');
    // The zone named in Kazakh, as people say it; never its IANA id.
    expect(kk.text).toContain(
      `${DateTime.fromJSDate(startAt, { zone: 'Asia/Almaty' }).setLocale('kk-KZ').toFormat('HH:mm')} (Алматы уақыты)`,
    );
    // Same zone as the session: no second time.
    expect(kk.text).not.toContain('Сессияның өз уақыты бойынша');

    const [ru] = mailOf(people.ru.email, 'reminder')!;
    expect(ru.subject).toBe('Напоминание: «Как проходят праймериз» начнётся через 10 минут');
    expect(ru.text).toContain(
      `${DateTime.fromJSDate(startAt, { zone: 'Asia/Qostanay' }).toFormat('HH:mm')} (время: Костанай)`,
    );
    // Qostanay's clock reads as Almaty's: the same time is not told twice under another name.
    expect(ru.text).not.toContain('По времени сессии');
    for (const m of [kk, ru]) expect(m.text).not.toMatch(/Asia\//);
    // Encoded header words end where words end (some clients show a cut word as two).
    for (const field of [/^To: ((?:.*\r?\n[ \t])*.*)$/m, /^Subject: ((?:.*\r?\n[ \t])*.*)$/m]) {
      const words = [...field.exec(ru.raw)![1].matchAll(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi)].map((w) =>
        w[1].toUpperCase() === 'B'
          ? Buffer.from(w[2], 'base64').toString('utf8')
          : decodeURIComponent(w[2].replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')),
      );
      expect(words.length).toBeGreaterThan(1);
      for (const w of words.slice(0, -1)) expect(w).toMatch(/\s$/);
    }
    expect(ru.headers.to).toBe(`Тексерова Айгерім Сәкенқызы Жаттықтырушыбекова <${people.ru.email}>`);

    const [en] = mailOf(people.en.email, 'reminder')!;
    expect(en.subject).toBe('Reminder: "How primaries work" starts in 10 minutes');
    const berlin = DateTime.fromJSDate(startAt, { zone: 'Europe/Berlin' }).toFormat('HH:mm');
    expect(en.text).toContain(`at ${berlin} (CET)`);
    expect(en.text).toContain("In the session's time zone:");
    expect(en.text).toContain('(Almaty Time)');
    expect(en.html).toContain('<a href="http://qatys.test/join/');

    // The personal join link: a join token bound to this registration, valid until an hour after the end.
    for (const [lang, p] of Object.entries(people)) {
      const [mail] = mailOf(p.email, 'reminder')!;
      const link = /http:\/\/qatys\.test\/join\/([0-9a-f-]+)\?t=(\S+)/.exec(mail.text)!;
      expect(link[1]).toBe(regIds[lang]);
      expect(verifyJoinToken(TEST_JWT_SECRET, link[2])).toEqual({
        sub: p.id,
        reg: regIds[lang],
        ses: session.id,
        typ: 'join',
      });
    }

    const rows = await settledNotifications(h.ds, `session_id = $1 AND kind = 'reminder'`, [session.id]);
    expect(rows.map((r) => [r.status, r.attempts, r.channel])).toEqual([
      ['sent', 1, 'email'],
      ['sent', 1, 'email'],
      ['sent', 1, 'email'],
    ]);
    const [{ n }] = await h.ds.query(
      `SELECT count(*)::int AS n FROM notification_deliveries d JOIN notifications x ON x.id = d.notification_id
        WHERE x.session_id = $1 AND x.kind = 'reminder' AND d.status = 'sent'`,
      [session.id],
    );
    expect(n).toBe(3);
  });

  it('confirms a registration with the session attached as an .ics file', async () => {
    const program = await createProgram(h.ds);
    const session = await createSession(h.ds, program.id, {
      localStart: DateTime.now().setZone('Asia/Almaty').plus({ days: 3 }).toFormat("yyyy-MM-dd'T'10:00"),
      title: { ru: 'Имидж депутата', en: "The deputy's image" },
      joinUrl: 'https://meet.example/image',
    });
    const p = await h.signIn({ language: 'ru', timeZone: 'Asia/Almaty' });
    await h.http.post(`/sessions/${session.id}/registrations`).set(p.auth).send({}).expect(201);
    const [mail] = await waitFor('the confirmation', () => mailOf(p.email, 'registration.confirmed'));
    expect(mail.subject).toBe('Регистрация подтверждена: «Имидж депутата»');
    expect(mail.text).toContain('Файл для календаря — во вложении.');
    const ics = mail.attachments.find((a) => a.filename.endsWith('.ics'))!;
    expect(ics.contentType).toBe('text/calendar');
    expect(ics.content).toContain('BEGIN:VCALENDAR');
    expect(ics.content).toContain(`UID:session-${session.id}@qatys`);
    expect(ics.content).toContain('SUMMARY:Имидж депутата');
    // Reminders of a session three days ahead: planned, waiting in Redis as delayed jobs.
    const rows = (await notifications(h.ds, `session_id = $1 AND kind = 'reminder'`, [session.id])).sort(
      (a, b) => b.offset_minutes! - a.offset_minutes!,
    );
    expect(rows.map((r) => [r.offset_minutes, r.status])).toEqual([
      [1440, 'planned'],
      [60, 'planned'],
      [10, 'planned'],
    ]);
    await waitFor('delayed jobs', async () => {
      const states = await Promise.all(
        rows.map((r) => queue.getJobState(`${r.dedupe_key}-t${Math.floor(r.due_at.getTime() / 1000)}`)),
      );
      return states.every((s) => s === 'delayed');
    });
  });

  it('tells the waitlisted they wait, the promoted they are in, and the one who left that they left', async () => {
    const program = await createProgram(h.ds);
    const session = await createSession(h.ds, program.id, {
      localStart: DateTime.now().setZone('Asia/Almaty').plus({ days: 2 }).toFormat("yyyy-MM-dd'T'15:00"),
      capacity: 1,
      title: { en: 'Project management', ru: 'Управление проектами', kk: 'Жобаларды басқару' },
      joinUrl: 'https://meet.example/pm',
    });
    const first = await h.signIn({ language: 'en', timeZone: 'Asia/Almaty' });
    const second = await h.signIn({ language: 'kk', timeZone: 'Asia/Almaty' });
    const a = (
      await h.http.post(`/sessions/${session.id}/registrations`).set(first.auth).send({}).expect(201)
    ).body;
    await h.http.post(`/sessions/${session.id}/registrations`).set(second.auth).send({}).expect(201);
    const [waiting] = await waitFor('the waitlist notice', () =>
      mailOf(second.email, 'registration.waitlisted'),
    );
    expect(waiting.subject).toBe('Сіз күту тізіміндесіз: «Жобаларды басқару»');
    expect(waiting.text).not.toContain('/join/');

    await h.http.delete(`/me/registrations/${a.id}`).set(first.auth).expect(200);
    const [left] = await waitFor('the cancellation notice', () =>
      mailOf(first.email, 'registration.cancelled'),
    );
    expect(left.subject).toBe('Registration cancelled: "Project management"');
    const [promoted] = await waitFor('the promotion notice', () =>
      mailOf(second.email, 'registration.promoted'),
    );
    expect(promoted.subject).toBe('Орын босады: «Жобаларды басқару»');
    expect(promoted.text).toContain('Қосылуға арналған жеке сілтемеңіз: http://qatys.test/join/');
    expect(promoted.attachments.map((x) => x.contentType)).toEqual(['text/calendar']);
    // Exactly one of each, however many times the outbox and the relay ran.
    expect(
      mailsTo(first.email)
        .map((m) => m.headers['x-qatys-kind'])
        .sort(),
    ).toEqual(['registration.cancelled', 'registration.confirmed']);
  });

  it('announces a reschedule with the old and the new time, and a cancellation with its reason', async () => {
    const organizer = await h.signIn({ roles: ['organizer'] });
    const program = await createProgram(h.ds);
    const localStart = DateTime.now()
      .setZone('Asia/Almaty')
      .plus({ days: 4 })
      .set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    const session = await createSession(h.ds, program.id, {
      localStart: localStart.toFormat("yyyy-MM-dd'T'HH:mm"),
      title: { ru: 'Лидерство', en: 'Leadership' },
      joinUrl: 'https://meet.example/lead',
    });
    const ru = await h.signIn({ language: 'ru', timeZone: 'Asia/Qostanay' });
    const en = await h.signIn({ language: 'en', timeZone: 'Europe/Berlin' });
    for (const p of [ru, en])
      await h.http.post(`/sessions/${session.id}/registrations`).set(p.auth).send({}).expect(201);
    const moved = localStart.plus({ days: 1, hours: 4 });
    await h.http
      .patch(`/sessions/${session.id}`)
      .set(organizer.auth)
      .send({ start: moved.toFormat("yyyy-MM-dd'T'HH:mm") })
      .expect(200);

    const [ruMail] = await waitFor('the Russian reschedule notice', () =>
      mailOf(ru.email, 'session.rescheduled'),
    );
    const ruFmt = (d: DateTime) =>
      d.setZone('Asia/Qostanay').setLocale('ru-RU').toLocaleString({
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    expect(ruMail.subject).toBe('Новое время: «Лидерство»');
    expect(ruMail.text).toContain(`Было: ${ruFmt(localStart)} (время: Костанай).`);
    expect(ruMail.text).toContain(`Стало: ${ruFmt(moved)} (время: Костанай).`);
    const ics = ruMail.attachments[0].content;
    expect(ics).toContain('SEQUENCE:1');
    expect(ics).toContain(`DTSTART:${moved.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`);
    const [enMail] = await waitFor('the English reschedule notice', () =>
      mailOf(en.email, 'session.rescheduled'),
    );
    expect(enMail.text).toContain(
      `Was: ${localStart.setZone('Europe/Berlin').setLocale('en-GB').toFormat('cccc, d LLLL yyyy')}`,
    );
    expect(enMail.text).toContain(
      `Now: ${moved.setZone('Europe/Berlin').setLocale('en-GB').toFormat('cccc, d LLLL yyyy')}`,
    );

    // Reminders follow the new version.
    const rows = await notifications(h.ds, `session_id = $1 AND kind = 'reminder'`, [session.id]);
    expect(rows.filter((r) => r.session_version === 1).every((r) => r.status === 'cancelled')).toBe(true);
    expect(rows.filter((r) => r.session_version === 2 && r.status === 'planned')).toHaveLength(6);

    await h.http
      .post(`/sessions/${session.id}/cancel`)
      .set(organizer.auth)
      .send({ reason: 'Спикер заболел' })
      .expect(200);
    const [cancelled] = await waitFor('the cancellation', () => mailOf(ru.email, 'session.cancelled'));
    expect(cancelled.subject).toBe('Сессия отменена: «Лидерство»');
    expect(cancelled.text).toContain('Причина: Спикер заболел');
    expect(cancelled.attachments[0].content).toContain('STATUS:CANCELLED');
    const after = await notifications(h.ds, `session_id = $1 AND kind = 'reminder'`, [session.id]);
    expect(after.every((r) => r.status === 'cancelled')).toBe(true);
    await waitFor('no reminder jobs left', async () => {
      const states = await Promise.all(
        after.map((r) => queue.getJobState(`${r.dedupe_key}-t${Math.floor(r.due_at.getTime() / 1000)}`)),
      );
      return states.every((st) => st === 'unknown');
    });
  });
});
