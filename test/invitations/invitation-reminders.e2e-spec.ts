/**
 * Invitation reminders through the real API and the outbox (drained as the worker does): their
 * own offsets before the start, the program's quiet hours in the invitee's zone, none for the
 * invitation's first twelve hours, stopped when the person registers or declines, and checked
 * again at send time (someone who registered on their own is not reminded). Also the link's
 * bad input: forged tokens, a password set twice.
 */
import { DateTime } from 'luxon';
import { InvitationNoticeContent } from '@qatys/domain';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createProgram, createSession, regionByCode } from '../support/factories';

jest.setTimeout(120_000);

describe('invitation reminders and links (e2e)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;

  beforeAll(async () => {
    h = await startApi();
    organizer = await h.signIn({ roles: ['organizer'] });
  });
  afterAll(() => h?.close());

  const rows = (userEmail: string) =>
    h.ds.query(
      `SELECT n.kind, n.status, n.offset_minutes, n.due_at, n.last_error FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE u.email = $1 AND n.kind LIKE 'invitation%' ORDER BY n.kind, n.offset_minutes DESC`,
      [userEmail],
    );

  it('plans each invitee its reminders and stops them when they register or decline', async () => {
    const pavlodar = (await regionByCode(h.ds, 'KZ-55')).id;
    const program = await createProgram(h.ds);
    // 06:00 in Almaty (UTC+5), five days ahead: "one day before" falls in the 22:00-08:00 quiet hours.
    const start = DateTime.now()
      .setZone('Asia/Almaty')
      .plus({ days: 5 })
      .set({ hour: 6, minute: 0, second: 0, millisecond: 0 });
    await createSession(h.ds, program.id, { startAt: start.toJSDate(), targetRegionIds: [pavlodar] });
    await h.http
      .put(`/programs/${program.id}/invitation-settings`)
      .set(organizer.auth)
      .send({ reminderOffsetsMinutes: [1440, 4320] })
      .expect(200, { reminderOffsetsMinutes: [4320, 1440] });
    await h.http
      .put(`/programs/${program.id}/invitation-settings`)
      .set(organizer.auth)
      .send({ reminderOffsetsMinutes: [5] })
      .expect(400);
    await h.http
      .post(`/programs/${program.id}/expected-people/import`)
      .set(organizer.auth)
      .set('content-type', 'text/csv')
      .send('name,email,region_code\nA,a@remind.test,KZ-55\nB,b@remind.test,KZ-55\nC,c@remind.test,KZ-55\n')
      .expect(200);
    await h.http
      .post(`/programs/${program.id}/invitations`)
      .set(organizer.auth)
      .send({})
      .expect(200, { invited: 3 });
    await h.drainOutbox();

    const a = await rows('a@remind.test');
    expect(
      a.map((r: { kind: string; offset_minutes: number | null; status: string }) => [
        r.kind,
        r.offset_minutes,
        r.status,
      ]),
    ).toEqual([
      ['invitation.reminder', 4320, 'planned'],
      ['invitation.reminder', 1440, 'planned'],
      ['invitation.sent', null, 'planned'],
    ]);
    // 06:00 three days and one day before are inside the quiet hours: 21:59 the evening before each.
    const local = (d: Date) => DateTime.fromJSDate(d, { zone: 'Asia/Almaty' }).toFormat('yyyy-MM-dd HH:mm');
    expect(local(a[0].due_at)).toBe(
      start.minus({ days: 4 }).set({ hour: 21, minute: 59 }).toFormat('yyyy-MM-dd HH:mm'),
    );
    expect(local(a[1].due_at)).toBe(
      start.minus({ days: 2 }).set({ hour: 21, minute: 59 }).toFormat('yyyy-MM-dd HH:mm'),
    );

    // The links, as the worker writes them into the mails.
    const people: { id: string; email: string }[] = await h.ds.query(
      `SELECT p.id, p.email FROM expected_people p WHERE p.scope_id = $1`,
      [program.id],
    );
    const { invitationToken } = await import('@qatys/domain');
    const token = (e: string) => invitationToken(h.config.JWT_SECRET, people.find((p) => p.email === e)!.id);

    const view = await h.http.get(`/invitations/${token('a@remind.test')}`).expect(200);
    expect(view.body).toMatchObject({ fullName: 'A', status: 'invited', canSetPassword: true });
    await h.http.post(`/invitations/${token('a@remind.test')}/accept`).expect(200);
    await h.http
      .post(`/invitations/${token('b@remind.test')}/decline`)
      .send({ reason: 'болею' })
      .expect(200);
    await h.drainOutbox();
    expect(
      (await rows('a@remind.test')).filter((r: { kind: string }) => r.kind === 'invitation.reminder'),
    ).toEqual([
      expect.objectContaining({ status: 'cancelled', last_error: 'registered' }),
      expect.objectContaining({ status: 'cancelled', last_error: 'registered' }),
    ]);
    expect(
      (await rows('b@remind.test'))
        .filter((r: { kind: string }) => r.kind === 'invitation.reminder')
        .map((r: { last_error: string }) => r.last_error),
    ).toEqual(['declined', 'declined']);
    expect(
      (await rows('c@remind.test')).filter((r: { status: string }) => r.status === 'planned'),
    ).toHaveLength(3);

    // C registers on their own (not through the link): at send time the reminder is skipped.
    const [c] = await h.ds.query(`SELECT id FROM users WHERE email = 'c@remind.test'`);
    await h.ds.query(`UPDATE users SET password_hash = NULL WHERE id = $1`, [c.id]);
    await h.http
      .post(`/invitations/${token('c@remind.test')}/password`)
      .send({ password: 'short' })
      .expect(400);
    await h.http
      .post(`/invitations/${token('c@remind.test')}/password`)
      .send({ password: 'a long enough password' })
      .expect(200);
    await h.http
      .post(`/invitations/${token('c@remind.test')}/password`)
      .send({ password: 'another long password' })
      .expect(409);
    const login = await h.http
      .post('/auth/login')
      .send({ email: 'c@remind.test', password: 'a long enough password' })
      .expect(200);
    await h.http
      .post(`/programs/${program.id}/registrations`)
      .set({ Authorization: `Bearer ${login.body.accessToken}` })
      .send({})
      .expect(201);
    const content = h.app.get(InvitationNoticeContent);
    const inviteeC = people.find((p) => p.email === 'c@remind.test')!.id;
    expect(
      await content.content({
        notificationId: '1',
        kind: 'invitation.reminder',
        userId: c.id,
        payload: { inviteeId: inviteeC },
        lang: 'ru',
        timeZone: 'Asia/Almaty',
        now: new Date(),
      }),
    ).toEqual({ send: false, reason: 'registered' });
    const list = await h.http.get(`/programs/${program.id}/expected-people`).set(organizer.auth).expect(200);
    expect(list.body.counts).toEqual({ registered: 2, declined: 1 });
  });

  it('answers a forged, cut or foreign link with 404; only staff send invitations', async () => {
    for (const bad of [
      'nothing',
      `${'0'.repeat(8)}-0000-0000-0000-000000000000.${'A'.repeat(32)}`,
      'x'.repeat(500),
    ]) {
      const r = await h.http.get(`/invitations/${bad}`).expect(404);
      expect(r.body.error).toBe('invitation_not_found');
      await h.http.post(`/invitations/${bad}/accept`).expect(404);
      await h.http.post(`/invitations/${bad}/decline`).send({}).expect(404);
    }
    const attendee = await h.signIn();
    const program = await createProgram(h.ds);
    await h.http.post(`/programs/${program.id}/invitations`).set(attendee.auth).send({}).expect(403);
  });
});
