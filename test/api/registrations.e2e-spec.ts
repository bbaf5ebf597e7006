import { randomUUID } from 'crypto';
import { Region, RegistrationsService } from '@qatys/domain';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createProgram, createSection, createSession, regionByCode } from '../support/factories';
import { eventCount, seatCounts, signInMany, statusCounts } from '../support/registrations-support';

// jest's per-project testTimeout is not applied; suites against real stores need more than 5 s on a busy machine.
jest.setTimeout(60_000);
describe('session registrations (e2e)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;
  let pavlodar: Region;
  let kostanay: Region;
  let programId: string;

  const newSession = async (s: Parameters<typeof createSession>[2] = {}) =>
    (await createSession(h.ds, programId, s)).id;
  const register = (user: SignedIn, sessionId: string, body: object = {}) =>
    h.http.post(`/sessions/${sessionId}/registrations`).set(user.auth).send(body);
  const registrationCount = async () =>
    Number((await h.ds.query(`SELECT count(*) AS n FROM registrations`))[0].n);

  beforeAll(async () => {
    h = await startApi();
    organizer = await h.signIn({ roles: ['organizer'] });
    pavlodar = await regionByCode(h.ds, 'KZ-55');
    kostanay = await regionByCode(h.ds, 'KZ-39');
    programId = (await createProgram(h.ds)).id;
  });
  afterAll(() => h.close());

  it('registers an attendee in their home region (201), and a duplicate returns the same row (200)', async () => {
    const sessionId = await newSession({ capacity: 5 });
    const a = await h.signIn({ homeRegionId: pavlodar.id });
    const first = await register(a, sessionId).expect(201);
    expect(first.body).toMatchObject({
      sessionId,
      userId: a.id,
      status: 'registered',
      source: 'self',
      regionId: pavlodar.id,
      sectionId: null,
      waitlistedAt: null,
    });
    expect(first.body.createdAt).toMatchObject({
      utc: expect.any(String),
      ofRecord: { zone: 'Asia/Almaty' },
    });
    const again = await register(a, sessionId).expect(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await statusCounts(h.ds, sessionId)).toEqual({ registered: 1 });
    expect((await seatCounts(h.ds, sessionId)).session).toBe(1);
    expect(await eventCount(h.ds, 'registration.created', sessionId)).toBe(1);
    const [event] = await h.ds.query(
      `SELECT aggregate_id, payload FROM domain_events WHERE payload->>'sessionId' = $1`,
      [sessionId],
    );
    expect(event.aggregate_id).toBe(first.body.id);
    expect(event.payload).toMatchObject({
      registrationId: first.body.id,
      sessionId,
      userId: a.id,
      status: 'registered',
      regionId: pavlodar.id,
      sectionId: null,
    });
  });

  it('gives exactly 10 seats to 200 parallel requests for the last 10 seats; the rest are waitlisted', async () => {
    const sessionId = await newSession({ capacity: 10 });
    const users = await signInMany(h, 200, { homeRegionId: pavlodar.id });
    const responses = await Promise.all(users.map((u) => register(u, sessionId)));
    expect(responses.map((r) => r.status)).toEqual(users.map(() => 201));
    const statuses = responses.map((r) => r.body.status as string);
    expect(statuses.filter((s) => s === 'registered')).toHaveLength(10);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(190);
    expect(await statusCounts(h.ds, sessionId)).toEqual({ registered: 10, waitlisted: 190 });
    expect((await seatCounts(h.ds, sessionId)).session).toBe(10);
    expect(await eventCount(h.ds, 'registration.created', sessionId)).toBe(200);
    // FIFO order is the lock order: every waitlisted timestamp is distinct.
    const [{ n }] = await h.ds.query(
      `SELECT count(DISTINCT waitlisted_at)::int AS n FROM registrations WHERE session_id = $1 AND status = 'waitlisted'`,
      [sessionId],
    );
    expect(n).toBe(190);
  }, 180_000);

  it('keeps one row for parallel duplicates of one user', async () => {
    const sessionId = await newSession({ capacity: 3 });
    const u = await h.signIn({ homeRegionId: pavlodar.id });
    const responses = await Promise.all(Array.from({ length: 20 }, () => register(u, sessionId)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(19);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await statusCounts(h.ds, sessionId)).toEqual({ registered: 1 });
    expect((await seatCounts(h.ds, sessionId)).session).toBe(1);
    expect(await eventCount(h.ds, 'registration.created', sessionId)).toBe(1);
  });

  it('promotes the first waitlisted person (FIFO) when a seat is freed, once per change', async () => {
    const sessionId = await newSession({ capacity: 2 });
    const [a, b, c, d] = await signInMany(h, 4, { homeRegionId: pavlodar.id });
    const ids: Record<string, string> = {};
    for (const [name, u] of Object.entries({ a, b, c, d }))
      ids[name] = (await register(u, sessionId).expect(201)).body.id;
    expect(await statusCounts(h.ds, sessionId)).toEqual({ registered: 2, waitlisted: 2 });

    const cancelA = await h.http.delete(`/me/registrations/${ids.a}`).set(a.auth).expect(200);
    expect(cancelA.body.registration).toMatchObject({
      id: ids.a,
      status: 'cancelled',
      cancelledAt: { utc: expect.any(String) },
    });
    expect(cancelA.body.promoted.map((r: { id: string }) => r.id)).toEqual([ids.c]);
    expect(cancelA.body.promoted[0].status).toBe('registered');
    // Cancelling again is harmless: same answer, no new event, nobody else promoted.
    const again = await h.http.delete(`/me/registrations/${ids.a}`).set(a.auth).expect(200);
    expect(again.body).toMatchObject({ registration: { status: 'cancelled' }, promoted: [] });
    expect(await eventCount(h.ds, 'registration.cancelled', sessionId)).toBe(1);
    expect(await eventCount(h.ds, 'registration.promoted', sessionId)).toBe(1);

    // An organizer cancels B through the session route: D is next.
    const cancelB = await h.http
      .delete(`/sessions/${sessionId}/registrations/${ids.b}`)
      .set(organizer.auth)
      .expect(200);
    expect(cancelB.body.promoted.map((r: { id: string }) => r.id)).toEqual([ids.d]);
    expect(await statusCounts(h.ds, sessionId)).toEqual({ registered: 2, cancelled: 2 });
    expect((await seatCounts(h.ds, sessionId)).session).toBe(2);

    // A comes back: the same row is reactivated, and waits (C and D hold the seats).
    const back = await register(a, sessionId).expect(201);
    expect(back.body).toMatchObject({
      id: ids.a,
      status: 'waitlisted',
      cancelledAt: null,
      waitlistedAt: { utc: expect.any(String) },
    });
    expect(await eventCount(h.ds, 'registration.created', sessionId)).toBe(5);
    expect(await eventCount(h.ds, 'registration.cancelled', sessionId)).toBe(2);
    expect(await eventCount(h.ds, 'registration.promoted', sessionId)).toBe(2);
    const [promotedEvent] = await h.ds.query(
      `SELECT payload FROM domain_events WHERE type = 'registration.promoted' AND aggregate_id = $1`,
      [ids.c],
    );
    expect(promotedEvent.payload).toMatchObject({
      registrationId: ids.c,
      sessionId,
      userId: c.id,
      regionId: pavlodar.id,
    });
  });

  it('fills seats freed by a capacity increase through promoteFromWaitlist (endpoint and service)', async () => {
    const sessionId = await newSession({ capacity: 1 });
    const users = await signInMany(h, 4, { homeRegionId: pavlodar.id });
    const ids: string[] = [];
    for (const u of users) ids.push((await register(u, sessionId).expect(201)).body.id);
    await h.ds.query(`UPDATE sessions SET capacity = 3 WHERE id = $1`, [sessionId]);

    await h.http.post(`/sessions/${sessionId}/registrations/promote`).set(users[0].auth).expect(403);
    const res = await h.http
      .post(`/sessions/${sessionId}/registrations/promote`)
      .set(organizer.auth)
      .expect(200);
    expect(res.body.promoted.map((r: { id: string }) => r.id)).toEqual([ids[1], ids[2]]);
    expect(await statusCounts(h.ds, sessionId)).toEqual({ registered: 3, waitlisted: 1 });
    expect((await seatCounts(h.ds, sessionId)).session).toBe(3);

    const service = h.app.get(RegistrationsService);
    expect(await service.promoteFromWaitlist(sessionId)).toEqual([]);
    await h.ds.query(`UPDATE sessions SET capacity = NULL WHERE id = $1`, [sessionId]);
    expect((await service.promoteFromWaitlist(sessionId)).map((r) => r.id)).toEqual([ids[3]]);
    expect(await eventCount(h.ds, 'registration.promoted', sessionId)).toBe(3);
    await h.http.post(`/sessions/${randomUUID()}/registrations/promote`).set(organizer.auth).expect(404);
  });

  it('needs room in both the session and the section; a freed section seat goes to the first who fits', async () => {
    const sessionId = await newSession({ capacity: 3 });
    const A = (await createSection(h.ds, sessionId, { capacity: 1 })).id;
    const B = (await createSection(h.ds, sessionId, { capacity: null })).id;
    const [u1, u2, u3, u4, u5] = await signInMany(h, 5, { homeRegionId: pavlodar.id });
    const r1 = (await register(u1, sessionId, { sectionId: A }).expect(201)).body;
    const r2 = (await register(u2, sessionId, { sectionId: A }).expect(201)).body;
    const r3 = (await register(u3, sessionId, { sectionId: B }).expect(201)).body;
    const r4 = (await register(u4, sessionId).expect(201)).body;
    const r5 = (await register(u5, sessionId, { sectionId: B }).expect(201)).body;
    expect([r1, r2, r3, r4, r5].map((r) => r.status)).toEqual([
      'registered',
      'waitlisted',
      'registered',
      'registered',
      'waitlisted',
    ]);
    expect(r2.sectionId).toBe(A);
    expect(await seatCounts(h.ds, sessionId)).toEqual({ session: 3, sections: { [A]: 1, [B]: 1 } });

    // u1's seat in A: u2 (waiting for A) is first in line and fits both.
    const c1 = await h.http.delete(`/me/registrations/${r1.id}`).set(u1.auth).expect(200);
    expect(c1.body.promoted.map((r: { id: string }) => r.id)).toEqual([r2.id]);
    // u3's seat in B: u5 is next.
    const c3 = await h.http.delete(`/me/registrations/${r3.id}`).set(u3.auth).expect(200);
    expect(c3.body.promoted.map((r: { id: string }) => r.id)).toEqual([r5.id]);
    expect(await seatCounts(h.ds, sessionId)).toEqual({ session: 3, sections: { [A]: 1, [B]: 1 } });

    // Moving a registered seat into a full section is refused; into B it moves the counters.
    const full = await h.http
      .patch(`/sessions/${sessionId}/registrations/${r4.id}`)
      .set(organizer.auth)
      .send({ sectionId: A })
      .expect(409);
    expect(full.body.error).toBe('section_full');
    const moved = await h.http
      .patch(`/sessions/${sessionId}/registrations/${r4.id}`)
      .set(organizer.auth)
      .send({ sectionId: B })
      .expect(200);
    expect(moved.body).toMatchObject({ sectionId: B, status: 'registered' });
    expect(await seatCounts(h.ds, sessionId)).toEqual({ session: 3, sections: { [A]: 1, [B]: 2 } });
    const back = await h.http
      .patch(`/sessions/${sessionId}/registrations/${r4.id}`)
      .set(organizer.auth)
      .send({ sectionId: null, regionId: kostanay.id })
      .expect(200);
    expect(back.body).toMatchObject({ sectionId: null, regionId: kostanay.id });
    expect(await seatCounts(h.ds, sessionId)).toEqual({ session: 3, sections: { [A]: 1, [B]: 1 } });

    // A section of another session is not a section of this one.
    const otherSession = await newSession();
    const foreign = (await createSection(h.ds, otherSession)).id;
    const bad = await register(await h.signIn(), sessionId, { sectionId: foreign }).expect(400);
    expect(bad.body).toMatchObject({
      error: 'unknown_section',
      message: `sectionId: section ${foreign} does not belong to session ${sessionId}`,
    });
    const badMove = await h.http
      .patch(`/sessions/${sessionId}/registrations/${r4.id}`)
      .set(organizer.auth)
      .send({ sectionId: foreign })
      .expect(400);
    expect(badMove.body.error).toBe('unknown_section');
    await h.http
      .patch(`/sessions/${sessionId}/registrations/${r4.id}`)
      .set(u4.auth)
      .send({ sectionId: B })
      .expect(403);
    await h.http
      .patch(`/sessions/${sessionId}/registrations/${r4.id}`)
      .set(organizer.auth)
      .send({})
      .expect(400);
    await h.http
      .patch(`/sessions/${sessionId}/registrations/${r4.id}`)
      .set(organizer.auth)
      .send({ regionId: 9999 })
      .expect(400);
  });

  it('defaults the region to the home region, lets organizers override it, and enforces targeting for self-registration', async () => {
    const open = await newSession();
    const p = await h.signIn({ homeRegionId: pavlodar.id });
    const k = await h.signIn({ homeRegionId: kostanay.id });
    const nowhere = await h.signIn();

    const byOrganizer = await register(organizer, open, { userId: p.id, regionId: kostanay.id }).expect(201);
    expect(byOrganizer.body).toMatchObject({
      userId: p.id,
      regionId: kostanay.id,
      source: 'organizer',
      status: 'registered',
    });
    const unknownRegion = await register(organizer, open, { userId: k.id, regionId: 9999 }).expect(400);
    expect(unknownRegion.body).toMatchObject({
      error: 'unknown_region',
      message: 'regionId: region 9999 does not exist or is retired',
    });
    const unknownUser = await register(organizer, open, { userId: randomUUID() }).expect(400);
    expect(unknownUser.body.error).toBe('unknown_user');
    expect((await register(nowhere, open).expect(201)).body.regionId).toBeNull();

    // Attendees cannot speak for others or pick their region.
    const forOther = await register(p, open, { userId: k.id }).expect(403);
    expect(forOther.body.message).toMatch(/Only organizers/);
    await register(k, open, { regionId: pavlodar.id }).expect(403);

    const targeted = await newSession({ targetRegionIds: [kostanay.id] });
    const refused = await register(p, targeted).expect(409);
    expect(refused.body.error).toBe('region_not_targeted');
    expect((await register(nowhere, targeted).expect(409)).body.error).toBe('region_not_targeted');
    expect((await register(k, targeted).expect(201)).body.regionId).toBe(kostanay.id);
    const anyone = await register(organizer, targeted, { userId: p.id }).expect(201);
    expect(anyone.body).toMatchObject({ regionId: pavlodar.id, source: 'organizer' });
    expect(await statusCounts(h.ds, targeted)).toEqual({ registered: 2 });
  });

  it('refuses hidden, unknown, cancelled and ended sessions', async () => {
    const u = await h.signIn({ homeRegionId: pavlodar.id });
    const draft = await createProgram(h.ds, { status: 'draft' });
    const hidden = (await createSession(h.ds, draft.id)).id;
    expect((await register(u, hidden).expect(404)).body.error).toBe('session_not_found');
    await register(organizer, hidden, { userId: u.id }).expect(201);

    await register(u, randomUUID()).expect(404);
    const notUuid = await register(u, 'abc').expect(400);
    expect(notUuid.body.message).toBe('sessionId must be a UUID');

    const cancelled = await newSession({ status: 'cancelled' });
    const closed = await register(u, cancelled).expect(409);
    expect(closed.body).toMatchObject({
      error: 'session_closed',
      message: expect.stringContaining('cancelled'),
    });
    const past = await newSession({ startAt: new Date(Date.now() - 5 * 3600_000), durationMinutes: 60 });
    expect((await register(u, past).expect(409)).body.message).toMatch(/ended/);
    const ended = await newSession({ status: 'ended' });
    await register(organizer, ended, { userId: u.id }).expect(409);
    await h.http.post(`/sessions/${cancelled}/registrations`).send({}).expect(401);
  });

  it('never shows or cancels another attendee’s registration (404), and renders mine in my zone', async () => {
    const sessionId = await newSession({
      localStart: '2031-03-02T12:00',
      title: { en: 'Oratory', ru: 'Ораторское искусство' },
    });
    const section = await createSection(h.ds, sessionId, { title: { en: 'Track A', ru: 'Секция А' } });
    const a = await h.signIn({ homeRegionId: pavlodar.id, language: 'en' });
    const b = await h.signIn({ homeRegionId: kostanay.id, timeZone: 'Asia/Qostanay' });
    const mine = (await register(a, sessionId, { sectionId: section.id }).expect(201)).body;

    await h.http.get(`/me/registrations/${mine.id}`).set(b.auth).expect(404);
    await h.http.delete(`/me/registrations/${mine.id}`).set(b.auth).expect(404);
    await h.http.delete(`/sessions/${sessionId}/registrations/${mine.id}`).set(b.auth).expect(404);
    // The right registration id under the wrong session is not found either.
    await h.http
      .delete(`/sessions/${await newSession()}/registrations/${mine.id}`)
      .set(organizer.auth)
      .expect(404);
    expect((await h.http.get('/me/registrations').set(b.auth).expect(200)).body).toMatchObject({
      items: [],
      total: 0,
    });
    expect(await statusCounts(h.ds, sessionId)).toEqual({ registered: 1 });

    const one = await h.http.get(`/me/registrations/${mine.id}`).set(a.auth).expect(200);
    expect(one.body).toMatchObject({
      id: mine.id,
      status: 'registered',
      section: { id: section.id, title: 'Track A' },
      session: {
        id: sessionId,
        title: 'Oratory',
        timeZone: 'Asia/Almaty',
        start: {
          utc: '2031-03-02T07:00:00.000Z',
          reader: { local: '2031-03-02T12:00:00+05:00', zone: 'Asia/Almaty' },
        },
        end: { utc: '2031-03-02T11:00:00.000Z' },
      },
    });
    const list = await h.http
      .get('/me/registrations?tz=Europe/Berlin&status=registered')
      .set(a.auth)
      .expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].session.start.reader).toEqual({
      local: '2031-03-02T08:00:00+01:00',
      zone: 'Europe/Berlin',
      offsetMinutes: 60,
    });
    expect(list.body.items[0].session.start.ofRecord.zone).toBe('Asia/Almaty');
    await h.http.get('/me/registrations?tz=Mars/Base').set(a.auth).expect(400);
    await h.http.get('/me/registrations/not-a-uuid').set(a.auth).expect(400);
    await h.http.get(`/me/registrations/${mine.id}`).expect(401);
  });

  it('lists a session’s registrations: all for organizers, own regions for coordinators, 403 for others', async () => {
    const sessionId = await newSession();
    const [p1, p2] = await signInMany(h, 2, { homeRegionId: pavlodar.id });
    const k1 = await h.signIn({ homeRegionId: kostanay.id });
    for (const u of [p1, p2, k1]) await register(u, sessionId).expect(201);
    await h.http
      .delete(`/sessions/${sessionId}/registrations/${(await register(p2, sessionId).expect(200)).body.id}`)
      .set(organizer.auth)
      .expect(200);

    const all = await h.http.get(`/sessions/${sessionId}/registrations`).set(organizer.auth).expect(200);
    expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    expect(all.body.items[0]).toMatchObject({
      userId: p1.id,
      user: { id: p1.id, email: p1.email },
      region: { code: 'KZ-55' },
    });
    const paged = await h.http
      .get(`/sessions/${sessionId}/registrations?page=2&pageSize=2`)
      .set(organizer.auth)
      .expect(200);
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.body.items).toHaveLength(1);
    const registered = await h.http
      .get(`/sessions/${sessionId}/registrations?status=registered&regionId=${pavlodar.id}`)
      .set(organizer.auth)
      .expect(200);
    expect(registered.body.items.map((r: { userId: string }) => r.userId)).toEqual([p1.id]);

    const coordinator = await h.signIn({ roles: ['coordinator'], coordinatorRegionIds: [kostanay.id] });
    const scoped = await h.http.get(`/sessions/${sessionId}/registrations`).set(coordinator.auth).expect(200);
    expect(scoped.body.total).toBe(1);
    expect(scoped.body.items.map((r: { userId: string }) => r.userId)).toEqual([k1.id]);
    const foreign = await h.http
      .get(`/sessions/${sessionId}/registrations?regionId=${pavlodar.id}`)
      .set(coordinator.auth)
      .expect(403);
    expect(foreign.body.message).toMatch(/not region/);

    await h.http.get(`/sessions/${sessionId}/registrations`).set(p1.auth).expect(403);
    await h.http.get(`/sessions/${randomUUID()}/registrations`).set(organizer.auth).expect(404);
  });

  it("shows organizers a person's registrations (GET /users/:id/registrations); nobody else", async () => {
    const sessionId = await newSession({ localStart: '2031-04-02T12:00', title: { ru: 'Бюджет' } });
    const person = await h.signIn({ homeRegionId: pavlodar.id, language: 'ru' });
    const other = await h.signIn({ homeRegionId: pavlodar.id });
    const reg = (await register(person, sessionId).expect(201)).body;
    const res = await h.http.get(`/users/${person.id}/registrations`).set(organizer.auth).expect(200);
    expect(res.body).toMatchObject({ total: 1, items: [{ id: reg.id, sessionId, status: 'registered' }] });
    expect(res.body.items[0].session).toMatchObject({ id: sessionId, title: 'Бюджет' });
    await h.http.get(`/users/${person.id}/registrations`).set(other.auth).expect(403);
    const missing = await h.http.get(`/users/${randomUUID()}/registrations`).set(organizer.auth).expect(404);
    expect(missing.body.error).toBe('user_not_found');
    const bad = await h.http.get(`/users/nope/registrations`).set(organizer.auth).expect(400);
    expect(bad.body.error).toBe('invalid_id');
  });

  it('documents every registration and roster route in OpenAPI', async () => {
    const res = await h.http.get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/sessions/{sessionId}/registrations',
        '/sessions/{sessionId}/registrations/promote',
        '/sessions/{sessionId}/registrations/{registrationId}',
        '/me/registrations',
        '/me/registrations/{id}',
        '/users/{id}/registrations',
        '/programs/{programId}/registrations',
        '/programs/{programId}/registrations/me',
        '/programs/{programId}/registrations/{enrollmentId}',
        '/programs/{programId}/roster',
        '/programs/{programId}/roster/import',
        '/sessions/{sessionId}/roster',
        '/sessions/{sessionId}/roster/import',
      ]),
    );
    expect(Object.keys(res.body.paths['/sessions/{sessionId}/registrations/{registrationId}'])).toEqual(
      expect.arrayContaining(['patch', 'delete']),
    );
  });

  it('answers every bad body or query with a precise 400 and writes nothing', async () => {
    const sessionId = await newSession();
    const u = await h.signIn({ homeRegionId: pavlodar.id });
    const before = await registrationCount();
    const unknownField = await register(u, sessionId, { sectionId: undefined, status: 'registered' }).expect(
      400,
    );
    expect(unknownField.body).toMatchObject({
      error: 'validation_failed',
      message: 'status: property status should not exist',
    });
    expect((await register(u, sessionId, { sectionId: 'A' }).expect(400)).body.message).toMatch(
      /sectionId must be a UUID/,
    );
    expect(
      (await register(organizer, sessionId, { userId: u.id, regionId: '5' }).expect(400)).body.message,
    ).toMatch(/regionId must be an integer/);
    expect((await register(organizer, sessionId, { userId: 42 }).expect(400)).body.message).toMatch(
      /userId must be a UUID/,
    );
    const unknownSection = await register(u, sessionId, { sectionId: randomUUID() }).expect(400);
    expect(unknownSection.body.error).toBe('unknown_section');
    const malformed = await h.http
      .post(`/sessions/${sessionId}/registrations`)
      .set(u.auth)
      .set('Content-Type', 'application/json')
      .send('{"sectionId":')
      .expect(400);
    expect(malformed.body.error).toBe('malformed_json');
    expect(await registrationCount()).toBe(before);

    const q = (s: string) =>
      h.http.get(`/sessions/${sessionId}/registrations?${s}`).set(organizer.auth).expect(400);
    expect((await q('status=bogus')).body.message).toMatch(/status must be one of/);
    expect((await q('page=0')).body.message).toMatch(/page must not be less than 1/);
    expect((await q('pageSize=500')).body.message).toMatch(/pageSize must not be greater than 200/);
    expect((await q('regionId=abc')).body.message).toMatch(/regionId must be an integer/);
    expect((await q('foo=1')).body.message).toMatch(/property foo should not exist/);
    const r = (await register(u, sessionId).expect(201)).body;
    const patch = await h.http
      .patch(`/sessions/${sessionId}/registrations/${r.id}`)
      .set(organizer.auth)
      .send({ status: 'registered' })
      .expect(400);
    expect(patch.body.message).toBe('status: property status should not exist');
    await h.http
      .patch(`/sessions/${sessionId}/registrations/${r.id}`)
      .set(organizer.auth)
      .send({ regionId: null })
      .expect(400);
    await h.http
      .patch(`/sessions/${sessionId}/registrations/${randomUUID()}`)
      .set(organizer.auth)
      .send({ regionId: kostanay.id })
      .expect(404);
    expect((await h.http.get(`/me/registrations/${r.id}`).set(u.auth).expect(200)).body.regionId).toBe(
      pavlodar.id,
    );
  });
});
