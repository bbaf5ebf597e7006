import { randomUUID } from 'crypto';
import { Organization, User } from '@qatys/domain';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { regionByCode } from '../support/factories';

describe('users and organizations (e2e)', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let organizer: SignedIn;
  let attendee: SignedIn;
  let pavlodarId: number;
  let kostanayId: number;
  let n = 0;

  const body = (over: Record<string, unknown> = {}) => ({
    email: `staff${++n}@example.kz`,
    password: 'long enough password',
    displayName: 'Сәуле Ахметова',
    language: 'kk',
    timeZone: 'Asia/Almaty',
    roles: ['attendee'],
    ...over,
  });
  const countUsers = () => h.ds.getRepository(User).count();
  const login = (email: string, password = 'long enough password') =>
    h.http.post('/auth/login').send({ email, password });

  beforeAll(async () => {
    h = await startApi();
    [admin, organizer, attendee] = await Promise.all([
      h.signIn({ roles: ['admin'] }),
      h.signIn({ roles: ['organizer'] }),
      h.signIn({ roles: ['attendee'] }),
    ]);
    pavlodarId = (await regionByCode(h.ds, 'KZ-55')).id;
    kostanayId = (await regionByCode(h.ds, 'KZ-39')).id;
  });
  afterAll(() => h.close());

  it('lets an admin create a coordinator for two regions, who then signs in with those roles', async () => {
    const created = await h.http
      .post('/users')
      .set(admin.auth)
      .send(
        body({
          email: 'Secretary@Pavlodar.kz',
          roles: ['coordinator', 'attendee'],
          coordinatorRegionIds: [pavlodarId, kostanayId],
          homeRegionId: pavlodarId,
        }),
      )
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      email: 'secretary@pavlodar.kz',
      displayName: 'Сәуле Ахметова',
      language: 'kk',
      timeZone: 'Asia/Almaty',
      homeRegionId: pavlodarId,
      roles: ['coordinator', 'attendee'],
      coordinatorRegionIds: [pavlodarId, kostanayId],
      organizationId: null,
      disabledAt: null,
      createdAt: expect.any(String),
    });
    expect(created.body).not.toHaveProperty('passwordHash');
    const session = await login('secretary@pavlodar.kz').expect(200);
    expect(session.body.user.roles).toEqual(['coordinator', 'attendee']);
    const claims = JSON.parse(Buffer.from(session.body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ roles: ['coordinator', 'attendee'], rgn: [pavlodarId, kostanayId] });

    const read = await h.http.get(`/users/${created.body.id}`).set(organizer.auth).expect(200);
    expect(read.body).toEqual(created.body);
  });

  it('refuses a coordinator without regions, regions without coordinator, and retired or unknown regions', async () => {
    const before = await countUsers();
    const none = await h.http
      .post('/users')
      .set(admin.auth)
      .send(body({ roles: ['coordinator'] }))
      .expect(400);
    expect(none.body).toMatchObject({
      error: 'coordinator_regions_required',
      message: 'coordinatorRegionIds must list at least one region when roles include coordinator',
    });
    await h.http
      .post('/users')
      .set(admin.auth)
      .send(body({ roles: ['coordinator'], coordinatorRegionIds: [] }))
      .expect(400);
    const stray = await h.http
      .post('/users')
      .set(admin.auth)
      .send(body({ roles: ['speaker'], coordinatorRegionIds: [pavlodarId] }))
      .expect(400);
    expect(stray.body.error).toBe('coordinator_regions_without_role');
    const unknown = await h.http
      .post('/users')
      .set(admin.auth)
      .send(body({ roles: ['coordinator'], coordinatorRegionIds: [9999] }))
      .expect(400);
    expect(unknown.body.message).toBe('coordinatorRegionIds: region 9999 does not exist or is retired');

    const retired = await h.http
      .post('/regions')
      .set(admin.auth)
      .send({ code: 'KZ-95', names: { kk: 'a', ru: 'b', en: 'c' }, timeZone: 'Asia/Almaty' })
      .expect(201);
    await h.http.post(`/regions/${retired.body.id}/retire`).set(admin.auth).expect(200);
    const old = await h.http
      .post('/users')
      .set(admin.auth)
      .send(body({ roles: ['coordinator'], coordinatorRegionIds: [retired.body.id] }))
      .expect(400);
    expect(old.body.error).toBe('unknown_region');
    const home = await h.http
      .post('/users')
      .set(admin.auth)
      .send(body({ homeRegionId: retired.body.id }))
      .expect(400);
    expect(home.body.message).toBe(`homeRegionId: region ${retired.body.id} does not exist or is retired`);
    expect(await countUsers()).toBe(before);
  });

  it('refuses bad bodies with 400 and a duplicate e-mail with 409, writing nothing', async () => {
    const before = await countUsers();
    const cases: [Record<string, unknown>, RegExp][] = [
      [body({ disabledAt: null }), /property disabledAt should not exist/],
      [body({ id: randomUUID() }), /property id should not exist/],
      [body({ roles: ['root'] }), /each value in roles must be one of the following values/],
      [body({ roles: [] }), /roles should not be empty/],
      [body({ timeZone: 'UTC+5' }), /timeZone must be a valid IANA time-zone/],
      [body({ language: 'de' }), /language must be one of the following values: kk, ru, en/],
      [body({ email: 'not-an-email' }), /email must be an email/],
      [body({ password: 'short' }), /password must be longer than or equal to 8 characters/],
      [
        body({ coordinatorRegionIds: ['1'], roles: ['coordinator'] }),
        /each value in coordinatorRegionIds must be an integer/,
      ],
      [body({ organizationId: 'acme' }), /organizationId must be a UUID/],
      [body({ displayName: undefined }), /displayName must be a string/],
    ];
    for (const [payload, message] of cases) {
      const res = await h.http.post('/users').set(admin.auth).send(payload).expect(400);
      expect(res.body.message).toMatch(message);
    }
    const org = await h.http
      .post('/users')
      .set(admin.auth)
      .send(body({ organizationId: randomUUID() }))
      .expect(400);
    expect(org.body.error).toBe('unknown_organization');
    const dup = await h.http
      .post('/users')
      .set(admin.auth)
      .send(body({ email: organizer.email }))
      .expect(409);
    expect(dup.body.error).toBe('email_taken');
    expect(await countUsers()).toBe(before);
  });

  it('lets only admins create users: organizers and attendees get 403, anonymous 401', async () => {
    const before = await countUsers();
    const res = await h.http
      .post('/users')
      .set(organizer.auth)
      .send(body({ roles: ['admin'] }))
      .expect(403);
    expect(res.body.message).toBe('This needs one of the roles: admin');
    await h.http.post('/users').set(attendee.auth).send(body()).expect(403);
    await h.http.post('/users').send(body()).expect(401);
    await h.http.get('/users').set(attendee.auth).expect(403);
    await h.http.get(`/users/${organizer.id}`).set(attendee.auth).expect(403);
    await h.http.get('/users').expect(401);
    expect(await countUsers()).toBe(before);
  });

  it('lists users with search, role filter and pagination', async () => {
    for (const name of ['Ержан Бекмұрат', 'Ержан Смагулов', 'Анна Ли']) {
      await h.http
        .post('/users')
        .set(admin.auth)
        .send(body({ displayName: name, roles: ['speaker'] }))
        .expect(201);
    }
    const byName = await h.http.get('/users').query({ q: 'ержан' }).set(organizer.auth).expect(200);
    expect(byName.body.total).toBe(2);
    expect(byName.body.items.map((u: { displayName: string }) => u.displayName).sort()).toEqual([
      'Ержан Бекмұрат',
      'Ержан Смагулов',
    ]);
    const byEmail = await h.http
      .get('/users')
      .query({ q: organizer.email.toUpperCase() })
      .set(admin.auth)
      .expect(200);
    expect(byEmail.body.items.map((u: { id: string }) => u.id)).toEqual([organizer.id]);
    // LIKE wildcards in the search are taken literally.
    expect((await h.http.get('/users').query({ q: '%' }).set(admin.auth).expect(200)).body.total).toBe(0);

    const speakers = await h.http
      .get('/users')
      .query({ role: 'speaker', pageSize: 2 })
      .set(admin.auth)
      .expect(200);
    expect(speakers.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(speakers.body.items).toHaveLength(2);
    const page2 = await h.http
      .get('/users')
      .query({ role: 'speaker', pageSize: 2, page: 2 })
      .set(admin.auth)
      .expect(200);
    expect(page2.body.items).toHaveLength(1);
    const ids = [...speakers.body.items, ...page2.body.items].map((u: { id: string }) => u.id);
    expect(new Set(ids).size).toBe(3);
    expect(page2.body.items[0].roles).toEqual(['speaker']);

    const bad = await h.http.get('/users').query({ pageSize: 500 }).set(admin.auth).expect(400);
    expect(bad.body.message).toBe('pageSize must not be greater than 200');
    await h.http.get('/users').query({ role: 'root' }).set(admin.auth).expect(400);
    await h.http.get('/users').query({ page: 'x' }).set(admin.auth).expect(400);
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    const missing = await h.http.get(`/users/${randomUUID()}`).set(admin.auth).expect(404);
    expect(missing.body.error).toBe('user_not_found');
    const bad = await h.http.get('/users/123').set(admin.auth).expect(400);
    expect(bad.body.message).toBe('id must be a UUID');
    await h.http
      .patch(`/users/${randomUUID()}/roles`)
      .set(admin.auth)
      .send({ roles: ['attendee'] })
      .expect(404);
  });

  it('changes roles for the next token only', async () => {
    const user = await h.signIn({ roles: ['attendee'] });
    await h.http.get('/users').set(user.auth).expect(403);
    const changed = await h.http
      .patch(`/users/${user.id}/roles`)
      .set(admin.auth)
      .send({ roles: ['organizer'] })
      .expect(200);
    expect(changed.body.roles).toEqual(['organizer']);
    // The old access token still carries the old roles...
    await h.http.get('/users').set(user.auth).expect(403);
    // ...the next one has the new ones.
    const refreshed = await h.http
      .post('/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    await h.http.get('/users').set('Authorization', `Bearer ${refreshed.body.accessToken}`).expect(200);

    const coordinator = await h.http
      .patch(`/users/${user.id}/roles`)
      .set(admin.auth)
      .send({ roles: ['coordinator'], coordinatorRegionIds: [kostanayId] })
      .expect(200);
    expect(coordinator.body).toMatchObject({ roles: ['coordinator'], coordinatorRegionIds: [kostanayId] });
    const dropped = await h.http
      .patch(`/users/${user.id}/roles`)
      .set(admin.auth)
      .send({ roles: ['attendee'] })
      .expect(200);
    expect(dropped.body).toMatchObject({ roles: ['attendee'], coordinatorRegionIds: [] });
  });

  it('refuses bad role changes and non-admins, changing nothing', async () => {
    const user = await h.signIn({ roles: ['speaker'] });
    const none = await h.http
      .patch(`/users/${user.id}/roles`)
      .set(admin.auth)
      .send({ roles: ['coordinator'] })
      .expect(400);
    expect(none.body.message).toBe(
      'coordinatorRegionIds must list at least one region when roles include coordinator',
    );
    await h.http.patch(`/users/${user.id}/roles`).set(admin.auth).send({ roles: [] }).expect(400);
    await h.http
      .patch(`/users/${user.id}/roles`)
      .set(admin.auth)
      .send({ roles: ['speaker'], email: 'x@y.kz' })
      .expect(400);
    await h.http
      .patch(`/users/${user.id}/roles`)
      .set(organizer.auth)
      .send({ roles: ['admin'] })
      .expect(403);
    await h.http
      .patch(`/users/${user.id}/roles`)
      .set(user.auth)
      .send({ roles: ['admin'] })
      .expect(403);
    const row = await h.ds.getRepository(User).findOneByOrFail({ id: user.id });
    expect(row.roles).toEqual(['speaker']);
  });

  it('takes coordinator regions from an admin only: sign-up and profile refuse them, a coordinator cannot widen their own', async () => {
    const coordinator = await h.signIn({ roles: ['coordinator'], coordinatorRegionIds: [pavlodarId] });
    const widen = await h.http
      .patch(`/users/${coordinator.id}/roles`)
      .set(coordinator.auth)
      .send({ roles: ['coordinator'], coordinatorRegionIds: [pavlodarId, kostanayId] })
      .expect(403);
    expect(widen.body.error).toEqual(expect.any(String));
    const viaProfile = await h.http
      .patch('/me')
      .set(coordinator.auth)
      .send({ coordinatorRegionIds: [pavlodarId, kostanayId] })
      .expect(400);
    expect(viaProfile.body.error).toBe('validation_failed');
    const viaSignUp = await h.http
      .post('/auth/register')
      .send({
        email: `signup${++n}@example.kz`,
        password: 'long enough password',
        displayName: 'Самозванец',
        coordinatorRegionIds: [pavlodarId],
      })
      .expect(400);
    expect(viaSignUp.body.error).toBe('validation_failed');
    const row = await h.ds.getRepository(User).findOneByOrFail({ id: coordinator.id });
    expect(row.coordinatorRegionIds).toEqual([pavlodarId]);
  });

  it('stops an admin from removing their own admin role (409) but not from changing another admin', async () => {
    const self = await h.http
      .patch(`/users/${admin.id}/roles`)
      .set(admin.auth)
      .send({ roles: ['organizer'] })
      .expect(409);
    expect(self.body).toMatchObject({ error: 'cannot_remove_own_admin' });
    expect((await h.ds.getRepository(User).findOneByOrFail({ id: admin.id })).roles).toEqual(['admin']);
    await h.http
      .patch(`/users/${admin.id}/roles`)
      .set(admin.auth)
      .send({ roles: ['admin', 'organizer'] })
      .expect(200);

    const other = await h.signIn({ roles: ['admin'] });
    const demoted = await h.http
      .patch(`/users/${other.id}/roles`)
      .set(admin.auth)
      .send({ roles: ['attendee'] })
      .expect(200);
    expect(demoted.body.roles).toEqual(['attendee']);
  });

  it('disables an account: no sign-in, no refresh, feed revoked; admins cannot disable themselves', async () => {
    const user = await h.signIn({ roles: ['attendee'] });
    const feed = await h.http.post('/me/calendar-token').set(user.auth).expect(201);
    await h.http.get('/me/calendar.ics').query({ token: feed.body.token }).expect(200);

    await h.http.post(`/users/${user.id}/disable`).set(organizer.auth).expect(403);
    const disabled = await h.http.post(`/users/${user.id}/disable`).set(admin.auth).expect(200);
    expect(disabled.body.disabledAt).toEqual(expect.any(String));
    const again = await h.http.post(`/users/${user.id}/disable`).set(admin.auth).expect(200);
    expect(again.body.disabledAt).toBe(disabled.body.disabledAt);

    await login(user.email, 'correct horse battery').expect(401);
    await h.http.post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    await h.http.get('/me/calendar.ics').query({ token: feed.body.token }).expect(401);

    const self = await h.http.post(`/users/${admin.id}/disable`).set(admin.auth).expect(409);
    expect(self.body.error).toBe('cannot_disable_self');
    expect((await h.ds.getRepository(User).findOneByOrFail({ id: admin.id })).disabledAt).toBeNull();
  });

  it('enables a disabled account again (admin only): sign-in works, the old refresh token and feed stay dead', async () => {
    const user = await h.signIn({ roles: ['attendee'] });
    const feed = await h.http.post('/me/calendar-token').set(user.auth).expect(201);
    await h.http.post(`/users/${user.id}/disable`).set(admin.auth).expect(200);
    await login(user.email, 'correct horse battery').expect(401);

    for (const who of [organizer, attendee]) {
      const refused = await h.http.post(`/users/${user.id}/enable`).set(who.auth).expect(403);
      expect(refused.body.error).toEqual(expect.any(String));
    }
    await h.http.post(`/users/${user.id}/enable`).expect(401);
    await login(user.email, 'correct horse battery').expect(401);

    const enabled = await h.http.post(`/users/${user.id}/enable`).set(admin.auth).expect(200);
    expect(enabled.body).toMatchObject({ id: user.id, disabledAt: null });
    const again = await h.http.post(`/users/${user.id}/enable`).set(admin.auth).expect(200);
    expect(again.body.disabledAt).toBeNull();

    await login(user.email, 'correct horse battery').expect(200);
    await h.http.post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    await h.http.get('/me/calendar.ics').query({ token: feed.body.token }).expect(401);

    await h.http.post(`/users/${randomUUID()}/enable`).set(admin.auth).expect(404);
    const malformed = await h.http.post('/users/not-a-uuid/enable').set(admin.auth).expect(400);
    expect(malformed.body.error).toBe('validation_failed');
  });

  it('manages organizations: admins create, organizers read, names are unique', async () => {
    const created = await h.http
      .post('/organizations')
      .set(admin.auth)
      .send({ name: '  Academy of Political Management ' })
      .expect(201);
    expect(created.body).toEqual({ id: expect.any(String), name: 'Academy of Political Management' });
    const dup = await h.http
      .post('/organizations')
      .set(admin.auth)
      .send({ name: 'Academy of Political Management' })
      .expect(409);
    expect(dup.body.error).toBe('organization_name_taken');
    await h.http.post('/organizations').set(organizer.auth).send({ name: 'Other' }).expect(403);
    await h.http.post('/organizations').set(admin.auth).send({ name: '' }).expect(400);
    await h.http.post('/organizations').set(admin.auth).send({ name: 'X', id: randomUUID() }).expect(400);
    await h.http.get('/organizations').set(attendee.auth).expect(403);
    const list = await h.http.get('/organizations').set(organizer.auth).expect(200);
    expect(list.body).toEqual([created.body]);
    expect(await h.ds.getRepository(Organization).count()).toBe(1);

    const member = await h.http
      .post('/users')
      .set(admin.auth)
      .send(body({ organizationId: created.body.id, roles: ['organizer'] }))
      .expect(201);
    expect(member.body.organizationId).toBe(created.body.id);
  });
});
