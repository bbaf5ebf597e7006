/**
 * Follow-ups end to end: the real API (registrations, live settings, ending the session), the
 * real worker and a real SMTP server. A session that started 40 minutes ago has four attendees;
 * their presence is written straight into attendance_intervals (as the gateway's writer would).
 * When the organizer ends it, the outbox waits for the session.ended event to settle, then
 * writes one follow-up per registered attendee — "thank you" or "sorry we missed you" — which the
 * worker sends in each person's language and zone, with the recording link.
 */
import { randomUUID } from 'crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { SESSION_ENDED_SETTLE_MS, skipExpired } from '@qatys/domain';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createProgram, createSession } from '../support/factories';
import { startSmtpSink, SmtpSink } from './support/smtp-sink';
import { waitFor } from '../support/wait';
import {
  noJobsLeftFor,
  NotificationRow,
  notifications,
  startWorker,
  settledNotifications,
} from './support/worker-harness';

jest.setTimeout(120_000);

const RECORDING = 'https://video.example/rec/primaries-42';
const LONG: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

describe('follow-ups when a session ends (e2e)', () => {
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

  const kindsTo = (email: string) =>
    smtp.messages
      .filter((m) => m.to.includes(email))
      .map((m) => m.headers['x-qatys-kind'])
      .sort();
  const followUpsTo = (email: string) =>
    smtp.messages.filter(
      (m) => m.to.includes(email) && m.headers['x-qatys-kind'].startsWith('session.followup.'),
    );

  it('thanks those who came and tells the registered no-show we missed them, once, in their language', async () => {
    const organizer = await h.signIn({ roles: ['organizer'] });
    const program = await createProgram(h.ds, {
      title: { kk: 'Жас саясаткер', ru: 'Молодой политик', en: 'Young politician' },
    });
    const startAt = DateTime.utc().minus({ minutes: 40 }).set({ second: 0, millisecond: 0 }).toJSDate();
    const session = await createSession(h.ds, program.id, {
      startAt,
      durationMinutes: 60,
      timeZone: 'Asia/Almaty',
      title: { kk: 'Праймериз қалай өтеді', ru: 'Как проходят праймериз', en: 'How primaries work' },
      joinUrl: 'https://meet.example/primaries',
    });
    const people: Record<'kk' | 'ru' | 'en' | 'gone', SignedIn> = {
      kk: await h.signIn({ language: 'kk', timeZone: 'Asia/Almaty' }),
      ru: await h.signIn({ language: 'ru', timeZone: 'Asia/Qostanay' }),
      en: await h.signIn({ language: 'en', timeZone: 'Europe/Berlin' }),
      gone: await h.signIn({ language: 'ru', timeZone: 'Asia/Almaty' }),
    };
    const regIds: Record<string, string> = {};
    for (const [key, p] of Object.entries(people)) {
      const res = await h.http.post(`/sessions/${session.id}/registrations`).set(p.auth).send({}).expect(201);
      regIds[key] = res.body.id;
    }
    // Their confirmations first, so every mailbox below holds a known set.
    await waitFor('four confirmations', () =>
      Object.values(people).every((p) => kindsTo(p.email).includes('registration.confirmed')),
    );
    await h.http.delete(`/me/registrations/${regIds.gone}`).set(people.gone.auth).expect(200);
    await waitFor('the cancellation notice', () =>
      kindsTo(people.gone.email).includes('registration.cancelled'),
    );

    // Presence, as the gateway's writer stores it: kk is still connected (an open interval), ru
    // dropped in for 20 seconds, en only sat in the lobby before the start; the one who cancelled
    // was there all along but is no longer registered.
    const at = (minutes: number) => new Date(startAt.getTime() + minutes * 60_000);
    const intervals: [keyof typeof people, Date, Date | null][] = [
      ['kk', at(-2), at(15)],
      ['kk', at(16), null],
      ['ru', at(10), new Date(at(10).getTime() + 20_000)],
      ['en', at(-10), at(-1)],
      ['gone', at(0), null],
    ];
    for (const [key, joinedAt, leftAt] of intervals) {
      await h.ds.query(
        `INSERT INTO attendance_intervals (id, session_id, user_id, registration_id, joined_at, left_at, left_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [randomUUID(), session.id, people[key].id, regIds[key], joinedAt, leftAt, leftAt ? 'left' : null],
      );
    }

    await h.http
      .put(`/sessions/${session.id}/live-settings`)
      .set(organizer.auth)
      .send({ recordingUrl: RECORDING })
      .expect(200);
    await h.http
      .post(`/sessions/${session.id}/status`)
      .set(organizer.auth)
      .send({ status: 'live' })
      .expect(200);
    await h.http
      .post(`/sessions/${session.id}/status`)
      .set(organizer.auth)
      .send({ status: 'ended' })
      .expect(200);
    // Ending again is no change: no second event.
    await h.http
      .post(`/sessions/${session.id}/status`)
      .set(organizer.auth)
      .send({ status: 'ended' })
      .expect(200);

    const mails = await waitFor(
      'three follow-ups',
      () => {
        const all = [people.kk, people.ru, people.en].flatMap((p) => followUpsTo(p.email));
        return all.length === 3 ? all : null;
      },
      SESSION_ENDED_SETTLE_MS + 30_000,
    );
    expect(mails.every((m) => m.attachments.length === 0 && !m.text.includes('/join/'))).toBe(true);

    // The event was taken only once it had settled (the gateway's last flushes are in by then).
    const events: { id: string; settled_ms: number }[] = await h.ds.query(
      `SELECT id, (extract(epoch FROM processed_at - occurred_at) * 1000)::float8 AS settled_ms
         FROM domain_events WHERE type = 'session.ended' AND aggregate_id = $1`,
      [session.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0].settled_ms).toBeGreaterThanOrEqual(SESSION_ENDED_SETTLE_MS);

    // Each zone named as people say it in the reader's language (ICU's names), never its IANA id.
    const when = (zone: string, locale: string, name: string) =>
      `${DateTime.fromJSDate(startAt, { zone }).setLocale(locale).toLocaleString(LONG)} (${name})`;

    const [kk] = followUpsTo(people.kk.email);
    expect(kk.headers['x-qatys-kind']).toBe('session.followup.attended');
    expect(kk.subject).toBe('Қатысқаныңызға рақмет: «Праймериз қалай өтеді»');
    expect(kk.text).toContain('«Праймериз қалай өтеді» (Жас саясаткер) сессиясына қатысқаныңызға рақмет!');
    expect(kk.text).toContain(`Сессия басталған уақыт: ${when('Asia/Almaty', 'kk-KZ', 'Алматы уақыты')}.`);
    expect(kk.text).not.toContain('Сессияның өз уақыты бойынша'); // same zone as the session
    expect(kk.text).toContain(`Сессияның жазбасы: ${RECORDING}`);

    const [ru] = followUpsTo(people.ru.email);
    expect(ru.headers['x-qatys-kind']).toBe('session.followup.attended');
    expect(ru.subject).toBe('Спасибо за участие: «Как проходят праймериз»');
    expect(ru.text).toContain(`Начало сессии: ${when('Asia/Qostanay', 'ru-RU', 'время: Костанай')}.`);
    // Qostanay and Almaty read the same clock: the session's time is not told twice.
    expect(ru.text).not.toContain('По времени сессии');
    expect(ru.text).toContain(`Запись сессии: ${RECORDING}`);

    const [en] = followUpsTo(people.en.email);
    expect(en.headers['x-qatys-kind']).toBe('session.followup.missed');
    expect(en.subject).toBe('Sorry we missed you: "How primaries work"');
    expect(en.text).toContain(`It started: ${when('Europe/Berlin', 'en-GB', 'CET')}.`);
    expect(en.text).toContain(`In the session's time zone: ${when('Asia/Almaty', 'en-GB', 'Almaty Time')}.`);
    expect(en.text).toContain(`The recording: ${RECORDING}`);
    expect(en.html).toContain(`<a href="${RECORDING}">`);

    // The rows: one per registered attendee, split as the attendance report says: "thank you" to
    // those present (inside the scheduled time), "we missed you" to the rest (en only sat in the lobby).
    const rows = (await settledNotifications(h.ds, `session_id = $1 AND kind LIKE 'session.followup.%'`, [
      session.id,
    ])) as (NotificationRow & { event_id: string })[];
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    for (const r of rows) {
      expect(r.dedupe_key).toBe(`notice-${events[0].id}-${r.registration_id}`);
      expect(r.event_id).toBe(events[0].id);
    }
    const [{ payloads }] = await h.ds.query(
      `SELECT array_agg(DISTINCT payload->>'recordingUrl') AS payloads FROM notifications WHERE event_id = $1`,
      [events[0].id],
    );
    expect(payloads).toEqual([RECORDING]);
    const report = (await h.http.get(`/sessions/${session.id}/attendance`).set(organizer.auth).expect(200))
      .body as { attendees: { userId: string; joined: boolean; present: boolean }[] };
    const users = (kind: string) =>
      rows
        .filter((r) => r.kind === kind)
        .map((r) => r.user_id)
        .sort();
    const reported = (present: boolean) =>
      report.attendees
        .filter((a) => a.present === present)
        .map((a) => a.userId)
        .sort();
    expect(users('session.followup.attended')).toEqual(reported(true));
    expect(users('session.followup.missed')).toEqual(reported(false));
    expect(report.attendees.find((a) => a.userId === people.en.id)).toMatchObject({
      joined: true,
      present: false,
    });
    expect(report.attendees.map((a) => a.userId)).not.toContain(people.gone.id);
    const split = (kind: string) =>
      rows
        .filter((r) => r.kind === kind)
        .map((r) => r.registration_id)
        .sort();
    expect(split('session.followup.attended')).toEqual([regIds.kk, regIds.ru].sort());
    expect(split('session.followup.missed')).toEqual([regIds.en]);

    // Replaying the event (say a worker died before marking it) writes and sends nothing more.
    await h.ds.query(`UPDATE domain_events SET processed_at = NULL WHERE id = $1`, [events[0].id]);
    await waitFor(
      'the replayed event',
      async () =>
        (await h.ds.query(`SELECT processed_at FROM domain_events WHERE id = $1`, [events[0].id]))[0]
          .processed_at,
    );
    // Its notices are written in the transaction that marks it, so the count is final now; and
    // once no job of theirs is left, so are the mails.
    const replayed = await notifications(h.ds, `event_id = $1`, [events[0].id]);
    expect(replayed).toHaveLength(3);
    await noJobsLeftFor(
      h.config.REDIS_PREFIX,
      replayed.map((r) => r.dedupe_key),
    );

    // Exactly one mail of each kind per person; the one who cancelled got no follow-up.
    expect(kindsTo(people.kk.email)).toEqual(['registration.confirmed', 'session.followup.attended']);
    expect(kindsTo(people.ru.email)).toEqual(['registration.confirmed', 'session.followup.attended']);
    expect(kindsTo(people.en.email)).toEqual(['registration.confirmed', 'session.followup.missed']);
    expect(kindsTo(people.gone.email)).toEqual(['registration.cancelled', 'registration.confirmed']);
  });

  it('lets the reconciler expire a follow-up only a week after the end, and never a decision', async () => {
    // Without a worker: the rows below are looked at by skipExpired alone.
    await worker?.close();
    worker = undefined;
    const program = await createProgram(h.ds);
    const now = new Date();
    const endedAgo = async (minutes: number) =>
      createSession(h.ds, program.id, {
        startAt: new Date(now.getTime() - (minutes + 60) * 60_000),
        durationMinutes: 60,
        status: 'ended',
      });
    const recent = await endedAgo(60);
    const old = await endedAgo(8 * 24 * 60);
    const person = await h.signIn({});
    const registrationOf = new Map<string, string>();
    for (const session of [recent, old]) {
      const [r] = await h.ds.query(
        `INSERT INTO registrations (user_id, session_id, status) VALUES ($1, $2, 'registered') RETURNING id`,
        [person.id, session.id],
      );
      registrationOf.set(session.id, r.id);
    }
    const rows: Record<string, string> = {};
    for (const [key, session, kind] of [
      ['recentFollowUp', recent, 'session.followup.attended'],
      ['recentConfirmation', recent, 'registration.confirmed'],
      ['oldFollowUp', old, 'session.followup.missed'],
    ] as const) {
      const [n] = await h.ds.query(
        `INSERT INTO notifications (kind, dedupe_key, user_id, registration_id, session_id, session_version, due_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id`,
        [
          kind,
          `test-${key}-${randomUUID()}`,
          person.id,
          registrationOf.get(session.id),
          session.id,
          new Date(now.getTime() - 60_000),
        ],
      );
      rows[key] = n.id;
    }
    const [decision] = await h.ds.query(
      `INSERT INTO notifications (kind, dedupe_key, user_id, due_at, payload)
       VALUES ('application.selected', $1, $2, $3, '{}') RETURNING id`,
      [`test-decision-${randomUUID()}`, person.id, new Date(now.getTime() - 30 * 24 * 3600_000)],
    );
    rows.decision = decision.id;

    expect(await skipExpired(h.ds, now)).toBe(2);
    const result: { id: string; status: string; last_error: string | null }[] = await h.ds.query(
      `SELECT id, status, last_error FROM notifications WHERE id = ANY($1::bigint[])`,
      [Object.values(rows)],
    );
    const of = (key: string) => result.find((x) => x.id === rows[key]);
    expect(of('recentFollowUp')).toMatchObject({ status: 'planned', last_error: null });
    expect(of('recentConfirmation')).toMatchObject({ status: 'skipped', last_error: 'session_ended' });
    expect(of('oldFollowUp')).toMatchObject({ status: 'skipped', last_error: 'stale' });
    expect(of('decision')).toMatchObject({ status: 'planned', last_error: null });
  });
});
