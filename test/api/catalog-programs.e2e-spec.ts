import { createOrganization, createSession } from '../support/factories';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { catalogCounts, countRows } from '../support/catalog-fixtures';

describe('catalog: programs and modules (e2e)', () => {
  let h: ApiHarness;
  let orgId: string;
  let organizer: SignedIn;
  let admin: SignedIn;
  let attendee: SignedIn;

  const newProgram = (over: Record<string, unknown> = {}) => ({
    title: { ru: 'Вебинары для участников праймериз', en: 'Primaries webinar series' },
    description: { en: 'Free webinars, mid-June to early August' },
    defaultTimeZone: 'Asia/Almaty',
    defaultLanguage: 'ru',
    startsOn: '2024-06-15',
    endsOn: '2024-08-05',
    ...over,
  });

  beforeAll(async () => {
    h = await startApi();
    orgId = (await createOrganization(h.ds, 'Academy of Political Management')).id;
    organizer = await h.signIn({ roles: ['organizer'], organizationId: orgId });
    admin = await h.signIn({ roles: ['admin'] });
    attendee = await h.signIn({ roles: ['attendee'] });
  });
  afterAll(() => h.close());

  it('needs a token (401) and the organizer or admin role to write (403), writing nothing', async () => {
    await h.http.get('/programs').expect(401);
    const before = await catalogCounts(h.ds);
    const noToken = await h.http.post('/programs').send(newProgram()).expect(401);
    expect(noToken.body.error).toBe('unauthorized');
    const res = await h.http.post('/programs').set(attendee.auth).send(newProgram()).expect(403);
    expect(res.body.message).toMatch(/admin, organizer/);
    const coordinator = await h.signIn({ roles: ['coordinator', 'speaker', 'moderator'] });
    await h.http.post('/programs').set(coordinator.auth).send(newProgram()).expect(403);
    expect(await catalogCounts(h.ds)).toEqual(before);
  });

  it("creates a draft in the organizer's own organization and returns it with its fields", async () => {
    const res = await h.http
      .post('/programs')
      .set(organizer.auth)
      .send(newProgram({ reminderOffsetsMinutes: [10, 1440] }))
      .expect(201);
    expect(res.body).toMatchObject({
      organizationId: orgId,
      title: { ru: 'Вебинары для участников праймериз', en: 'Primaries webinar series' },
      defaultTimeZone: 'Asia/Almaty',
      defaultLanguage: 'ru',
      startsOn: '2024-06-15',
      endsOn: '2024-08-05',
      status: 'draft',
      reminderOffsetsMinutes: [1440, 10],
      modules: [],
    });
    const got = await h.http.get(`/programs/${res.body.id}`).set(organizer.auth).expect(200);
    expect(got.body).toEqual(res.body);
  });

  it('lets an admin pick any existing organization, and says which field is missing or wrong', async () => {
    const other = await createOrganization(h.ds);
    const ok = await h.http
      .post('/programs')
      .set(admin.auth)
      .send(newProgram({ organizationId: other.id }))
      .expect(201);
    expect(ok.body.organizationId).toBe(other.id);

    const before = await countRows(h.ds, 'programs');
    const none = await h.http.post('/programs').set(admin.auth).send(newProgram()).expect(400);
    expect(none.body).toMatchObject({
      error: 'organization_required',
      message: expect.stringMatching(/^organizationId is required/),
    });
    const unknown = await h.http
      .post('/programs')
      .set(admin.auth)
      .send(newProgram({ organizationId: '00000000-0000-4000-8000-000000000000' }))
      .expect(400);
    expect(unknown.body.message).toBe(
      'organizationId: organization 00000000-0000-4000-8000-000000000000 does not exist',
    );
    const notUuid = await h.http
      .post('/programs')
      .set(admin.auth)
      .send(newProgram({ organizationId: 'academy' }))
      .expect(400);
    expect(notUuid.body.message).toMatch(/organizationId must be a UUID/);
    const foreign = await h.http
      .post('/programs')
      .set(organizer.auth)
      .send(newProgram({ organizationId: other.id }))
      .expect(403);
    expect(foreign.body.message).toMatch(/Only an admin/);
    const orphan = await h.signIn({ roles: ['organizer'] });
    const orphanRes = await h.http.post('/programs').set(orphan.auth).send(newProgram()).expect(400);
    expect(orphanRes.body.message).toMatch(/organizationId is required/);
    expect(await countRows(h.ds, 'programs')).toBe(before);
  });

  it.each([
    [
      'an unknown zone',
      { defaultTimeZone: 'Asia/Nowhere' },
      'defaultTimeZone "Asia/Nowhere" is not an IANA time zone',
    ],
    [
      'an end before the start',
      { endsOn: '2024-06-01' },
      'endsOn (2024-06-01) must not be before startsOn (2024-06-15)',
    ],
    [
      'an impossible date',
      { startsOn: '2024-02-30', endsOn: null },
      'startsOn must be a real date as YYYY-MM-DD (got "2024-02-30")',
    ],
    ['a date in another format', { startsOn: '15.06.2024' }, 'startsOn must be a date as YYYY-MM-DD'],
    [
      'a title without any language',
      { title: {} },
      'title needs a text in at least one language (kk, ru or en)',
    ],
    ['a blank title', { title: { en: '   ' } }, 'title.en must not be blank'],
    ['a title that is a string', { title: 'Primaries' }, 'title must be an object'],
    [
      'a too long title',
      { title: { kk: 'x'.repeat(301) } },
      'title.kk must be shorter than or equal to 300 characters',
    ],
    [
      'a too long description',
      { description: { ru: 'x'.repeat(5001) } },
      'description.ru must be shorter than or equal to 5000 characters',
    ],
    [
      'an unknown language',
      { title: { de: 'Vorwahlen', en: 'Primaries' } },
      'title.de: property de should not exist',
    ],
    ['an unknown field', { status: 'published' }, 'property status should not exist'],
    [
      'an unknown language code',
      { defaultLanguage: 'de' },
      'defaultLanguage must be one of the following values: kk, ru, en',
    ],
    [
      'an offset out of range',
      { reminderOffsetsMinutes: [0, 60] },
      'each value in reminderOffsetsMinutes must not be less than 1',
    ],
    [
      'repeated offsets',
      { reminderOffsetsMinutes: [60, 60] },
      "All reminderOffsetsMinutes's elements must be unique",
    ],
    [
      'offsets that are not numbers',
      { reminderOffsetsMinutes: ['60'] },
      'each value in reminderOffsetsMinutes must be an integer number',
    ],
    ['a null title', { title: null }, 'title must be an object'],
  ])('refuses %s with a 400 naming the field, writing nothing', async (_what, over, message) => {
    const before = await countRows(h.ds, 'programs');
    const res = await h.http.post('/programs').set(organizer.auth).send(newProgram(over)).expect(400);
    expect(res.body.message).toContain(message);
    expect(await countRows(h.ds, 'programs')).toBe(before);
  });

  it('shows drafts and archived programs to organizers only (404 for attendees), with pagination', async () => {
    const draft = (await h.http.post('/programs').set(organizer.auth).send(newProgram()).expect(201)).body;
    const pub = (
      await h.http
        .post('/programs')
        .set(organizer.auth)
        .send(newProgram({ title: { en: 'Published one' } }))
        .expect(201)
    ).body;
    await h.http
      .post(`/programs/${pub.id}/status`)
      .set(organizer.auth)
      .send({ status: 'published' })
      .expect(200);

    await h.http.get(`/programs/${draft.id}`).set(attendee.auth).expect(404);
    await h.http.get(`/programs/${draft.id}/modules`).set(attendee.auth).expect(404);
    const seen = await h.http.get(`/programs/${pub.id}`).set(attendee.auth).expect(200);
    expect(seen.body.status).toBe('published');

    const list = await h.http.get('/programs?pageSize=100').set(attendee.auth).expect(200);
    expect(list.body.items.every((p: { status: string }) => p.status === 'published')).toBe(true);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(pub.id);
    const drafts = await h.http.get('/programs?status=draft').set(attendee.auth).expect(200);
    expect(drafts.body).toEqual({ items: [], page: 1, pageSize: 20, total: 0 });

    const all = await h.http.get('/programs?pageSize=2&page=1').set(organizer.auth).expect(200);
    const total = await countRows(h.ds, 'programs');
    expect(all.body).toMatchObject({ page: 1, pageSize: 2, total });
    expect(all.body.items).toHaveLength(2);
    const onlyDrafts = await h.http
      .get('/programs?status=draft&pageSize=100')
      .set(organizer.auth)
      .expect(200);
    expect(onlyDrafts.body.total).toBe(await countRows(h.ds, 'programs', `status = 'draft'`));

    await h.http.get('/programs?pageSize=101').set(organizer.auth).expect(400);
    const bad = await h.http.get('/programs?page=0').set(organizer.auth).expect(400);
    expect(bad.body.message).toMatch(/page must not be less than 1/);
    await h.http.get('/programs?status=live').set(organizer.auth).expect(400);
    await h.http.get('/programs/not-a-uuid').set(organizer.auth).expect(400);
    await h.http.get('/programs/00000000-0000-4000-8000-000000000000').set(organizer.auth).expect(404);
  });

  it('moves draft <-> published, archives, and refuses anything after archived (409)', async () => {
    const p = (await h.http.post('/programs').set(organizer.auth).send(newProgram()).expect(201)).body;
    const url = `/programs/${p.id}/status`;
    expect(
      (await h.http.post(url).set(organizer.auth).send({ status: 'published' }).expect(200)).body.status,
    ).toBe('published');
    expect(
      (await h.http.post(url).set(organizer.auth).send({ status: 'draft' }).expect(200)).body.status,
    ).toBe('draft');
    expect(
      (await h.http.post(url).set(organizer.auth).send({ status: 'draft' }).expect(200)).body.status,
    ).toBe('draft');
    expect(
      (await h.http.post(url).set(organizer.auth).send({ status: 'archived' }).expect(200)).body.status,
    ).toBe('archived');
    const back = await h.http.post(url).set(organizer.auth).send({ status: 'published' }).expect(409);
    expect(back.body).toMatchObject({
      error: 'illegal_status_transition',
      message: expect.stringMatching(/archived/),
    });
    const edit = await h.http
      .patch(`/programs/${p.id}`)
      .set(organizer.auth)
      .send({ title: { en: 'New' } })
      .expect(409);
    expect(edit.body.error).toBe('program_archived');
    await h.http
      .post(`/programs/${p.id}/modules`)
      .set(organizer.auth)
      .send({ title: { en: 'M' } })
      .expect(409);
    await h.http.post(url).set(organizer.auth).send({ status: 'cancelled' }).expect(400);
    await h.http.post(url).set(attendee.auth).send({ status: 'draft' }).expect(403);
  });

  it('patches fields with the same rules and keeps the others', async () => {
    const p = (await h.http.post('/programs').set(organizer.auth).send(newProgram()).expect(201)).body;
    const res = await h.http
      .patch(`/programs/${p.id}`)
      .set(organizer.auth)
      .send({
        title: { kk: 'Праймериз вебинарлары' },
        endsOn: '2024-08-10',
        defaultTimeZone: 'Asia/Qostanay',
      })
      .expect(200);
    expect(res.body).toMatchObject({
      title: { kk: 'Праймериз вебинарлары' },
      startsOn: '2024-06-15',
      endsOn: '2024-08-10',
      defaultTimeZone: 'Asia/Qostanay',
      description: p.description,
    });
    const bad = await h.http
      .patch(`/programs/${p.id}`)
      .set(organizer.auth)
      .send({ startsOn: '2024-09-01' })
      .expect(400);
    expect(bad.body.message).toBe('endsOn (2024-08-10) must not be before startsOn (2024-09-01)');
    await h.http
      .patch(`/programs/${p.id}`)
      .set(organizer.auth)
      .send({ defaultTimeZone: 'UTC+5' })
      .expect(400);
    await h.http.patch(`/programs/${p.id}`).set(organizer.auth).send({ organizationId: orgId }).expect(400);
    await h.http
      .patch(`/programs/${p.id}`)
      .set(attendee.auth)
      .send({ title: { en: 'x' } })
      .expect(403);
    const cleared = await h.http
      .patch(`/programs/${p.id}`)
      .set(organizer.auth)
      .send({ startsOn: null, endsOn: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ startsOn: null, endsOn: null });
    const after = await h.http.get(`/programs/${p.id}`).set(organizer.auth).expect(200);
    expect(after.body.defaultTimeZone).toBe('Asia/Qostanay');
  });

  it('keeps modules ordered 1..n through append, insert, reorder and delete', async () => {
    const p = (await h.http.post('/programs').set(organizer.auth).send(newProgram()).expect(201)).body;
    const url = `/programs/${p.id}/modules`;
    const add = async (en: string, position?: number) =>
      (
        await h.http
          .post(url)
          .set(organizer.auth)
          .send({ title: { en }, ...(position ? { position } : {}) })
          .expect(201)
      ).body;
    const m1 = await add('How internal selection works');
    const m2 = await add('International practice');
    const m4 = await add('Political oratory');
    const m3 = await add("The deputy's image", 3);
    expect(m3.position).toBe(3);
    const titles = async () =>
      (await h.http.get(url).set(organizer.auth).expect(200)).body.map(
        (m: { position: number; title: { en: string } }) => [m.position, m.title.en],
      );
    expect(await titles()).toEqual([
      [1, 'How internal selection works'],
      [2, 'International practice'],
      [3, "The deputy's image"],
      [4, 'Political oratory'],
    ]);

    const moved = await h.http.patch(`${url}/${m4.id}`).set(organizer.auth).send({ position: 1 }).expect(200);
    expect(moved.body.position).toBe(1);
    expect((await titles()).map((t: unknown[]) => t[1])).toEqual([
      'Political oratory',
      'How internal selection works',
      'International practice',
      "The deputy's image",
    ]);
    await h.http
      .patch(`${url}/${m1.id}`)
      .set(organizer.auth)
      .send({ position: 4, title: { en: 'Selection' } })
      .expect(200);
    expect(await titles()).toEqual([
      [1, 'Political oratory'],
      [2, 'International practice'],
      [3, "The deputy's image"],
      [4, 'Selection'],
    ]);

    const badPos = await h.http
      .patch(`${url}/${m1.id}`)
      .set(organizer.auth)
      .send({ position: 5 })
      .expect(400);
    expect(badPos.body.message).toBe('position must be an integer between 1 and 4 (got 5)');
    const badInsert = await h.http
      .post(url)
      .set(organizer.auth)
      .send({ title: { en: 'x' }, position: 6 })
      .expect(400);
    expect(badInsert.body.message).toMatch(/between 1 and 5/);
    await h.http
      .post(url)
      .set(organizer.auth)
      .send({ title: { en: 'x' }, position: 'first' })
      .expect(400);
    await h.http
      .post(url)
      .set(attendee.auth)
      .send({ title: { en: 'x' } })
      .expect(403);
    expect(await countRows(h.ds, 'program_modules', 'program_id = $1', [p.id])).toBe(4);

    // A session of a deleted module stays, without a module.
    const session = await createSession(h.ds, p.id, { moduleId: m2.id });
    await h.http.delete(`${url}/${m2.id}`).set(organizer.auth).expect(204);
    expect(await titles()).toEqual([
      [1, 'Political oratory'],
      [2, "The deputy's image"],
      [3, 'Selection'],
    ]);
    const [row] = await h.ds.query('SELECT module_id FROM sessions WHERE id = $1', [session.id]);
    expect(row.module_id).toBeNull();
    await h.http.delete(`${url}/${m2.id}`).set(organizer.auth).expect(404);
    await h.http
      .patch(`/programs/${p.id}/modules/${m3.id}`)
      .set(organizer.auth)
      .send({ title: {} })
      .expect(400);

    const program = await h.http.get(`/programs/${p.id}`).set(organizer.auth).expect(200);
    expect(program.body.modules.map((m: { position: number }) => m.position)).toEqual([1, 2, 3]);
    expect(program.body.modules[0].id).toBe(m4.id);

    // A module of another program is not found under this one.
    const other = (await h.http.post('/programs').set(organizer.auth).send(newProgram()).expect(201)).body;
    await h.http
      .patch(`/programs/${other.id}/modules/${m3.id}`)
      .set(organizer.auth)
      .send({ position: 1 })
      .expect(404);
  });
});

describe('catalog: OpenAPI', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(() => h.close());

  it('documents every catalog route with its schemas', async () => {
    const res = await h.http.get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/programs',
        '/programs/{id}',
        '/programs/{id}/status',
        '/programs/{id}/modules',
        '/programs/{id}/modules/{moduleId}',
        '/sessions',
        '/sessions/{id}',
        '/sessions/{id}/cancel',
        '/sessions/{id}/status',
        '/sessions/{id}/speakers',
        '/sessions/{id}/sections',
        '/sessions/{id}/sections/{sectionId}',
        '/speakers',
        '/speakers/{id}',
      ]),
    );
    const schemas = res.body.components.schemas;
    expect(Object.keys(schemas.CreateSessionRequest.properties)).toEqual(
      expect.arrayContaining([
        'programId',
        'title',
        'start',
        'end',
        'durationMinutes',
        'timeZone',
        'speakerIds',
      ]),
    );
    expect(schemas.SessionPageResponse.properties.items.items.$ref).toMatch(/SessionSummaryResponse/);
    expect(res.body.paths['/sessions'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'from',
        'to',
        'date',
        'regionId',
        'speakerId',
        'status',
        'sort',
        'page',
        'pageSize',
        'tz',
      ]),
    );
  });
});
