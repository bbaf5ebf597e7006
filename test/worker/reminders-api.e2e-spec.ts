/**
 * The API side of reminders: GET /sessions/:id/reminders (who sees what), webhook endpoints,
 * a person's channel, and the admin-only queue dashboard at /admin/queues.
 */
import { DateTime } from 'luxon';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createOrganization, createProgram, createSession, regionByCode } from '../support/factories';

describe('reminders API (e2e)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;
  let admin: SignedIn;
  let orgId: string;

  beforeAll(async () => {
    h = await startApi();
    orgId = (await createOrganization(h.ds)).id;
    organizer = await h.signIn({ roles: ['organizer'], organizationId: orgId });
    admin = await h.signIn({ roles: ['admin'] });
  });
  afterAll(() => h.close());

  describe('GET /sessions/:id/reminders', () => {
    let sessionId: string;
    let pavlodar: number;
    let kostanay: number;
    let people: SignedIn[];

    beforeAll(async () => {
      pavlodar = (await regionByCode(h.ds, 'KZ-55')).id;
      kostanay = (await regionByCode(h.ds, 'KZ-39')).id;
      const program = await createProgram(h.ds, {
        organizationId: orgId,
        quietHoursStart: null,
        quietHoursEnd: null,
      });
      const session = await createSession(h.ds, program.id, {
        localStart: DateTime.now().setZone('Asia/Almaty').plus({ days: 5 }).toFormat("yyyy-MM-dd'T'12:00"),
      });
      sessionId = session.id;
      people = [
        await h.signIn({ homeRegionId: pavlodar, displayName: 'Ainur (Pavlodar)' }),
        await h.signIn({ homeRegionId: kostanay, displayName: 'Bolat (Kostanay)' }),
        await h.signIn({ homeRegionId: kostanay, displayName: 'Dana (Kostanay)' }),
      ];
      for (const p of people)
        await h.http.post(`/sessions/${sessionId}/registrations`).set(p.auth).send({}).expect(201);
      await h.drainOutbox();
      // One of them failed for good on its last attempt.
      await h.ds.query(
        `UPDATE notifications SET status = 'failed', attempts = 3, last_error = 'email: ECONNREFUSED'
          WHERE registration_id = (SELECT id FROM registrations WHERE user_id = $1) AND offset_minutes = 10`,
        [people[2].id],
      );
    });

    it('gives organizers counts by status and every attendee with their reminders', async () => {
      const res = await h.http.get(`/sessions/${sessionId}/reminders`).set(organizer.auth).expect(200);
      expect(res.body.sessionVersion).toBe(1);
      expect(res.body.counts).toEqual({ planned: 8, sent: 0, skipped: 0, cancelled: 0, failed: 1, total: 9 });
      expect(res.body.attendees.total).toBe(3);
      expect(res.body.attendees.items.map((a: { displayName: string }) => a.displayName)).toEqual([
        'Ainur (Pavlodar)',
        'Bolat (Kostanay)',
        'Dana (Kostanay)',
      ]);
      const dana = res.body.attendees.items[2];
      expect(
        dana.reminders.map((r: { offsetMinutes: number; status: string }) => [r.offsetMinutes, r.status]),
      ).toEqual([
        [1440, 'planned'],
        [60, 'planned'],
        [10, 'failed'],
      ]);
      expect(dana.reminders[2]).toMatchObject({
        attempts: 3,
        lastError: 'email: ECONNREFUSED',
        sessionVersion: 1,
      });
      expect(dana.reminders[0].dueAt.ofRecord.zone).toBe('Asia/Almaty');
      expect(dana.reminders[0].dueAt.ofRecord.local).toMatch(/T12:00:00\+05:00$/);

      const failed = await h.http
        .get(`/sessions/${sessionId}/reminders?status=failed`)
        .set(organizer.auth)
        .expect(200);
      expect(failed.body.attendees.items).toHaveLength(1);
      expect(failed.body.attendees.items[0].reminders).toHaveLength(1);
    });

    it("shows a coordinator only their regions' attendees, counts included", async () => {
      const coordinator = await h.signIn({ roles: ['coordinator'], coordinatorRegionIds: [kostanay] });
      const res = await h.http.get(`/sessions/${sessionId}/reminders`).set(coordinator.auth).expect(200);
      expect(res.body.counts.total).toBe(6);
      expect(res.body.attendees.items.map((a: { regionId: number }) => a.regionId)).toEqual([
        kostanay,
        kostanay,
      ]);
      await h.http
        .get(`/sessions/${sessionId}/reminders?regionId=${pavlodar}`)
        .set(coordinator.auth)
        .expect(403);
    });

    it('refuses attendees, unknown sessions and bad input', async () => {
      await h.http.get(`/sessions/${sessionId}/reminders`).set(people[0].auth).expect(403);
      await h.http.get(`/sessions/${sessionId}/reminders`).expect(401);
      await h.http
        .get(`/sessions/00000000-0000-4000-8000-000000000000/reminders`)
        .set(organizer.auth)
        .expect(404);
      await h.http.get(`/sessions/not-a-uuid/reminders`).set(organizer.auth).expect(400);
      const bad = await h.http
        .get(`/sessions/${sessionId}/reminders?status=lost`)
        .set(organizer.auth)
        .expect(400);
      expect(JSON.stringify(bad.body)).toContain('status');
      await h.http.get(`/sessions/${sessionId}/reminders?pageSize=1000`).set(organizer.auth).expect(400);
    });
  });

  describe('webhook endpoints', () => {
    it('lets an organizer add one, shows the secret once, and lists it without', async () => {
      const created = await h.http
        .post('/webhooks')
        .set(organizer.auth)
        .send({ url: 'https://bot.example.kz/qatys', description: 'Pavlodar bot' })
        .expect(201);
      expect(created.body).toMatchObject({
        organizationId: orgId,
        url: 'https://bot.example.kz/qatys',
        active: true,
      });
      expect(created.body.secret).toMatch(/^whsec_/);
      const list = await h.http.get('/webhooks').set(organizer.auth).expect(200);
      expect(list.body).toHaveLength(1);
      expect(list.body[0].secret).toBeUndefined();

      const rotated = await h.http
        .post(`/webhooks/${created.body.id}/rotate-secret`)
        .set(organizer.auth)
        .expect(200);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(created.body.secret);

      const paused = await h.http
        .patch(`/webhooks/${created.body.id}`)
        .set(organizer.auth)
        .send({ active: false })
        .expect(200);
      expect(paused.body.active).toBe(false);
      await h.http.delete(`/webhooks/${created.body.id}`).set(organizer.auth).expect(204);
      expect((await h.http.get('/webhooks').set(organizer.auth).expect(200)).body).toEqual([]);
    });

    it("hides another organization's endpoint (404) and keeps attendees out (403)", async () => {
      const created = await h.http
        .post('/webhooks')
        .set(organizer.auth)
        .send({ url: 'https://a.example/h' })
        .expect(201);
      const other = await h.signIn({
        roles: ['organizer'],
        organizationId: (await createOrganization(h.ds)).id,
      });
      await h.http.patch(`/webhooks/${created.body.id}`).set(other.auth).send({ active: false }).expect(404);
      await h.http.delete(`/webhooks/${created.body.id}`).set(other.auth).expect(404);
      expect((await h.http.get('/webhooks').set(other.auth).expect(200)).body).toEqual([]);
      await h.http
        .post('/webhooks')
        .set(other.auth)
        .send({ url: 'https://b.example/h', organizationId: orgId })
        .expect(403);
      // An admin may manage any organization's.
      const forOrg = await h.http.get(`/webhooks?organizationId=${orgId}`).set(admin.auth).expect(200);
      expect(forOrg.body.map((w: { id: string }) => w.id)).toContain(created.body.id);
      const attendee = await h.signIn();
      await h.http.get('/webhooks').set(attendee.auth).expect(403);
    });

    it('refuses a URL that is not absolute http(s), or carries credentials', async () => {
      for (const url of ['ftp://x.example/h', 'not a url', '/relative', 'javascript:alert(1)']) {
        await h.http.post('/webhooks').set(organizer.auth).send({ url }).expect(400);
      }
      const creds = await h.http
        .post('/webhooks')
        .set(organizer.auth)
        .send({ url: 'https://u:p@x.example/h' })
        .expect(400);
      expect(creds.body.error).toBe('invalid_webhook_url');
      await h.http.post('/webhooks').set(organizer.auth).send({}).expect(400);
    });
  });

  describe('notification settings', () => {
    it('defaults to e-mail and stores a choice of webhook', async () => {
      const p = await h.signIn();
      expect((await h.http.get('/me/notification-settings').set(p.auth).expect(200)).body).toEqual({
        channel: 'email',
      });
      await h.http.put('/me/notification-settings').set(p.auth).send({ channel: 'webhook' }).expect(200);
      expect((await h.http.get('/me/notification-settings').set(p.auth).expect(200)).body).toEqual({
        channel: 'webhook',
      });
      await h.http.put('/me/notification-settings').set(p.auth).send({ channel: 'sms' }).expect(400);
      await h.http.get('/me/notification-settings').expect(401);
    });
  });

  describe('queue dashboard', () => {
    it('is for admins only: 401 without a token, 403 for others, the board for an admin', async () => {
      const none = await h.http.get('/admin/queues').expect(401);
      expect(none.body).toMatchObject({ statusCode: 401, error: 'unauthorized' });
      await h.http.get('/admin/queues').set({ Authorization: 'Bearer nonsense' }).expect(401);
      const denied = await h.http.get('/admin/queues').set(organizer.auth).expect(403);
      expect(denied.body.error).toBe('forbidden');
      const page = await h.http.get('/admin/queues').set(admin.auth).expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      const api = await h.http.get('/admin/queues/api/queues').set(admin.auth).expect(200);
      expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
        'certificates',
        'notifications',
        'recordings',
      ]);
    });

    it('opens in a browser through an HttpOnly cookie scoped to /admin/queues, kept until the token expires', async () => {
      await h.http.post('/admin/queues/session').set(organizer.auth).expect(403);
      const res = await h.http.post('/admin/queues/session').set(admin.auth).expect(204);
      const cookie = res.headers['set-cookie'][0] as string;
      expect(cookie).toMatch(/^qatys_queues=/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/admin\/queues/);
      // Plain HTTP here (PUBLIC_BASE_URL http://): a Secure cookie would never come back.
      expect(cookie).not.toMatch(/Secure/);
      const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)![1]);
      expect(maxAge).toBeGreaterThan(0);
      expect(maxAge).toBeLessThanOrEqual(h.config.JWT_ACCESS_TTL_SECONDS);
      await h.http.get('/admin/queues').set('Cookie', cookie.split(';')[0]).expect(200);
      await h.http.get('/admin/queues').set('Cookie', 'qatys_queues=forged').expect(401);
    });

    it('shuts out an admin whose role was revoked or account disabled, even with a token that still says admin', async () => {
      const other = await h.signIn({ roles: ['admin'] });
      const res = await h.http.post('/admin/queues/session').set(other.auth).expect(204);
      const cookie = (res.headers['set-cookie'][0] as string).split(';')[0];
      await h.http.get('/admin/queues').set('Cookie', cookie).expect(200);
      await h.http
        .patch(`/users/${other.id}/roles`)
        .set(admin.auth)
        .send({ roles: ['organizer'] })
        .expect(200);
      // The token (and so the cookie) still carries the admin role: the current roles decide.
      const cookied = await h.http.get('/admin/queues').set('Cookie', cookie).expect(403);
      expect(cookied.body).toMatchObject({ statusCode: 403, error: 'forbidden' });
      await h.http.get('/admin/queues/api/queues').set(other.auth).expect(403);
      await h.http.post('/admin/queues/session').set(other.auth).expect(403);
      await h.http
        .patch(`/users/${other.id}/roles`)
        .set(admin.auth)
        .send({ roles: ['admin'] })
        .expect(200);
      await h.http.get('/admin/queues').set('Cookie', cookie).expect(200);
      await h.ds.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [other.id]);
      await h.http.get('/admin/queues').set('Cookie', cookie).expect(401);
    });

    it('serves its page with no asset from another site, under a policy that allows none', async () => {
      const page = await h.http.get('/admin/queues').set(admin.auth).expect(200);
      expect(page.text).toContain('static/js/');
      expect(page.text).not.toMatch(/(?:href|src)\s*=\s*["']?(?:https?:)?\/\//i);
      expect(page.text).not.toContain('fonts.googleapis.com');
      const csp = page.headers['content-security-policy'];
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("font-src 'self' data:");
      // Its own scripts and styles come from here.
      const script = /src="(static\/js\/main[^"]+)"/.exec(page.text)![1];
      await h.http.get(`/admin/queues/${script}`).set(admin.auth).expect(200);
    });

    it('marks the cookie Secure when the API is reached over TLS (an https PUBLIC_BASE_URL)', async () => {
      const tls = await startApi({ PUBLIC_BASE_URL: 'https://qatys.example' });
      try {
        const boss = await tls.signIn({ roles: ['admin'] });
        const res = await tls.http.post('/admin/queues/session').set(boss.auth).expect(204);
        expect(res.headers['set-cookie'][0]).toMatch(/; Secure/);
      } finally {
        await tls.close();
      }
    });
  });

  describe('program quiet hours', () => {
    it('defaults to 22:00-08:00, can be changed or switched off, and refuses nonsense', async () => {
      const created = await h.http
        .post('/programs')
        .set(organizer.auth)
        .send({ title: { en: 'Quiet' } })
        .expect(201);
      expect(created.body).toMatchObject({ quietHoursStart: '22:00', quietHoursEnd: '08:00' });
      const id = created.body.id;
      const patched = await h.http
        .patch(`/programs/${id}`)
        .set(organizer.auth)
        .send({ quietHoursStart: '23:30' })
        .expect(200);
      expect(patched.body).toMatchObject({ quietHoursStart: '23:30', quietHoursEnd: '08:00' });
      const off = await h.http
        .patch(`/programs/${id}`)
        .set(organizer.auth)
        .send({ quietHoursStart: null, quietHoursEnd: null })
        .expect(200);
      expect(off.body).toMatchObject({ quietHoursStart: null, quietHoursEnd: null });
      await h.http
        .patch(`/programs/${id}`)
        .set(organizer.auth)
        .send({ quietHoursStart: '25:00' })
        .expect(400);
      const half = await h.http
        .patch(`/programs/${id}`)
        .set(organizer.auth)
        .send({ quietHoursStart: '22:00' })
        .expect(400);
      expect(half.body.error).toBe('invalid_quiet_hours');
      const same = await h.http
        .patch(`/programs/${id}`)
        .set(organizer.auth)
        .send({ quietHoursStart: '08:00', quietHoursEnd: '08:00' })
        .expect(400);
      expect(same.body.message).toMatch(/must differ/);
    });
  });
});
