import { createOrganization, createProgram, createSession, createSpeaker } from '../support/factories';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { catalogCounts, countRows } from '../support/catalog-fixtures';

describe('catalog: speakers and sections (e2e)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;
  let attendee: SignedIn;
  let programId: string;

  beforeAll(async () => {
    h = await startApi();
    const org = await createOrganization(h.ds);
    organizer = await h.signIn({ roles: ['organizer'], organizationId: org.id });
    attendee = await h.signIn({ roles: ['attendee'] });
    programId = (await createProgram(h.ds, { organizationId: org.id, status: 'published' })).id;
  });
  afterAll(() => h.close());

  describe('speakers', () => {
    it('creates, reads and patches a speaker profile', async () => {
      const user = await h.signIn({ roles: ['speaker'] });
      const res = await h.http
        .post('/speakers')
        .set(organizer.auth)
        .send({
          fullName: '  Aigerim Sadykova ',
          bio: { kk: 'Саясаттанушы', ru: 'Политолог', en: 'Political scientist' },
          affiliation: 'Academy of Political Management',
          userId: user.id,
        })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        fullName: 'Aigerim Sadykova',
        bio: { kk: 'Саясаттанушы', ru: 'Политолог', en: 'Political scientist' },
        affiliation: 'Academy of Political Management',
        userId: user.id,
        photoUrl: null,
      });
      const got = await h.http.get(`/speakers/${res.body.id}`).set(attendee.auth).expect(200);
      expect(got.body).toEqual(res.body);
      const patched = await h.http
        .patch(`/speakers/${res.body.id}`)
        .set(organizer.auth)
        .send({ affiliation: null, userId: null, bio: { en: 'Trainer' } })
        .expect(200);
      expect(patched.body).toMatchObject({
        fullName: 'Aigerim Sadykova',
        affiliation: null,
        userId: null,
        bio: { en: 'Trainer' },
      });
      await h.http.get('/speakers/00000000-0000-4000-8000-000000000000').set(attendee.auth).expect(404);
      await h.http
        .patch('/speakers/00000000-0000-4000-8000-000000000000')
        .set(organizer.auth)
        .send({ fullName: 'X' })
        .expect(404);
    });

    it.each([
      [
        'an unknown user',
        { fullName: 'X', userId: '00000000-0000-4000-8000-000000000000' },
        /^userId: user 00000000-0000-4000-8000-000000000000 does not exist$/,
      ],
      ['a blank name', { fullName: '   ' }, /fullName must not be blank/],
      ['a missing name', { bio: { en: 'x' } }, /fullName must be a string/],
      [
        'a bio in an unknown language',
        { fullName: 'X', bio: { de: 'x' } },
        /bio.de: property de should not exist/,
      ],
      [
        'a too long name',
        { fullName: 'x'.repeat(201) },
        /fullName must be shorter than or equal to 200 characters/,
      ],
      [
        'an unknown field',
        { fullName: 'X', organizationId: '00000000-0000-4000-8000-000000000000' },
        /property organizationId should not exist/,
      ],
    ])('refuses %s with a 400 and writes nothing', async (_what, body, message) => {
      const before = await countRows(h.ds, 'speakers');
      const res = await h.http.post('/speakers').set(organizer.auth).send(body).expect(400);
      expect(res.body.message).toMatch(message);
      expect(await countRows(h.ds, 'speakers')).toBe(before);
    });

    it('lets only organizers write, and everyone signed in search', async () => {
      await h.http.post('/speakers').set(attendee.auth).send({ fullName: 'X' }).expect(403);
      await h.http.post('/speakers').send({ fullName: 'X' }).expect(401);
      await h.http.get('/speakers').expect(401);
      await createSpeaker(h.ds, { fullName: 'Bolat Zhanov', affiliation: 'Nur Otan youth wing' });
      await createSpeaker(h.ds, { fullName: 'Dana 100% Omarova' });
      const byName = await h.http.get('/speakers?q=zhanov').set(attendee.auth).expect(200);
      expect(byName.body.items.map((s: { fullName: string }) => s.fullName)).toEqual(['Bolat Zhanov']);
      const byAffiliation = await h.http.get('/speakers?q=YOUTH').set(attendee.auth).expect(200);
      expect(byAffiliation.body.total).toBe(1);
      const literal = await h.http.get('/speakers?q=100%25').set(attendee.auth).expect(200);
      expect(literal.body.items.map((s: { fullName: string }) => s.fullName)).toEqual(['Dana 100% Omarova']);
      const page = await h.http.get('/speakers?pageSize=1&page=2').set(attendee.auth).expect(200);
      expect(page.body).toMatchObject({ page: 2, pageSize: 1, total: await countRows(h.ds, 'speakers') });
      expect(page.body.items).toHaveLength(1);
    });
  });

  describe('sections', () => {
    it('keeps parallel sections in order with leads and capacities, and shows them on the session', async () => {
      const session = await createSession(h.ds, programId);
      const lead = await createSpeaker(h.ds, { fullName: 'Section Lead' });
      const url = `/sessions/${session.id}/sections`;
      const add = async (body: Record<string, unknown>) =>
        (await h.http.post(url).set(organizer.auth).send(body).expect(201)).body;
      const a = await add({ title: { ru: 'Ораторское искусство' }, leadSpeakerId: lead.id, capacity: 40 });
      expect(a).toEqual({
        id: expect.any(String),
        sessionId: session.id,
        title: { ru: 'Ораторское искусство' },
        description: {},
        leadSpeaker: { id: lead.id, fullName: 'Section Lead', affiliation: null },
        capacity: 40,
        registeredCount: 0,
        position: 1,
      });
      const b = await add({ title: { en: 'Political communication' } });
      const c = await add({ title: { en: 'Digital tools' }, position: 1 });
      const d = await add({ title: { en: 'Youth policy' }, capacity: null });
      const order = async () =>
        (await h.http.get(url).set(attendee.auth).expect(200)).body.map(
          (x: { id: string; position: number }) => [x.position, x.id],
        );
      expect(await order()).toEqual([
        [1, c.id],
        [2, a.id],
        [3, b.id],
        [4, d.id],
      ]);

      const moved = await h.http
        .patch(`${url}/${d.id}`)
        .set(organizer.auth)
        .send({ position: 2, leadSpeakerId: lead.id, title: { en: 'Youth' } })
        .expect(200);
      expect(moved.body).toMatchObject({ position: 2, title: { en: 'Youth' }, leadSpeaker: { id: lead.id } });
      expect((await order()).map((x: unknown[]) => x[1])).toEqual([c.id, d.id, a.id, b.id]);
      const noLead = await h.http
        .patch(`${url}/${a.id}`)
        .set(organizer.auth)
        .send({ leadSpeakerId: null, capacity: null })
        .expect(200);
      expect(noLead.body).toMatchObject({ leadSpeaker: null, capacity: null });

      const full = await h.http.get(`/sessions/${session.id}`).set(attendee.auth).expect(200);
      expect(full.body.sections.map((x: { id: string }) => x.id)).toEqual([c.id, d.id, a.id, b.id]);
    });

    it('refuses a capacity below the seats taken and deleting a section with registrations (409)', async () => {
      const session = await createSession(h.ds, programId);
      const url = `/sessions/${session.id}/sections`;
      const a = (
        await h.http
          .post(url)
          .set(organizer.auth)
          .send({ title: { en: 'A' }, capacity: 10 })
          .expect(201)
      ).body;
      const b = (
        await h.http
          .post(url)
          .set(organizer.auth)
          .send({ title: { en: 'B' } })
          .expect(201)
      ).body;
      await h.ds.query('UPDATE sections SET registered_count = 6 WHERE id = $1', [a.id]);
      const low = await h.http.patch(`${url}/${a.id}`).set(organizer.auth).send({ capacity: 5 }).expect(409);
      expect(low.body).toMatchObject({
        error: 'capacity_below_registered',
        message: 'capacity 5 is below the 6 seats already taken in this section',
      });
      await h.http.patch(`${url}/${a.id}`).set(organizer.auth).send({ capacity: 6 }).expect(200);

      const u1 = await h.signIn();
      const u2 = await h.signIn();
      await h.ds.query(
        `INSERT INTO registrations (user_id, session_id, section_id, status, waitlisted_at) VALUES ($1, $2, $3, 'waitlisted', now())`,
        [u1.id, session.id, a.id],
      );
      await h.ds.query(
        `INSERT INTO registrations (user_id, session_id, section_id, status, cancelled_at) VALUES ($1, $2, $3, 'cancelled', now())`,
        [u2.id, session.id, b.id],
      );
      const busy = await h.http.delete(`${url}/${a.id}`).set(organizer.auth).expect(409);
      expect(busy.body).toMatchObject({
        error: 'section_has_registrations',
        message: expect.stringMatching(/1 active registration/),
      });
      expect(await countRows(h.ds, 'sections', 'id = $1', [a.id])).toBe(1);

      // only cancelled registrations: it goes, and the others close the gap
      await h.http.delete(`${url}/${b.id}`).set(organizer.auth).expect(204);
      const left = await h.http.get(url).set(organizer.auth).expect(200);
      expect(left.body.map((x: { id: string; position: number }) => [x.position, x.id])).toEqual([[1, a.id]]);
      const [reg] = await h.ds.query('SELECT section_id FROM registrations WHERE user_id = $1', [u2.id]);
      expect(reg.section_id).toBeNull();
      await h.http.delete(`${url}/${b.id}`).set(organizer.auth).expect(404);
    });

    it('refuses bad input, wrong roles, foreign sections and cancelled sessions', async () => {
      const session = await createSession(h.ds, programId);
      const other = await createSession(h.ds, programId);
      const url = `/sessions/${session.id}/sections`;
      const sec = (
        await h.http
          .post(`/sessions/${other.id}/sections`)
          .set(organizer.auth)
          .send({ title: { en: 'O' } })
          .expect(201)
      ).body;
      const before = await catalogCounts(h.ds);
      const cases: [Record<string, unknown>, RegExp][] = [
        [
          { title: { en: 'x' }, leadSpeakerId: '00000000-0000-4000-8000-000000000000' },
          /leadSpeakerId: speaker 00000000-0000-4000-8000-000000000000 does not exist/,
        ],
        [{ title: { en: 'x' }, capacity: 0 }, /capacity must not be less than 1/],
        [{ title: { en: 'x' }, capacity: '10' }, /capacity must be an integer number/],
        [{ title: { en: 'x' }, position: 2 }, /position must be an integer between 1 and 1/],
        [{ title: {} }, /title needs a text in at least one language/],
        [{ title: { en: 'x' }, registeredCount: 3 }, /property registeredCount should not exist/],
      ];
      for (const [body, message] of cases) {
        const res = await h.http.post(url).set(organizer.auth).send(body).expect(400);
        expect(res.body.message).toMatch(message);
      }
      await h.http
        .post(url)
        .set(attendee.auth)
        .send({ title: { en: 'x' } })
        .expect(403);
      await h.http
        .post(url)
        .send({ title: { en: 'x' } })
        .expect(401);
      await h.http
        .patch(`${url}/${sec.id}`)
        .set(organizer.auth)
        .send({ title: { en: 'mine now' } })
        .expect(404);
      await h.http.delete(`${url}/${sec.id}`).set(organizer.auth).expect(404);
      await h.http.delete(`/sessions/${other.id}/sections/${sec.id}`).set(attendee.auth).expect(403);
      await h.http
        .post('/sessions/00000000-0000-4000-8000-000000000000/sections')
        .set(organizer.auth)
        .send({ title: { en: 'x' } })
        .expect(404);
      expect(await catalogCounts(h.ds)).toEqual(before);

      await h.http.post(`/sessions/${session.id}/cancel`).set(organizer.auth).send({}).expect(200);
      const frozen = await h.http
        .post(url)
        .set(organizer.auth)
        .send({ title: { en: 'x' } })
        .expect(409);
      expect(frozen.body.error).toBe('session_cancelled');
    });
  });
});
