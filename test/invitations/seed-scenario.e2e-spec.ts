/**
 * Issue 14's seed scenario, end to end with every real part: the API, the worker (outbox, BullMQ,
 * SMTP through a real SMTP server), a gateway with 124 Socket.IO clients, PostgreSQL and Redis.
 *
 * A list of 150 deputies of Pavlodar region is imported; invitations go out (one address
 * bounces); 140 register through their personal links, one declines; 124 attend through the
 * gateway. The report names the 16 registered but absent and the 10 never registered; absentees
 * get the follow-up; the completers get a PDF certificate whose text (pdftotext) and QR code
 * (pdftoppm + jsQR) are checked independently; /verify/<code> confirms it, and says revoked once
 * it is revoked.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { createHash } from 'crypto';
import { DateTime } from 'luxon';
import type { Socket } from 'socket.io-client';
import { createProgram, createSession } from '../support/factories';
import { SignedIn } from '../support/api-harness';
import { waitFor } from '../support/wait';
import { LiveHarness, okData } from '../gateway/live-harness';
import { startSmtpSink, SmtpSink } from '../worker/support/smtp-sink';
import { startWorker } from '../worker/support/worker-harness';
import { pdfAttachment, pdfQr, pdfText } from './pdf-tools';

jest.setTimeout(600_000);

const PEOPLE = 150;
const REGISTER = 140;
const ATTEND = 124;
const KAZAKH_NAME = 'Әлия Ғабитқызы Құрманова';
const RECORDING = 'https://video.example.kz/rec/pavlodar-1';
const email = (i: number) => `deputy-${i}@pavlodar.test`;
const nameOf = (i: number) => (i === 1 ? KAZAKH_NAME : `Депутат Өңір ${i}`);

describe('150 deputies of Pavlodar: invitations, who did not come, certificates (e2e)', () => {
  let live: LiveHarness;
  let smtp: SmtpSink;
  let worker: INestApplicationContext | undefined;
  let organizer: SignedIn;

  beforeAll(async () => {
    live = await LiveHarness.start();
    smtp = await startSmtpSink();
    worker = await startWorker(
      { databaseUrl: live.api.db.url, redisPrefix: live.api.config.REDIS_PREFIX },
      { SMTP_URL: smtp.url },
    );
    organizer = await live.api.signIn({ roles: ['organizer'] });
  });

  afterAll(async () => {
    live?.disconnectAll();
    await worker?.close();
    await smtp?.close();
    await live?.close();
  });

  const mailsOf = (kind: string) => smtp.messages.filter((m) => m.headers['x-qatys-kind'] === kind);
  const mailTo = (kind: string, i: number) => mailsOf(kind).filter((m) => m.to.includes(email(i)));

  it('runs the whole scenario', async () => {
    const h = live.api;
    const pavlodar = await live.regionId('KZ-55');
    const program = await createProgram(h.ds, {
      title: {
        kk: 'Депутаттардың әлеуметтік желідегі жұмысы',
        ru: 'Работа депутатов в социальных сетях',
        en: "Deputies' work in social media",
      },
    });
    const session = await createSession(h.ds, program.id, {
      startAt: DateTime.utc().plus({ hours: 2 }).toJSDate(),
      endAt: DateTime.utc().plus({ hours: 3 }).toJSDate(),
      targetRegionIds: [pavlodar],
      title: { kk: 'Бірінші күн', ru: 'День первый', en: 'Day one' },
    });

    // 1. The list: 150 named deputies, in Kazakh and Russian.
    const csv =
      'name,email,region_code,language,organization,position\n' +
      Array.from(
        { length: PEOPLE },
        (_, k) =>
          `${nameOf(k + 1)},${email(k + 1)},KZ-55,${k % 2 ? 'ru' : 'kk'},Павлодар облыстық мәслихаты,Депутат`,
      ).join('\n');
    const imported = await h.http
      .post(`/programs/${program.id}/expected-people/import`)
      .set(organizer.auth)
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(imported.body).toMatchObject({ rows: PEOPLE, added: PEOPLE, accountsCreated: PEOPLE });

    // 2. Invitations; the last address bounces (550 at RCPT TO).
    smtp.rejectRecipients.add(email(PEOPLE));
    const sent = await h.http
      .post(`/programs/${program.id}/invitations`)
      .set(organizer.auth)
      .send({})
      .expect(200);
    expect(sent.body).toEqual({ invited: PEOPLE });
    // Sending again invites nobody twice.
    await h.http
      .post(`/programs/${program.id}/invitations`)
      .set(organizer.auth)
      .send({})
      .expect(200, { invited: 0 });
    await waitFor('149 invitation mails', () => mailsOf('invitation.sent').length >= PEOPLE - 1, 60_000);
    const kk = mailTo('invitation.sent', 1)[0];
    expect(kk.subject).toBe('Шақыру: «Депутаттардың әлеуметтік желідегі жұмысы»');
    expect(mailTo('invitation.sent', 2)[0].subject).toBe(
      'Приглашение: «Работа депутатов в социальных сетях»',
    );
    const tokenOf = (i: number) => {
      const m = mailTo('invitation.sent', i)[0];
      return /http:\/\/qatys\.test\/app\/invite\/([\w.-]+)/.exec(m.text)![1];
    };

    // 3. 140 register with one click; one declines with a reason.
    for (let i = 1; i <= REGISTER; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, k) =>
          h.http
            .post(`/invitations/${tokenOf(i + k)}/accept`)
            .expect(200)
            .then((r) => expect(r.body.status).toBe('registered')),
        ),
      );
    }
    const declined = await h.http
      .post(`/invitations/${tokenOf(REGISTER + 1)}/decline`)
      .send({ reason: 'Сессия мәслихата в тот же день' })
      .expect(200);
    expect(declined.body.status).toBe('declined');
    // A forged link is a 404, never a 500.
    await h.http.post(`/invitations/${tokenOf(2).slice(0, -2)}xx/accept`).expect(404);
    const statuses = await waitFor('the bounce to show', async () => {
      const r = await h.http.get(`/programs/${program.id}/expected-people`).set(organizer.auth).expect(200);
      return r.body.counts.bounced === 1 && r.body;
    });
    const expectedCounts = { registered: REGISTER, declined: 1, bounced: 1, invited: PEOPLE - REGISTER - 2 };
    expect(statuses.counts).toEqual(expectedCounts);
    expect(statuses.regions).toEqual([{ regionId: pavlodar, counts: expectedCounts }]);
    // The roster's expected number is the list.
    const roster = await h.http.get(`/programs/${program.id}/roster`).set(organizer.auth).expect(200);
    expect(roster.body.lines).toEqual([
      expect.objectContaining({
        region: expect.objectContaining({ code: 'KZ-55' }),
        expected: PEOPLE,
        registered: REGISTER,
      }),
    ]);

    // 4. The seminar: it starts in a moment and lasts a few seconds; 124 join through the gateway.
    await h.ds.query(
      `UPDATE sessions SET start_at = now() + interval '3 seconds', end_at = now() + interval '9 seconds' WHERE id = $1`,
      [session.id],
    );
    const [{ end_at: endAt }] = await h.ds.query(`SELECT end_at FROM sessions WHERE id = $1`, [session.id]);
    const gateway = await live.startGateway();
    const users: { id: string; email: string }[] = await h.ds.query(
      `SELECT id, email FROM users WHERE email LIKE 'deputy-%@pavlodar.test'`,
    );
    const idOf = new Map(users.map((u) => [u.email, u.id]));
    const sockets: Socket[] = [];
    for (let i = 1; i <= ATTEND; i++) {
      const socket = await live.connect(gateway.url, live.accessToken(idOf.get(email(i))!));
      await okData(socket, 'session:join', { sessionId: session.id });
      sockets.push(socket);
    }
    await waitFor('the seminar to be over', () => Date.now() > endAt.getTime() + 300, 30_000);
    live.disconnectAll();
    await waitFor('every connection closed in the interval log', async () => {
      const [{ open }] = await h.ds.query(
        `SELECT count(*)::int AS open FROM attendance_intervals WHERE session_id = $1 AND left_at IS NULL`,
        [session.id],
      );
      return open === 0;
    });
    await h.http
      .post(`/sessions/${session.id}/status`)
      .set(organizer.auth)
      .send({ status: 'ended' })
      .expect(200);

    // 5. Who did not come: by name, as the attendance report counts (present = attended).
    const attendance = await h.http.get(`/sessions/${session.id}/attendance`).set(organizer.auth).expect(200);
    expect(attendance.body.totals).toMatchObject({ expected: PEOPLE, registered: REGISTER, present: ATTEND });
    const report = await h.http.get(`/sessions/${session.id}/absentees`).set(organizer.auth).expect(200);
    expect(report.body.list).toEqual({ type: 'program', id: program.id });
    expect(report.body.regions).toHaveLength(1);
    const line = report.body.regions[0];
    expect(line).toMatchObject({
      code: 'KZ-55',
      expected: PEOPLE,
      listed: PEOPLE,
      registered: REGISTER,
      present: ATTEND,
    });
    const names = (list: { fullName: string }[]) => list.map((p) => p.fullName).sort();
    const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => nameOf(a + k)).sort();
    expect(names(line.registeredAbsent)).toEqual(range(ATTEND + 1, REGISTER));
    expect(names(line.invitedAbsent)).toEqual(range(REGISTER + 1, PEOPLE));
    expect(
      Object.fromEntries(
        line.invitedAbsent.map((p: { fullName: string; status: string }) => [p.fullName, p.status]),
      ),
    ).toMatchObject({
      [nameOf(REGISTER + 1)]: 'declined',
      [nameOf(PEOPLE)]: 'bounced',
      [nameOf(REGISTER + 2)]: 'invited',
    });
    const csvOut = await h.http
      .get(`/sessions/${session.id}/absentees.csv?kind=registered`)
      .set(organizer.auth)
      .expect(200);
    expect(csvOut.headers['content-type']).toMatch(/^text\/csv/);
    const csvLines = csvOut.text.trimEnd().split('\r\n');
    expect(csvLines[0]).toBe('kind,region,full_name,email,phone,organization,position,status,listed');
    expect(csvLines).toHaveLength(1 + REGISTER - ATTEND);

    // 6. The follow-up: the recording and the module's next session, to the 16 and to the 8 who
    // were invited and neither registered nor declined (the bounced address bounces again).
    await h.http
      .post(`/sessions/${session.id}/absentees/follow-up`)
      .set(organizer.auth)
      .send({ registered: true, invited: true, recordingUrl: RECORDING })
      .expect(202);
    const followUps = await waitFor(
      '24 follow-ups',
      () => mailsOf('absentees.followup').length >= 24 && mailsOf('absentees.followup'),
      60_000,
    );
    expect(followUps.every((m) => m.text.includes(RECORDING))).toBe(true);
    expect(mailTo('absentees.followup', REGISTER + 1)).toHaveLength(0);
    expect(mailTo('absentees.followup', REGISTER + 2)[0].text).toMatch(/\/app\/invite\//);
    expect(mailTo('absentees.followup', ATTEND + 1)[0].text).not.toMatch(/\/app\/invite\//);

    // 7. Certificates: the worker issues one to each of the 124 (100 % present >= 75 %), and mails it once.
    // 124 PDFs rendered and mailed by one worker: generous, for a busy CI machine.
    await waitFor('124 certificate mails', () => mailsOf('certificate.issued').length >= ATTEND, 300_000);
    const [{ n: certificates }] = await h.ds.query(
      `SELECT count(*)::int AS n FROM certificates WHERE program_id = $1 AND status = 'issued'`,
      [program.id],
    );
    expect(certificates).toBe(ATTEND);
    for (let i = 1; i <= ATTEND; i++) expect(mailTo('certificate.issued', i)).toHaveLength(1);
    expect(mailTo('certificate.issued', ATTEND + 1)).toHaveLength(0);

    const holder = { Authorization: `Bearer ${live.accessToken(idOf.get(email(1))!)}` };
    const mine = await h.http.get('/me/certificates').set(holder).expect(200);
    expect(mine.body.items).toHaveLength(1);
    const cert = mine.body.items[0];
    expect(cert).toMatchObject({ status: 'issued', language: 'kk', holderName: KAZAKH_NAME });
    const download = await h.http
      .get(`/certificates/${cert.id}/pdf`)
      .set(holder)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const pdf = download.body as Buffer;
    expect(download.headers['content-type']).toBe('application/pdf');
    // Someone else's certificate is a 404 to them.
    const other = { Authorization: `Bearer ${live.accessToken(idOf.get(email(2))!)}` };
    await h.http.get(`/certificates/${cert.id}/pdf`).set(other).expect(404);

    // Read independently: the Kazakh name exactly, the program, the number; the QR decodes to the page.
    const text = pdfText(pdf);
    expect(text).toContain(KAZAKH_NAME);
    expect(text).toContain('СЕРТИФИКАТ');
    expect(text).toContain('«Депутаттардың әлеуметтік желідегі жұмысы» бағдарламасын');
    expect(text).toContain(cert.number);
    const qr = pdfQr(pdf);
    expect(qr).toBe(`http://qatys.test${cert.verifyPath}`);
    // The mail carried the very same file.
    const attached = pdfAttachment(mailTo('certificate.issued', 1)[0].raw)!;
    expect(createHash('sha256').update(attached).digest('hex')).toBe(
      createHash('sha256').update(pdf).digest('hex'),
    );
    expect(mailTo('certificate.issued', 1)[0].subject).toBe(
      'Сертификат: «Депутаттардың әлеуметтік желідегі жұмысы»',
    );

    // 8. The public page: valid, initials only until the holder agrees; revoked once revoked.
    const path = new URL(qr!).pathname;
    const valid = await h.http.get(`${path}?lang=kk`).expect(200);
    expect(valid.text).toContain('data-status="valid"');
    expect(valid.text).toContain('Ә. Ғ. Қ.');
    expect(valid.text).not.toContain(KAZAKH_NAME);
    await h.http.patch(`/me/certificates/${cert.id}`).set(holder).send({ publicName: true }).expect(200);
    expect((await h.http.get(`${path}?lang=kk`).expect(200)).text).toContain(KAZAKH_NAME);
    const unknown = await h.http.get('/verify/ZZZZZZZZZZZZZZZZ').expect(200);
    expect(unknown.text).toContain('data-status="unknown"');
    await h.http
      .post(`/certificates/${cert.id}/revoke`)
      .set(organizer.auth)
      .send({ reason: 'test' })
      .expect(200);
    const revoked = await h.http.get(`/certificates/verify/${path.split('/').pop()}`).expect(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', number: cert.number });
  });
});
