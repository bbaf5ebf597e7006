import { Region } from '@qatys/domain';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createProgram, createSession, regionByCode } from '../support/factories';
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
    expect(res.body.registeredCount).toBe(1);
    const mine = await h.http.get('/me/registrations').set(attendee.auth).expect(200);
    const sessionIds = (mine.body.items as { session: { id: string } }[]).map((r) => r.session.id);
    expect(sessionIds).toContain(res.body.id);
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

    const res = await h.http
      .patch(`/sessions/${session.id}`)
      .set(organizer.auth)
      .send({ capacity: 2 })
      .expect(200);
    expect(res.body.registeredCount).toBe(2);
    expect(await statusCounts(h.ds, session.id)).toEqual({ registered: 2, waitlisted: 1 });
    const second = await h.http.get('/me/registrations').set(people[1].auth).expect(200);
    expect(second.body.items[0].status).toBe('registered');
    const third = await h.http.get('/me/registrations').set(people[2].auth).expect(200);
    expect(third.body.items[0].status).toBe('waitlisted');
  });
});
