/**
 * What follows a catalog change for registrations, through the outbox (the change records its
 * event; the registrations' handler reacts): people enrolled in a whole program get a session
 * added later, and more seats on a session or on one of its sections let the waitlist in.
 */
import { Region } from '@qatys/domain';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createProgram, createSection, createSession, regionByCode } from '../support/factories';
import { statusCounts } from '../support/registrations-support';

describe('scheduling follow-ups through the API (e2e)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;
  let pavlodar: Region;

  beforeAll(async () => {
    h = await startApi();
    pavlodar = await regionByCode(h.ds, 'KZ-55');
    organizer = await h.signIn({ roles: ['organizer'] });
  });
  afterAll(() => h.close());

  const mySessionStatuses = async (u: SignedIn) =>
    Object.fromEntries(
      (
        (await h.http.get('/me/registrations').set(u.auth).expect(200)).body.items as {
          session: { id: string };
          status: string;
        }[]
      ).map((r) => [r.session.id, r.status]),
    );

  it('registers the people enrolled in the whole program for a session added later', async () => {
    const program = await createProgram(h.ds);
    await createSession(h.ds, program.id, { localStart: '2031-06-20T10:00' });
    const attendee = await h.signIn({ homeRegionId: pavlodar.id });
    await h.http.post(`/programs/${program.id}/registrations`).set(attendee.auth).send({}).expect(201);

    const res = await h.http
      .post('/sessions')
      .set(organizer.auth)
      .send({
        programId: program.id,
        title: { en: 'Added later' },
        start: '2031-06-27T10:00',
        durationMinutes: 240,
        timeZone: 'Asia/Almaty',
        format: 'online',
        joinUrl: 'https://meet.example/later',
      })
      .expect(201);
    expect(await h.drainOutbox()).toBeGreaterThan(0);
    expect(
      (await h.http.get(`/sessions/${res.body.id}`).set(organizer.auth).expect(200)).body.registeredCount,
    ).toBe(1);
    expect((await mySessionStatuses(attendee))[res.body.id]).toBe('registered');
    // Handling the event again (a worker that died before marking it) registers nobody twice.
    await h.ds.query(
      `UPDATE domain_events SET processed_at = NULL WHERE type = 'session.created' AND aggregate_id = $1`,
      [res.body.id],
    );
    await h.drainOutbox();
    expect(await statusCounts(h.ds, res.body.id)).toEqual({ registered: 1 });
  });

  it('lets the waitlist in, first come first served, when the organizer raises the capacity', async () => {
    const program = await createProgram(h.ds);
    const session = await createSession(h.ds, program.id, { capacity: 1, localStart: '2031-07-01T10:00' });
    const people = [];
    for (let i = 0; i < 3; i++) {
      const u = await h.signIn({ homeRegionId: pavlodar.id });
      await h.http.post(`/sessions/${session.id}/registrations`).set(u.auth).send({}).expect(201);
      people.push(u);
    }
    expect(await statusCounts(h.ds, session.id)).toEqual({ registered: 1, waitlisted: 2 });

    await h.http.patch(`/sessions/${session.id}`).set(organizer.auth).send({ capacity: 2 }).expect(200);
    await h.drainOutbox();
    expect(await statusCounts(h.ds, session.id)).toEqual({ registered: 2, waitlisted: 1 });
    expect((await mySessionStatuses(people[1]))[session.id]).toBe('registered');
    expect((await mySessionStatuses(people[2]))[session.id]).toBe('waitlisted');
    // Lowering nothing and raising again to the same value records nothing new.
    await h.http.patch(`/sessions/${session.id}`).set(organizer.auth).send({ capacity: 2 }).expect(200);
    expect(await h.drainOutbox()).toBe(0);
  });

  it("lets a section's waitlist in when the organizer raises the section's capacity", async () => {
    const program = await createProgram(h.ds);
    const session = await createSession(h.ds, program.id, { capacity: 10, localStart: '2031-07-02T10:00' });
    const section = await createSection(h.ds, session.id, { capacity: 1 });
    const people = [];
    for (let i = 0; i < 3; i++) {
      const u = await h.signIn({ homeRegionId: pavlodar.id });
      await h.http
        .post(`/sessions/${session.id}/registrations`)
        .set(u.auth)
        .send({ sectionId: section.id })
        .expect(201);
      people.push(u);
    }
    expect(await statusCounts(h.ds, session.id)).toEqual({ registered: 1, waitlisted: 2 });

    await h.http
      .patch(`/sessions/${session.id}/sections/${section.id}`)
      .set(organizer.auth)
      .send({ capacity: 3 })
      .expect(200);
    await h.drainOutbox();
    expect(await statusCounts(h.ds, session.id)).toEqual({ registered: 3 });
    for (const p of people) expect((await mySessionStatuses(p))[session.id]).toBe('registered');
    const [counts] = await h.ds.query(`SELECT registered_count FROM sections WHERE id = $1`, [section.id]);
    expect(counts.registered_count).toBe(3);
  });
});
