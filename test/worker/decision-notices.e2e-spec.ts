/**
 * Selection decisions end to end: a small call through the real API (six applicants in kk, ru
 * and en, two seats, one reviewer), committed; then a real worker with a real SMTP server sends
 * every applicant their decision in their language — and the selected their registration
 * confirmations for the program's sessions. A declined seat promotes the first on the waiting
 * list, who hears that a seat became free.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createProgram, createSession, regionByCode } from '../support/factories';
import { answers, openCall, scoreInOrder } from '../selection/selection-support';
import { startSmtpSink, SmtpSink } from './support/smtp-sink';
import { waitFor } from '../support/wait';
import { NotificationRow, startWorker, settledNotifications } from './support/worker-harness';

jest.setTimeout(120_000);

const LANGS = ['kk', 'ru', 'en', 'kk', 'ru', 'en'] as const;
const CALL = { kk: 'Жас саясаткер мектебі', ru: 'Школа молодого политика', en: 'Young Politician School' };
const PROGRAM = { kk: 'Көшбасшылық', ru: 'Лидерство', en: 'Leadership' };

describe('selection decisions by e-mail (e2e)', () => {
  let h: ApiHarness;
  let smtp: SmtpSink;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    h = await startApi();
    smtp = await startSmtpSink();
  });

  afterAll(async () => {
    await worker?.close();
    await smtp?.close();
    await h?.close();
  });

  const mailsTo = (email: string, prefix = '') =>
    smtp.messages.filter((m) => m.to.includes(email) && m.headers['x-qatys-kind'].startsWith(prefix));
  const decisionsTo = (email: string) => mailsTo(email, 'application.');

  it('sends each applicant their decision in their language, and a freed seat to the next in line', async () => {
    const organizer = await h.signIn({ roles: ['organizer'] });
    const regionId = (await regionByCode(h.ds, 'KZ-55')).id;
    const program = await createProgram(h.ds, { title: PROGRAM });
    const sessions = [];
    for (const days of [20, 21]) {
      const localStart = DateTime.now().setZone('Asia/Almaty').plus({ days }).toFormat("yyyy-MM-dd'T'10:00");
      sessions.push(
        await createSession(h.ds, program.id, {
          localStart,
          title: { kk: `Модуль ${days}`, ru: `Модуль ${days}`, en: `Module ${days}` },
          joinUrl: 'https://meet.example/school',
        }),
      );
    }
    const call = await openCall(h, organizer, program.id, {
      title: CALL,
      capacity: 2,
      minReviews: 1,
      quotas: {},
    });
    const applicants: SignedIn[] = [];
    const appIds: string[] = [];
    for (const [i, language] of LANGS.entries()) {
      const a = await h.signIn({ language, homeRegionId: regionId, timeZone: 'Asia/Almaty' });
      applicants.push(a);
      const res = await h.http
        .post(`/calls/${call.id}/applications`)
        .set(a.auth)
        .send({ birthDate: '2000-05-01', answers: answers(i) })
        .expect(201);
      appIds.push(res.body.id);
    }
    // One reviewer scores the first five (best first); the sixth has no review: rejected.
    await scoreInOrder(h, organizer, call.id, appIds.slice(0, 5));
    const preview = await h.http
      .post(`/calls/${call.id}/selection-runs`)
      .set(organizer.auth)
      .send({})
      .expect(201);
    const commit = await h.http
      .post(`/selection-runs/${preview.body.id}/commit`)
      .set(organizer.auth)
      .expect(200);
    // The two selected are enrolled by the worker, from the commit's event.
    expect(commit.body.enrollment).toMatchObject({ enrolled: 0, pending: 2 });
    const decided = new Map<string, { decision: string; waitlistRank: number | null }>(
      commit.body.run.outcomes.map(
        (o: { applicationId: string; decision: string; waitlistRank: number | null }) => [o.applicationId, o],
      ),
    );
    expect(appIds.map((id) => [decided.get(id)!.decision, decided.get(id)!.waitlistRank])).toEqual([
      ['selected', null],
      ['selected', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
      ['waitlisted', 3],
      ['rejected', null],
    ]);

    // Only now the worker: it drains what the commit recorded.
    worker = await startWorker(
      { databaseUrl: h.db.url, redisPrefix: h.config.REDIS_PREFIX },
      { SMTP_URL: smtp.url },
    );
    await waitFor('six decisions', () => applicants.every((a) => decisionsTo(a.email).length >= 1), 40000);
    await waitFor('the two selected enrolled', async () => {
      const res = await h.http
        .get(`/selection-runs/${preview.body.id}/enrollment`)
        .set(organizer.auth)
        .expect(200);
      return res.body.enrollment.enrolled === 2 && res.body.enrollment.pending === 0;
    });
    const [kk0, ru1, en2, kk3, ru4, en5] = applicants.map((a) => {
      const mails = decisionsTo(a.email);
      expect(mails).toHaveLength(1);
      return mails[0];
    });

    expect(kk0.headers['x-qatys-kind']).toBe('application.selected');
    expect(kk0.subject).toBe('Сіз іріктеуден өттіңіз: «Жас саясаткер мектебі»');
    expect(kk0.text).toContain(
      'Құттықтаймыз! Сіз «Жас саясаткер мектебі» (Көшбасшылық) іріктеуінен өттіңіз.',
    );
    expect(kk0.text).not.toContain('Орын босады');
    expect(ru1.headers['x-qatys-kind']).toBe('application.selected');
    expect(ru1.subject).toBe('Вы прошли отбор: «Школа молодого политика»');
    expect(ru1.text).toContain('Поздравляем! Вы прошли отбор «Школа молодого политика» (Лидерство).');

    expect(en2.headers['x-qatys-kind']).toBe('application.waitlisted');
    expect(en2.subject).toBe('You are on the waiting list: "Young Politician School"');
    expect(en2.text).toContain('Your place on the list: 1.');
    expect(kk3.headers['x-qatys-kind']).toBe('application.waitlisted');
    expect(kk3.subject).toBe('Сіз күту тізіміндесіз: «Жас саясаткер мектебі»');
    expect(kk3.text).toContain('Тізімдегі орныңыз: 2.');
    expect(ru4.headers['x-qatys-kind']).toBe('application.waitlisted');
    expect(ru4.subject).toBe('Вы в листе ожидания: «Школа молодого политика»');
    expect(ru4.text).toContain('Ваше место в списке: 3.');

    expect(en5.headers['x-qatys-kind']).toBe('application.rejected');
    expect(en5.subject).toBe('Decision on your application: "Young Politician School"');
    expect(en5.text).toContain('Unfortunately, you have not been selected this time.');
    for (const m of [kk0, ru1, en2, kk3, ru4, en5]) {
      expect(m.attachments).toEqual([]);
      expect(m.text).not.toContain('/join/');
    }

    // The rows: about the application, with neither registration nor session.
    const events: { id: string; aggregate_id: string }[] = await h.ds.query(
      `SELECT id, aggregate_id FROM domain_events WHERE type = 'application.decided' AND payload->>'callId' = $1`,
      [call.id],
    );
    const rows = (await settledNotifications(h.ds, `kind LIKE 'application.%' AND payload->>'callId' = $1`, [
      call.id,
    ])) as (NotificationRow & { event_id: string })[];
    expect(rows).toHaveLength(6);
    for (const r of rows) {
      const event = events.find((e) => e.id === r.event_id)!;
      expect(r).toMatchObject({
        dedupe_key: `notice-${event.id}`,
        user_id: applicants[appIds.indexOf(event.aggregate_id)].id,
        registration_id: null,
        session_id: null,
        status: 'sent',
      });
    }

    // The selected are registered for both sessions of the program, and told so.
    for (const a of [applicants[0], applicants[1]]) {
      const confirmations = await waitFor('two confirmations', () => {
        const m = mailsTo(a.email, 'registration.confirmed');
        return m.length === 2 ? m : null;
      });
      expect(confirmations.every((m) => m.attachments.some((x) => x.contentType === 'text/calendar'))).toBe(
        true,
      );
    }
    expect(mailsTo(applicants[2].email, 'registration.')).toEqual([]);

    // The first selected declines: the first on the waiting list gets the seat, and a mail saying so.
    const declined = await h.http
      .post(`/applications/${appIds[0]}/decline`)
      .set(applicants[0].auth)
      .send({ reason: 'Cannot travel' })
      .expect(201);
    expect(declined.body.promotedApplicationIds).toEqual([appIds[2]]);
    const promoted = await waitFor('the promotion', () =>
      decisionsTo(applicants[2].email).find((m) => m.headers['x-qatys-kind'] === 'application.selected'),
    );
    expect(promoted.subject).toBe('You have been selected: "Young Politician School"');
    expect(promoted.text).toContain('A seat has become free, and it is now yours.');
    expect(promoted.text).toContain(
      'Congratulations! You have been selected for "Young Politician School" (Leadership).',
    );
    const [row] = await settledNotifications(
      h.ds,
      `kind = 'application.selected' AND payload->>'applicationId' = $1 AND (payload->>'promoted')::boolean`,
      [appIds[2]],
    );
    expect(row.status).toBe('sent');
    await waitFor(
      'the promoted confirmations',
      () => mailsTo(applicants[2].email, 'registration.confirmed').length === 2,
    );
    await waitFor(
      'the decliner unregistered',
      () => mailsTo(applicants[0].email, 'registration.cancelled').length === 2,
    );
    // One decision each, the promoted two (waiting, then selected); nobody else heard anything new.
    expect(applicants.map((a) => decisionsTo(a.email).map((m) => m.headers['x-qatys-kind']))).toEqual([
      ['application.selected'],
      ['application.selected'],
      ['application.waitlisted', 'application.selected'],
      ['application.waitlisted'],
      ['application.waitlisted'],
      ['application.rejected'],
    ]);
  });
});
