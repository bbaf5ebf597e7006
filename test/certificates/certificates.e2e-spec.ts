/**
 * Certificates through the real API and worker: bulk issue for a program with its progress, the
 * completion rule of the attendance report (N of M modules at the threshold) deciding who gets
 * one, idempotent requests, re-issue with a new number (the old code then says revoked), one mail
 * per certificate, an issue job run twice issuing once, and the verification page's bad input:
 * forged and malformed codes, and a flood answered 429.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DateTime } from 'luxon';
import { CertificateIssuerService } from '@qatys/domain';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createModule, createProgram, createSession } from '../support/factories';
import { waitFor } from '../support/wait';
import { startSmtpSink, SmtpSink } from '../worker/support/smtp-sink';
import { startWorker } from '../worker/support/worker-harness';
import { pdfText } from '../invitations/pdf-tools';

jest.setTimeout(180_000);

describe('certificates (e2e)', () => {
  let h: ApiHarness;
  let smtp: SmtpSink;
  let worker: INestApplicationContext | undefined;
  let organizer: SignedIn;

  beforeAll(async () => {
    h = await startApi({ CERTIFICATE_VERIFY_IP_RATE: '20/1m' });
    smtp = await startSmtpSink();
    worker = await startWorker(
      { databaseUrl: h.db.url, redisPrefix: h.config.REDIS_PREFIX },
      { SMTP_URL: smtp.url },
    );
    organizer = await h.signIn({ roles: ['organizer'] });
  });

  afterAll(async () => {
    await worker?.close();
    await smtp?.close();
    await h?.close();
  });

  const mailsTo = (email: string) =>
    smtp.messages.filter((m) => m.to.includes(email) && m.headers['x-qatys-kind'] === 'certificate.issued');

  /** A program of two modules, one session each, both over; `present[i]` = minutes present per session. */
  async function programWith(people: { person: SignedIn; present: [number, number] }[]) {
    const program = await createProgram(h.ds, {
      title: { kk: 'Жас саясаткер мектебі', ru: 'Школа молодого политика', en: 'Young Politician School' },
    });
    const modules = [await createModule(h.ds, program.id, 1), await createModule(h.ds, program.id, 2)];
    const sessions = [];
    for (let k = 0; k < 2; k++) {
      const startAt = DateTime.utc()
        .minus({ days: 3 - k })
        .set({ minute: 0, second: 0, millisecond: 0 })
        .toJSDate();
      sessions.push(
        await createSession(h.ds, program.id, {
          startAt,
          durationMinutes: 100,
          moduleId: modules[k].id,
          status: 'ended',
        }),
      );
    }
    for (const { person, present } of people) {
      for (let k = 0; k < 2; k++) {
        const s = sessions[k];
        const [reg] = await h.ds.query(
          `INSERT INTO registrations (user_id, session_id, status, source) VALUES ($1, $2, 'registered', 'self') RETURNING id`,
          [person.id, s.id],
        );
        if (present[k] > 0) {
          await h.ds.query(
            `INSERT INTO attendance_intervals (id, session_id, user_id, registration_id, joined_at, left_at, left_reason)
             VALUES ($1, $2, $3, $4, $5, $6, 'left')`,
            [
              randomUUID(),
              s.id,
              person.id,
              reg.id,
              s.startAt,
              new Date(s.startAt.getTime() + present[k] * 60_000),
            ],
          );
        }
      }
    }
    return program;
  }

  async function issued(programId: string) {
    const res = await h.http
      .post(`/programs/${programId}/certificates/issue`)
      .set(organizer.auth)
      .expect(202);
    return waitFor('the batch to be done', async () => {
      const b = await h.http.get(`/certificate-batches/${res.body.id}`).set(organizer.auth).expect(200);
      return b.body.done && b.body;
    });
  }

  it('issues to the completers only, follows its progress, is idempotent, and re-issues with a new number', async () => {
    const ru = await h.signIn({ language: 'ru', displayName: 'Анна Ким', timeZone: 'Asia/Qostanay' });
    const en = await h.signIn({ language: 'en', displayName: 'John Smith', timeZone: 'Europe/Berlin' });
    const short = await h.signIn({ language: 'kk', displayName: 'Ерлан Сапаров' });
    // 75 of 100 minutes completes a module; 74 does not.
    const program = await programWith([
      { person: ru, present: [100, 75] },
      { person: en, present: [80, 90] },
      { person: short, present: [100, 74] },
    ]);
    const attendee = await h.signIn();
    await h.http.post(`/programs/${program.id}/certificates/issue`).set(attendee.auth).expect(403);

    const batch = await issued(program.id);
    expect(batch).toMatchObject({ total: 2, issued: 2, pending: 0, done: true });
    const list = await h.http.get(`/programs/${program.id}/certificates`).set(organizer.auth).expect(200);
    expect(list.body.items.map((c: { holderName: string }) => c.holderName).sort()).toEqual([
      'John Smith',
      'Анна Ким',
    ]);
    await waitFor(
      'two certificate mails',
      () => mailsTo(ru.email).length === 1 && mailsTo(en.email).length === 1,
    );
    expect(mailsTo(ru.email)[0].subject).toBe('Сертификат: «Школа молодого политика»');
    expect(mailsTo(en.email)[0].subject).toBe('Certificate: "Young Politician School"');

    // Asking again makes nothing new.
    expect(await issued(program.id)).toMatchObject({ total: 0, done: true });

    // Re-issue after a change of name: new number and code; the old code says revoked.
    const old = list.body.items.find((c: { holderName: string }) => c.holderName === 'Анна Ким');
    await h.ds.query(`UPDATE users SET display_name = 'Анна Ким-Ли' WHERE id = $1`, [ru.id]);
    const re = await h.http.post(`/certificates/${old.id}/reissue`).set(organizer.auth).send({}).expect(202);
    expect(re.body).toMatchObject({ status: 'pending', holderName: 'Анна Ким-Ли', replacesId: old.id });
    expect(re.body.number).not.toBe(old.number);
    await h.http.post(`/certificates/${old.id}/reissue`).set(organizer.auth).send({}).expect(409);
    await waitFor('the re-issued mail', () => mailsTo(ru.email).length === 2);
    const fresh = await h.http.get('/me/certificates').set(ru.auth).expect(200);
    const now = fresh.body.items.find((c: { id: string }) => c.id === re.body.id);
    expect(now.status).toBe('issued');
    const pdf = await h.ds.query(`SELECT pdf FROM certificate_files WHERE certificate_id = $1`, [re.body.id]);
    const text = pdfText(pdf[0].pdf);
    expect(text).toContain('Анна Ким-Ли');
    expect(text).toContain('Модули');
    expect(
      (await h.http.get(`/certificates/verify/${old.verifyPath.split('/').pop()}`).expect(200)).body.status,
    ).toBe('revoked');
    expect(
      (await h.http.get(`/certificates/verify/${now.verifyPath.split('/').pop()}`).expect(200)).body.status,
    ).toBe('valid');
  });

  it('issues once when the same job runs twice (a worker died after the commit)', async () => {
    const person = await h.signIn({ language: 'ru', displayName: 'Дважды Один' });
    const program = await programWith([{ person, present: [100, 100] }]);
    const [b] = await h.ds.query(
      `INSERT INTO certificate_batches (program_id, reason) VALUES ($1, 'request') RETURNING id`,
      [program.id],
    );
    // A pending certificate made by hand; three runs of its issue at once (and the worker's own
    // job, woken by the relay's timer, may join them): one conditional update wins.
    const [c] = await h.ds.query(
      `INSERT INTO certificates (number, verify_code, program_id, user_id, batch_id, language, holder_name, program_title, minutes, completed_at, time_zone)
       VALUES ('QTS-TEST-000001', 'TESTCODE00000001', $1, $2, $3, 'ru', 'Дважды Один', '{"ru":"Программа"}', 200, now(), 'Asia/Almaty')
       RETURNING id`,
      [program.id, person.id, b.id],
    );
    const issuer = h.app.get(CertificateIssuerService);
    const outcomes = await Promise.all([issuer.issue(c.id), issuer.issue(c.id), issuer.issue(c.id)]);
    expect(outcomes.filter((o) => o === 'issued')).toHaveLength(1);
    const [{ n }] = await h.ds.query(
      `SELECT count(*)::int AS n FROM domain_events WHERE type = 'certificate.issued' AND aggregate_id = $1`,
      [c.id],
    );
    expect(n).toBe(1);
    await waitFor('its one mail', () => mailsTo(person.email).length === 1);
    const [{ rows }] = await h.ds.query(
      `SELECT count(*)::int AS rows FROM notifications WHERE kind = 'certificate.issued' AND user_id = $1`,
      [person.id],
    );
    expect(rows).toBe(1);
  });

  it('verifies only what exists, never errs on bad codes, and refuses a flood with 429', async () => {
    for (const code of ['ZZZZZZZZZZZZZZZZ', 'not-a-code', 'x'.repeat(300), '%00', '../../etc']) {
      const r = await h.http.get(`/certificates/verify/${encodeURIComponent(code)}`).expect(200);
      expect(r.body).toEqual({ status: 'unknown' });
    }
    let limited = 0;
    for (let i = 0; i < 25; i++) {
      const r = await h.http.get('/verify/ZZZZZZZZZZZZZZZZ');
      if (r.status === 429) {
        limited++;
        expect(r.body.error).toBe('too_many_requests');
        expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      } else expect(r.status).toBe(200);
    }
    expect(limited).toBeGreaterThan(0);
  });
});
