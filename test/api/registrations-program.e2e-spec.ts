import { randomUUID } from 'crypto';
import { Region, ProgramEnrollmentsService } from '@qatys/domain';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createProgram, createSession, regionByCode } from '../support/factories';
import { eventCount, seatCounts, statusCounts } from '../support/registrations-support';

// jest's per-project testTimeout is not applied; suites against real stores need more than 5 s on a busy machine.
jest.setTimeout(60_000);
describe('whole-program registration (e2e)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;
  let pavlodar: Region;
  let kostanay: Region;

  const enroll = (user: SignedIn, programId: string, body: object = {}) =>
    h.http.post(`/programs/${programId}/registrations`).set(user.auth).send(body);
  const ago = (hours: number) => new Date(Date.now() - hours * 3600_000);

  /** A webinar series: two open sessions (one with a single seat), one cancelled, one over, one for Kostanay only. */
  async function series() {
    const program = await createProgram(h.ds);
    const small = (await createSession(h.ds, program.id, { capacity: 1, localStart: '2031-06-20T10:00' })).id;
    const big = (await createSession(h.ds, program.id, { localStart: '2031-06-21T10:00' })).id;
    const cancelled = (await createSession(h.ds, program.id, { status: 'cancelled' })).id;
    const over = (await createSession(h.ds, program.id, { startAt: ago(30), durationMinutes: 60 })).id;
    const kostanayOnly = (await createSession(h.ds, program.id, { targetRegionIds: [kostanay.id] })).id;
    return { programId: program.id, small, big, cancelled, over, kostanayOnly };
  }

  beforeAll(async () => {
    h = await startApi();
    organizer = await h.signIn({ roles: ['organizer'] });
    pavlodar = await regionByCode(h.ds, 'KZ-55');
    kostanay = await regionByCode(h.ds, 'KZ-39');
  });
  afterAll(() => h.close());

  it('registers for every open session aimed at my region, in one go, idempotently', async () => {
    const s = await series();
    const holder = await h.signIn({ homeRegionId: pavlodar.id });
    await h.http.post(`/sessions/${s.small}/registrations`).set(holder.auth).send({}).expect(201);
    const me = await h.signIn({ homeRegionId: pavlodar.id });

    const res = await enroll(me, s.programId).expect(201);
    expect(res.body.enrollment).toMatchObject({
      programId: s.programId,
      userId: me.id,
      regionId: pavlodar.id,
      status: 'active',
    });
    const bySession = Object.fromEntries(
      res.body.registrations.map((r: { sessionId: string }) => [r.sessionId, r]),
    );
    expect(Object.keys(bySession).sort()).toEqual([s.small, s.big].sort());
    expect(bySession[s.small]).toMatchObject({
      status: 'waitlisted',
      source: 'program',
      programEnrollmentId: res.body.enrollment.id,
    });
    expect(bySession[s.big]).toMatchObject({
      status: 'registered',
      source: 'program',
      regionId: pavlodar.id,
    });
    for (const id of [s.cancelled, s.over, s.kostanayOnly]) expect(await statusCounts(h.ds, id)).toEqual({});

    const again = await enroll(me, s.programId).expect(200);
    expect(again.body.enrollment.id).toBe(res.body.enrollment.id);
    expect(again.body.registrations).toHaveLength(2);
    const [{ n }] = await h.ds.query(
      `SELECT count(*)::int AS n FROM program_enrollments WHERE program_id = $1`,
      [s.programId],
    );
    expect(n).toBe(1);
    expect(await eventCount(h.ds, 'registration.created', s.big)).toBe(1);
    expect(await eventCount(h.ds, 'registration.created', s.small)).toBe(2);

    // Parallel duplicates of a fresh enrolment still make one enrolment and one registration per session.
    const twin = await h.signIn({ homeRegionId: pavlodar.id });
    const parallel = await Promise.all(Array.from({ length: 8 }, () => enroll(twin, s.programId)));
    expect(parallel.filter((r) => r.status === 201)).toHaveLength(1);
    expect(parallel.filter((r) => r.status === 200)).toHaveLength(7);
    expect(await statusCounts(h.ds, s.big)).toEqual({ registered: 2 });
    expect(await eventCount(h.ds, 'registration.created', s.big)).toBe(2);
  });

  it('cancels the enrolment and its program registrations, promoting waitlisted people, and can be reactivated', async () => {
    const s = await series();
    const me = await h.signIn({ homeRegionId: pavlodar.id });
    const own = await h.http.post(`/sessions/${s.big}/registrations`).set(me.auth).send({}).expect(201);
    const res = await enroll(me, s.programId).expect(201);
    // My own registration to the big session stays mine: the enrolment only added the small one.
    expect(res.body.registrations.map((r: { sessionId: string }) => r.sessionId)).toEqual([s.small]);
    const waiting = await h.signIn({ homeRegionId: pavlodar.id });
    const w = await h.http.post(`/sessions/${s.small}/registrations`).set(waiting.auth).send({}).expect(201);
    expect(w.body.status).toBe('waitlisted');

    const other = await h.signIn();
    await h.http
      .delete(`/programs/${s.programId}/registrations/${res.body.enrollment.id}`)
      .set(other.auth)
      .expect(404);
    await h.http.delete(`/programs/${s.programId}/registrations/me`).set(other.auth).expect(404);

    const cancel = await h.http.delete(`/programs/${s.programId}/registrations/me`).set(me.auth).expect(200);
    expect(cancel.body.enrollment.status).toBe('cancelled');
    expect(cancel.body.cancelled.map((r: { sessionId: string }) => r.sessionId)).toEqual([s.small]);
    expect(cancel.body.promoted.map((r: { id: string }) => r.id)).toEqual([w.body.id]);
    expect((await h.http.get(`/me/registrations/${own.body.id}`).set(me.auth).expect(200)).body.status).toBe(
      'registered',
    );
    expect(await seatCounts(h.ds, s.small)).toEqual({ session: 1, sections: {} });
    const again = await h.http.delete(`/programs/${s.programId}/registrations/me`).set(me.auth).expect(200);
    expect(again.body).toMatchObject({ cancelled: [], promoted: [] });
    expect(await eventCount(h.ds, 'registration.cancelled', s.small)).toBe(1);
    expect(await eventCount(h.ds, 'registration.promoted', s.small)).toBe(1);

    // Back in: the same enrolment and registration rows come back, waitlisted where the seat is gone.
    const back = await enroll(me, s.programId).expect(201);
    expect(back.body.enrollment.id).toBe(res.body.enrollment.id);
    expect(back.body.registrations).toMatchObject([
      { id: res.body.registrations[0].id, status: 'waitlisted' },
    ]);
  });

  it('lets organizers enrol anyone (with a region) and cancel any enrolment', async () => {
    const s = await series();
    const person = await h.signIn({ homeRegionId: pavlodar.id });
    const res = await enroll(organizer, s.programId, { userId: person.id, regionId: kostanay.id }).expect(
      201,
    );
    expect(res.body.enrollment).toMatchObject({ userId: person.id, regionId: kostanay.id });
    // In Kostanay, the Kostanay-only session is open to this enrolment.
    expect(res.body.registrations.map((r: { sessionId: string }) => r.sessionId).sort()).toEqual(
      [s.small, s.big, s.kostanayOnly].sort(),
    );
    expect(res.body.registrations.every((r: { createdAt: object }) => r.createdAt)).toBe(true);

    await enroll(person, s.programId, { userId: organizer.id }).expect(403);
    await enroll(person, s.programId, { regionId: kostanay.id }).expect(403);
    const unknownRegion = await enroll(organizer, s.programId, { userId: person.id, regionId: 777 }).expect(
      400,
    );
    expect(unknownRegion.body.error).toBe('unknown_region');

    const cancel = await h.http
      .delete(`/programs/${s.programId}/registrations/${res.body.enrollment.id}`)
      .set(organizer.auth)
      .expect(200);
    expect(cancel.body.cancelled).toHaveLength(3);
    await h.http
      .delete(`/programs/${s.programId}/registrations/${randomUUID()}`)
      .set(organizer.auth)
      .expect(404);
    await h.http.delete(`/programs/${randomUUID()}/registrations/me`).set(organizer.auth).expect(404);
    await h.http.delete(`/programs/${s.programId}/registrations/nope`).set(organizer.auth).expect(400);
  });

  it('enrols the program’s members into a session added later (enrollProgramMembersIntoSession), once', async () => {
    const s = await series();
    const [p, k] = [
      await h.signIn({ homeRegionId: pavlodar.id }),
      await h.signIn({ homeRegionId: kostanay.id }),
    ];
    await enroll(p, s.programId).expect(201);
    await enroll(k, s.programId).expect(201);
    const quitter = await h.signIn({ homeRegionId: pavlodar.id });
    await enroll(quitter, s.programId).expect(201);
    await h.http.delete(`/programs/${s.programId}/registrations/me`).set(quitter.auth).expect(200);

    const service = h.app.get(ProgramEnrollmentsService);
    const membersInto = (sessionId: string) =>
      h.ds.transaction((em) => service.enrollProgramMembersIntoSession(em, sessionId));
    const added = (await createSession(h.ds, s.programId, { capacity: 1, localStart: '2031-07-01T10:00' }))
      .id;
    const created = await membersInto(added);
    expect(created.map((r) => [r.userId, r.status, r.source])).toEqual([
      [p.id, 'registered', 'program'],
      [k.id, 'waitlisted', 'program'],
    ]);
    expect(await membersInto(added)).toEqual([]);
    expect(await statusCounts(h.ds, added)).toEqual({ registered: 1, waitlisted: 1 });
    expect(await eventCount(h.ds, 'registration.created', added)).toBe(2);

    const pavlodarOnly = (await createSession(h.ds, s.programId, { targetRegionIds: [pavlodar.id] })).id;
    expect((await membersInto(pavlodarOnly)).map((r) => r.userId)).toEqual([p.id]);
    const closed = (await createSession(h.ds, s.programId, { status: 'cancelled' })).id;
    expect(await membersInto(closed)).toEqual([]);
    await expect(membersInto(randomUUID())).rejects.toMatchObject({
      kind: 'not_found',
    });
  });

  it('hides unpublished programs, refuses archived ones and bad bodies', async () => {
    const u = await h.signIn({ homeRegionId: pavlodar.id });
    const draft = await createProgram(h.ds, { status: 'draft' });
    await createSession(h.ds, draft.id);
    expect((await enroll(u, draft.id).expect(404)).body.error).toBe('program_not_found');
    const archived = await createProgram(h.ds, { status: 'archived' });
    expect((await enroll(organizer, archived.id, { userId: u.id }).expect(409)).body.error).toBe(
      'program_closed',
    );
    await enroll(u, randomUUID()).expect(404);
    await enroll(u, 'x').expect(400);

    const s = await series();
    const bad = await enroll(u, s.programId, { sessions: 'all' }).expect(400);
    expect(bad.body.message).toBe('sessions: property sessions should not exist');
    expect((await enroll(organizer, s.programId, { userId: 'me' }).expect(400)).body.message).toMatch(
      /userId must be a UUID/,
    );
    expect((await enroll(organizer, s.programId, { userId: randomUUID() }).expect(400)).body.error).toBe(
      'unknown_user',
    );
    const [{ n }] = await h.ds.query(
      `SELECT count(*)::int AS n FROM program_enrollments WHERE program_id = $1`,
      [s.programId],
    );
    expect(n).toBe(0);
    await h.http.post(`/programs/${s.programId}/registrations`).send({}).expect(401);
  });

  it('keeps the history of an ended session: an attendee cannot cancel it, an organizer can (no promotion)', async () => {
    const program = await createProgram(h.ds);
    const sessionId = (await createSession(h.ds, program.id, { capacity: 1 })).id;
    const [a, b] = [await h.signIn(), await h.signIn()];
    const ra = (await h.http.post(`/sessions/${sessionId}/registrations`).set(a.auth).send({}).expect(201))
      .body;
    await h.http.post(`/sessions/${sessionId}/registrations`).set(b.auth).send({}).expect(201);
    await h.ds.query(`UPDATE sessions SET start_at = $2, end_at = $3 WHERE id = $1`, [
      sessionId,
      ago(3),
      ago(1),
    ]);
    expect((await h.http.delete(`/me/registrations/${ra.id}`).set(a.auth).expect(409)).body.error).toBe(
      'session_closed',
    );
    const byOrganizer = await h.http
      .delete(`/sessions/${sessionId}/registrations/${ra.id}`)
      .set(organizer.auth)
      .expect(200);
    expect(byOrganizer.body).toMatchObject({ registration: { status: 'cancelled' }, promoted: [] });
    expect(await statusCounts(h.ds, sessionId)).toEqual({ cancelled: 1, waitlisted: 1 });
  });
});
