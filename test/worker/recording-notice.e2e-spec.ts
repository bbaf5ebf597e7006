/**
 * "The recording is available": follow-ups go out about ten seconds after a session ends, long
 * before a recording is converted. When the recording's link is set afterwards
 * (`room.recording_ready`), the people still registered whose follow-up went out without it get
 * one notice in their language; those whose follow-up already carried it, and those who
 * cancelled, get none, and a second event changes nothing. Real API, worker and SMTP server.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { domainEvent, recordEvents, SESSION_ENDED_SETTLE_MS } from '@qatys/domain';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createProgram, createSession } from '../support/factories';
import { waitFor } from '../support/wait';
import { startSmtpSink, SmtpSink } from './support/smtp-sink';
import { noJobsLeftFor, settledNotifications, startWorker } from './support/worker-harness';

jest.setTimeout(120_000);

describe('recording notice after the follow-ups (e2e)', () => {
  let h: ApiHarness;
  let smtp: SmtpSink;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    h = await startApi();
    smtp = await startSmtpSink();
    worker = await startWorker(
      { databaseUrl: h.db.url, redisPrefix: h.config.REDIS_PREFIX },
      { SMTP_URL: smtp.url },
    );
  });

  afterAll(async () => {
    await worker?.close();
    await smtp?.close();
    await h?.close();
  });

  const mailsTo = (email: string, kind: string) =>
    smtp.messages.filter((m) => m.to.includes(email) && m.headers['x-qatys-kind'] === kind);
  const recordingReady = (sessionId: string, url: string) =>
    h.ds.transaction((em) =>
      recordEvents(em, [
        domainEvent('room.recording_ready', sessionId, { sessionId, provider: 'builtin', url }),
      ]),
    );

  it('tells those whose follow-up lacked the link, once, in their language; nobody whose follow-up carried it', async () => {
    const organizer = await h.signIn({ roles: ['organizer'] });
    const program = await createProgram(h.ds);
    const startAt = DateTime.utc().minus({ minutes: 30 }).set({ second: 0, millisecond: 0 }).toJSDate();
    const title = { kk: 'Бюджет негіздері', ru: 'Основы бюджета', en: 'Budget basics' };
    const [late, early] = await Promise.all([
      createSession(h.ds, program.id, { startAt, durationMinutes: 60, title }),
      createSession(h.ds, program.id, { startAt, durationMinutes: 60, title }),
    ]);
    const people: Record<'kk' | 'ru' | 'en' | 'gone', SignedIn> = {
      kk: await h.signIn({ language: 'kk', timeZone: 'Asia/Almaty' }),
      ru: await h.signIn({ language: 'ru', timeZone: 'Asia/Almaty' }),
      en: await h.signIn({ language: 'en', timeZone: 'Europe/Berlin' }),
      gone: await h.signIn({ language: 'ru', timeZone: 'Asia/Almaty' }),
    };
    const regs: Record<string, string> = {};
    for (const [key, p] of Object.entries(people)) {
      for (const s of [late, early]) {
        const res = await h.http.post(`/sessions/${s.id}/registrations`).set(p.auth).send({});
        expect(res.status).toBe(201);
        if (s === late) regs[key] = res.body.id;
      }
    }
    // Someone cancels: no follow-up and no recording for them.
    await h.http.delete(`/me/registrations/${regs.gone}`).set(people.gone.auth).expect(200);
    // The early session's link is known before its end: its follow-ups carry it.
    const EARLY_URL = `http://qatys.test/app/s/${early.id}`;
    await h.http
      .put(`/sessions/${early.id}/live-settings`)
      .set(organizer.auth)
      .send({ recordingUrl: EARLY_URL })
      .expect(200);
    for (const s of [late, early]) {
      await h.http.post(`/sessions/${s.id}/status`).set(organizer.auth).send({ status: 'live' }).expect(200);
      await h.http.post(`/sessions/${s.id}/status`).set(organizer.auth).send({ status: 'ended' }).expect(200);
    }
    await waitFor(
      'the follow-ups of both sessions',
      async () => {
        const rows = await settledNotifications(
          h.ds,
          `session_id = ANY($1) AND kind LIKE 'session.followup.%'`,
          [[late.id, early.id]],
        );
        return rows.length === 7 && rows.every((r) => r.status === 'sent');
      },
      SESSION_ENDED_SETTLE_MS + 30_000,
    );

    const LATE_URL = `http://qatys.test/app/s/${late.id}`;
    await recordingReady(late.id, LATE_URL);
    await recordingReady(early.id, EARLY_URL);
    await h.outboxHandled();
    const rows = await settledNotifications(h.ds, `kind = 'session.recording_available'`);
    expect(rows.map((r) => [r.session_id, r.registration_id, r.status]).sort()).toEqual(
      [regs.kk, regs.ru, regs.en].map((r) => [late.id, r, 'sent']).sort(),
    );
    await noJobsLeftFor(
      h.config.REDIS_PREFIX,
      rows.map((r) => r.dedupe_key),
    );

    const [kk] = mailsTo(people.kk.email, 'session.recording_available');
    expect(kk.subject).toBe('Жазба дайын: «Бюджет негіздері»');
    expect(kk.text).toContain(`Сессияның жазбасы: ${LATE_URL}`);
    const [ru] = mailsTo(people.ru.email, 'session.recording_available');
    expect(ru.subject).toBe('Запись готова: «Основы бюджета»');
    expect(ru.text).toContain(`Запись сессии: ${LATE_URL}`);
    const [en] = mailsTo(people.en.email, 'session.recording_available');
    expect(en.subject).toBe('The recording is ready: "Budget basics"');
    expect(en.text).toContain(`The recording: ${LATE_URL}`);
    expect(en.html).toContain(`<a href="${LATE_URL}">`);
    expect(mailsTo(people.gone.email, 'session.recording_available')).toEqual([]);

    // The link went on the session; a second event (a replay, a re-conversion) sends nothing more.
    const [s] = await h.ds.query(`SELECT recording_url FROM session_live_settings WHERE session_id = $1`, [
      late.id,
    ]);
    expect(s.recording_url).toBe(LATE_URL);
    await recordingReady(late.id, LATE_URL);
    await h.outboxHandled();
    const [{ n }] = await h.ds.query(
      `SELECT count(*)::int AS n FROM notifications WHERE kind = 'session.recording_available'`,
    );
    expect(n).toBe(3);
    expect(
      smtp.messages.filter((m) => m.headers['x-qatys-kind'] === 'session.recording_available'),
    ).toHaveLength(3);
  });
  it('tells them too when the organizer sets the link by hand after the end, once per link', async () => {
    const organizer = await h.signIn({ roles: ['organizer'] });
    const program = await createProgram(h.ds);
    const startAt = DateTime.utc().minus({ minutes: 30 }).set({ second: 0, millisecond: 0 }).toJSDate();
    const s = await createSession(h.ds, program.id, {
      startAt,
      durationMinutes: 60,
      title: { ru: 'Запись вручную', en: 'Link by hand' },
    });
    const person = await h.signIn({ language: 'ru', timeZone: 'Asia/Almaty' });
    const reg = await h.http.post(`/sessions/${s.id}/registrations`).set(person.auth).send({}).expect(201);
    await h.http.post(`/sessions/${s.id}/status`).set(organizer.auth).send({ status: 'live' }).expect(200);
    await h.http.post(`/sessions/${s.id}/status`).set(organizer.auth).send({ status: 'ended' }).expect(200);
    await waitFor(
      'the follow-up',
      async () => {
        const rows = await settledNotifications(h.ds, `session_id = $1 AND kind LIKE 'session.followup.%'`, [
          s.id,
        ]);
        return rows.length === 1 && rows[0].status === 'sent';
      },
      SESSION_ENDED_SETTLE_MS + 30_000,
    );

    // The session has ended, and the API still takes the link (the console offers it then).
    const URL = `https://video.example.kz/recordings/${s.id}`;
    const put = await h.http
      .put(`/sessions/${s.id}/live-settings`)
      .set(organizer.auth)
      .send({ recordingUrl: URL })
      .expect(200);
    expect(put.body.recordingUrl).toBe(URL);
    await h.outboxHandled();
    await waitFor('the recording notice by e-mail', () =>
      mailsTo(person.email, 'session.recording_available').find((m) => m.text.includes(URL)),
    );
    const rows = await settledNotifications(
      h.ds,
      `kind = 'session.recording_available' AND session_id = $1`,
      [s.id],
    );
    expect(rows.map((r) => r.registration_id)).toEqual([reg.body.id]);

    // Saving the same link again (the form's other fields) tells nobody twice.
    await h.http
      .put(`/sessions/${s.id}/live-settings`)
      .set(organizer.auth)
      .send({ recordingUrl: URL, joinWindowMinutes: 20 })
      .expect(200);
    await h.outboxHandled();
    const [{ n }] = await h.ds.query(
      `SELECT count(*)::int AS n FROM domain_events WHERE type = 'session.recording_link_set' AND aggregate_id = $1`,
      [s.id],
    );
    expect(n).toBe(1);
    expect(mailsTo(person.email, 'session.recording_available')).toHaveLength(1);
  });
});
