import { Region, RegionRevision } from '@qatys/domain';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { regionByCode } from '../support/factories';

describe('regions (e2e)', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let organizer: SignedIn;
  let attendee: SignedIn;

  const newRegion = (code: string) => ({
    code,
    names: { kk: 'Жаңа облыс', ru: 'Новая область', en: 'New Region' },
    timeZone: 'Asia/Almaty',
  });
  const countRegions = () => h.ds.getRepository(Region).count();
  const countRevisions = () => h.ds.getRepository(RegionRevision).count();

  beforeAll(async () => {
    h = await startApi();
    [admin, organizer, attendee] = await Promise.all([
      h.signIn({ roles: ['admin'] }),
      h.signIn({ roles: ['organizer'] }),
      h.signIn({ roles: ['attendee'] }),
    ]);
  });
  afterAll(() => h.close());

  it('lists the 20 seeded regions publicly, ordered by code, with names in three languages', async () => {
    const res = await h.http.get('/regions').expect(200);
    expect(res.body).toHaveLength(20);
    expect(res.body.map((r: { code: string }) => r.code)).toEqual(
      [...res.body.map((r: { code: string }) => r.code)].sort(),
    );
    const pavlodar = res.body.find((r: { code: string }) => r.code === 'KZ-55');
    expect(pavlodar).toEqual({
      id: expect.any(Number),
      code: 'KZ-55',
      names: { kk: 'Павлодар облысы', ru: 'Павлодарская область', en: 'Pavlodar Region' },
      timeZone: 'Asia/Almaty',
      retiredAt: null,
    });
    const one = await h.http.get(`/regions/${pavlodar.id}`).expect(200);
    expect(one.body).toEqual(pavlodar);
    const kostanay = await regionByCode(h.ds, 'KZ-39');
    expect((await h.http.get(`/regions/${kostanay.id}`).expect(200)).body.timeZone).toBe('Asia/Qostanay');
  });

  it('answers 404 for an unknown region and 400 for a malformed id or query', async () => {
    const missing = await h.http.get('/regions/99999').expect(404);
    expect(missing.body).toMatchObject({ error: 'region_not_found', message: 'Region 99999 not found' });
    const bad = await h.http.get('/regions/abc').expect(400);
    expect(bad.body).toMatchObject({ error: 'validation_failed', message: 'id must be a positive integer' });
    await h.http.get('/regions/99999999999').expect(400);
    await h.http.get('/regions/0').expect(400);
    await h.http.get('/regions/1.5').expect(400);
    const q = await h.http.get('/regions?includeRetired=yes').expect(400);
    expect(q.body.message).toMatch(/includeRetired/);
    await h.http.get('/regions?foo=1').expect(400);
  });

  it('lets an admin create, rename, retire and restore a region, with a revision for each change', async () => {
    const created = await h.http.post('/regions').set(admin.auth).send(newRegion('KZ-99')).expect(201);
    expect(created.body).toMatchObject({
      code: 'KZ-99',
      names: { ru: 'Новая область' },
      timeZone: 'Asia/Almaty',
      retiredAt: null,
    });
    const id = created.body.id;
    expect((await h.http.get('/regions').expect(200)).body.map((r: { code: string }) => r.code)).toContain(
      'KZ-99',
    );

    const renamed = await h.http
      .patch(`/regions/${id}`)
      .set(admin.auth)
      .send({ names: { en: 'Renamed Region' }, timeZone: 'Asia/Qostanay' })
      .expect(200);
    expect(renamed.body).toMatchObject({
      names: { kk: 'Жаңа облыс', ru: 'Новая область', en: 'Renamed Region' },
      timeZone: 'Asia/Qostanay',
    });

    const retired = await h.http.post(`/regions/${id}/retire`).set(admin.auth).expect(200);
    expect(retired.body.retiredAt).toEqual(expect.any(String));
    // Retired: gone from the default list, still listed with includeRetired and readable by id.
    expect((await h.http.get('/regions').expect(200)).body.map((r: { id: number }) => r.id)).not.toContain(
      id,
    );
    const all = await h.http.get('/regions?includeRetired=true').expect(200);
    expect(all.body).toHaveLength(21);
    expect(all.body.find((r: { id: number }) => r.id === id).retiredAt).toBe(retired.body.retiredAt);
    expect((await h.http.get(`/regions/${id}`).expect(200)).body.retiredAt).toBe(retired.body.retiredAt);

    const again = await h.http.post(`/regions/${id}/retire`).set(admin.auth).expect(409);
    expect(again.body.error).toBe('region_already_retired');

    const restored = await h.http.post(`/regions/${id}/restore`).set(admin.auth).expect(200);
    expect(restored.body.retiredAt).toBeNull();
    expect((await h.http.post(`/regions/${id}/restore`).set(admin.auth).expect(409)).body.error).toBe(
      'region_not_retired',
    );

    const history = await h.http.get(`/regions/${id}/history`).set(organizer.auth).expect(200);
    expect(history.body.map((r: { change: string }) => r.change)).toEqual([
      'created',
      'updated',
      'retired',
      'restored',
    ]);
    expect(history.body.every((r: { changedBy: string }) => r.changedBy === admin.id)).toBe(true);
    expect(history.body[1].snapshot).toEqual({
      code: 'KZ-99',
      names: { kk: 'Жаңа облыс', ru: 'Новая область', en: 'Renamed Region' },
      timeZone: 'Asia/Qostanay',
      retiredAt: null,
    });
    expect(history.body[2].snapshot.retiredAt).toBe(retired.body.retiredAt);
    const rows = await h.ds.getRepository(RegionRevision).findBy({ regionId: id });
    expect(rows).toHaveLength(4);
  });

  it('refuses a retired region as a home region but accepts it again once restored', async () => {
    const created = await h.http.post('/regions').set(admin.auth).send(newRegion('KZ-98')).expect(201);
    await h.http.post(`/regions/${created.body.id}/retire`).set(admin.auth).expect(200);
    const refused = await h.http
      .patch('/me')
      .set(attendee.auth)
      .send({ homeRegionId: created.body.id })
      .expect(400);
    expect(refused.body).toMatchObject({
      error: 'unknown_region',
      message: `homeRegionId: region ${created.body.id} does not exist or is retired`,
    });
    await h.http.post(`/regions/${created.body.id}/restore`).set(admin.auth).expect(200);
    await h.http.patch('/me').set(attendee.auth).send({ homeRegionId: created.body.id }).expect(200);
  });

  it('writes no revision for a patch that changes nothing', async () => {
    const pavlodar = await regionByCode(h.ds, 'KZ-55');
    const before = await countRevisions();
    await h.http
      .patch(`/regions/${pavlodar.id}`)
      .set(admin.auth)
      .send({ code: 'KZ-55', names: { en: 'Pavlodar Region' } })
      .expect(200);
    await h.http.patch(`/regions/${pavlodar.id}`).set(admin.auth).send({}).expect(200);
    expect(await countRevisions()).toBe(before);
  });

  it('refuses organizers, attendees and anonymous callers on every write, and attendees on history', async () => {
    const pavlodar = await regionByCode(h.ds, 'KZ-55');
    const [regions, revisions] = [await countRegions(), await countRevisions()];
    for (const who of [organizer, attendee]) {
      const res = await h.http.post('/regions').set(who.auth).send(newRegion('KZ-97')).expect(403);
      expect(res.body.message).toBe('This needs one of the roles: admin');
      await h.http
        .patch(`/regions/${pavlodar.id}`)
        .set(who.auth)
        .send({ names: { en: 'X' } })
        .expect(403);
      await h.http.post(`/regions/${pavlodar.id}/retire`).set(who.auth).expect(403);
      await h.http.post(`/regions/${pavlodar.id}/restore`).set(who.auth).expect(403);
    }
    await h.http.post('/regions').send(newRegion('KZ-97')).expect(401);
    await h.http.post('/regions').set('Authorization', 'Bearer forged').send(newRegion('KZ-97')).expect(401);
    await h.http.get(`/regions/${pavlodar.id}/history`).set(attendee.auth).expect(403);
    await h.http.get(`/regions/${pavlodar.id}/history`).expect(401);
    const seed = await h.http.get(`/regions/${pavlodar.id}/history`).set(admin.auth).expect(200);
    expect(seed.body[0]).toMatchObject({ change: 'created', changedBy: null });
    expect([await countRegions(), await countRevisions()]).toEqual([regions, revisions]);
    expect((await regionByCode(h.ds, 'KZ-55')).nameEn).toBe('Pavlodar Region');
  });

  it('refuses a duplicate code with 409 and writes nothing', async () => {
    const [regions, revisions] = [await countRegions(), await countRevisions()];
    const dup = await h.http.post('/regions').set(admin.auth).send(newRegion('KZ-55')).expect(409);
    expect(dup.body).toMatchObject({
      error: 'region_code_taken',
      message: 'A region with code KZ-55 already exists',
    });
    const astana = await regionByCode(h.ds, 'KZ-71');
    const rename = await h.http
      .patch(`/regions/${astana.id}`)
      .set(admin.auth)
      .send({ code: 'KZ-75' })
      .expect(409);
    expect(rename.body.error).toBe('region_code_taken');
    expect([await countRegions(), await countRevisions()]).toEqual([regions, revisions]);
    expect((await regionByCode(h.ds, 'KZ-71')).id).toBe(astana.id);
  });

  it('creates a code once when two admins race for it', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => h.http.post('/regions').set(admin.auth).send(newRegion('KZ-90'))),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.message).toBe('A region with code KZ-90 already exists');
    }
    const region = await regionByCode(h.ds, 'KZ-90');
    expect(await h.ds.getRepository(RegionRevision).countBy({ regionId: region.id })).toBe(1);
  });

  it('refuses bad input with 400 and a precise message, writing nothing', async () => {
    const [regions, revisions] = [await countRegions(), await countRevisions()];
    const zone = await h.http
      .post('/regions')
      .set(admin.auth)
      .send({ ...newRegion('KZ-96'), timeZone: 'Asia/Nowhere' })
      .expect(400);
    expect(zone.body.message).toBe('timeZone must be a valid IANA time-zone');
    const code = await h.http.post('/regions').set(admin.auth).send(newRegion('kz-96')).expect(400);
    expect(code.body.message).toBe('code must be an ISO 3166-2 code like KZ-99');
    const unknown = await h.http
      .post('/regions')
      .set(admin.auth)
      .send({ ...newRegion('KZ-96'), retiredAt: null })
      .expect(400);
    expect(unknown.body.message).toBe('retiredAt: property retiredAt should not exist');
    const nested = await h.http
      .post('/regions')
      .set(admin.auth)
      .send({ ...newRegion('KZ-96'), names: { kk: 'a', ru: 'b', en: 'c', de: 'd' } })
      .expect(400);
    expect(nested.body.message).toMatch(/names.*property de should not exist/);
    const missing = await h.http
      .post('/regions')
      .set(admin.auth)
      .send({ code: 'KZ-96', names: { kk: 'a', ru: 'b' }, timeZone: 'UTC' })
      .expect(400);
    expect(missing.body.message).toMatch(/names\.en must be a string/);
    const noNames = await h.http
      .post('/regions')
      .set(admin.auth)
      .send({ code: 'KZ-96', timeZone: 'UTC' })
      .expect(400);
    expect(noNames.body.message).toMatch(/names should not be null or undefined/);
    const blank = await h.http
      .post('/regions')
      .set(admin.auth)
      .send({ ...newRegion('KZ-96'), names: { kk: ' ', ru: 'b', en: 'c' } })
      .expect(400);
    expect(blank.body.message).toBe('names.kk must not be blank');
    const pavlodar = await regionByCode(h.ds, 'KZ-55');
    const patchZone = await h.http
      .patch(`/regions/${pavlodar.id}`)
      .set(admin.auth)
      .send({ timeZone: 'UTC+5' })
      .expect(400);
    expect(patchZone.body.message).toBe('timeZone must be a valid IANA time-zone');
    await h.http.patch(`/regions/${pavlodar.id}`).set(admin.auth).send({ id: 5 }).expect(400);
    await h.http
      .patch('/regions/99999')
      .set(admin.auth)
      .send({ names: { en: 'x' } })
      .expect(404);
    await h.http.post('/regions/99999/retire').set(admin.auth).expect(404);
    expect([await countRegions(), await countRevisions()]).toEqual([regions, revisions]);
  });
});
