import { randomUUID } from 'crypto';
import { Region } from '@qatys/domain';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createProgram, createSession, regionByCode } from '../support/factories';

// jest's per-project testTimeout is not applied; suites against real stores need more than 5 s on a busy machine.
jest.setTimeout(60_000);
describe('rosters (e2e)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;
  let coordinator: SignedIn;
  let attendee: SignedIn;
  let pavlodar: Region;
  let kostanay: Region;
  let north: Region;

  const rosterRows = async (scopeId: string) =>
    (
      await h.ds.query(
        `SELECT r.code, e.expected FROM roster_entries e JOIN regions r ON r.id = e.region_id WHERE e.scope_id = $1 ORDER BY r.code`,
        [scopeId],
      )
    ).map((x: { code: string; expected: number }) => [x.code, x.expected]);
  const importCsv = (user: SignedIn, path: string, csv: string) =>
    h.http.post(`${path}/roster/import`).set(user.auth).set('Content-Type', 'text/csv').send(csv);

  beforeAll(async () => {
    h = await startApi();
    pavlodar = await regionByCode(h.ds, 'KZ-55');
    kostanay = await regionByCode(h.ds, 'KZ-39');
    north = await regionByCode(h.ds, 'KZ-59');
    organizer = await h.signIn({ roles: ['organizer'] });
    coordinator = await h.signIn({ roles: ['coordinator'], coordinatorRegionIds: [kostanay.id] });
    attendee = await h.signIn({ homeRegionId: pavlodar.id });
  });
  afterAll(() => h.close());

  it('replaces a program roster with JSON and reports expected beside registered per region', async () => {
    const program = await createProgram(h.ds);
    const s1 = (await createSession(h.ds, program.id, { capacity: 1 })).id;
    const s2 = (await createSession(h.ds, program.id)).id;
    const put = await h.http
      .put(`/programs/${program.id}/roster`)
      .set(organizer.auth)
      .send({
        entries: [
          { regionCode: 'kz-59', expected: 150 },
          { regionId: pavlodar.id, expected: 120 },
        ],
      })
      .expect(200);
    expect(put.body).toMatchObject({
      scopeType: 'program',
      scopeId: program.id,
      totals: { expected: 270, registered: 0, waitlisted: 0 },
    });
    expect(put.body.lines.map((l: { region: { code: string } }) => l.region.code)).toEqual([
      'KZ-55',
      'KZ-59',
    ]);
    expect(put.body.lines[1].region).toEqual({
      id: north.id,
      code: 'KZ-59',
      names: { kk: north.nameKk, ru: north.nameRu, en: north.nameEn },
    });

    // Pavlodar: one enrolled (all sessions), one registered in s1 only, one only waitlisted; Kostanay: one.
    const [p1, p2, p3] = [
      await h.signIn({ homeRegionId: pavlodar.id }),
      await h.signIn({ homeRegionId: pavlodar.id }),
      await h.signIn({ homeRegionId: pavlodar.id }),
    ];
    const k1 = await h.signIn({ homeRegionId: kostanay.id });
    await h.http.post(`/programs/${program.id}/registrations`).set(p1.auth).send({}).expect(201);
    await h.http.post(`/sessions/${s2}/registrations`).set(p2.auth).send({}).expect(201);
    await h.http.post(`/sessions/${s1}/registrations`).set(p3.auth).send({}).expect(201);
    await h.http.post(`/sessions/${s2}/registrations`).set(k1.auth).send({}).expect(201);
    await h.http.post(`/sessions/${s2}/registrations`).set(organizer.auth).send({}).expect(201);

    const view = await h.http.get(`/programs/${program.id}/roster`).set(organizer.auth).expect(200);
    const line = (code: string) =>
      view.body.lines.find((l: { region: { code: string } }) => l.region.code === code);
    expect(line('KZ-55')).toMatchObject({ expected: 120, registered: 2, waitlisted: 1 });
    expect(line('KZ-39')).toMatchObject({ expected: null, registered: 1, waitlisted: 0 });
    expect(line('KZ-59')).toMatchObject({ expected: 150, registered: 0, waitlisted: 0 });
    expect(view.body.totals).toEqual({ expected: 270, registered: 3, waitlisted: 1 });
    expect(view.body.unassigned).toEqual({ registered: 1, waitlisted: 0 });

    const session = await h.http.get(`/sessions/${s1}/roster`).set(organizer.auth).expect(200);
    expect(session.body.lines).toMatchObject([
      { region: { code: 'KZ-55' }, expected: null, registered: 1, waitlisted: 1 },
    ]);

    // Replacing means replacing: the old lines are gone.
    await h.http
      .put(`/programs/${program.id}/roster`)
      .set(organizer.auth)
      .send({ entries: [{ regionCode: 'KZ-39', expected: 40 }] })
      .expect(200);
    expect(await rosterRows(program.id)).toEqual([['KZ-39', 40]]);
  });

  it('imports a roster from CSV, all or nothing, with line numbers for every bad row', async () => {
    const sessionId = (await createSession(h.ds, (await createProgram(h.ds)).id)).id;
    const path = `/sessions/${sessionId}`;
    const good = await importCsv(
      organizer,
      path,
      'region_code,expected\r\nKZ-59,150\r\nKZ-55,124\r\n',
    ).expect(200);
    expect(good.body.totals.expected).toBe(274);
    expect(await rosterRows(sessionId)).toEqual([
      ['KZ-55', 124],
      ['KZ-59', 150],
    ]);

    const bad = await importCsv(
      organizer,
      path,
      'region,expected\nKZ-39,10\nKZ-99,5\nKZ-10,many\nKZ-39,3\nKZ-11\n',
    ).expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'invalid_roster_csv' });
    expect(bad.body.message).toMatch(/4 bad row\(s\); nothing was imported/);
    expect(bad.body.details.errors).toEqual([
      // A stable code and its values for the web app to translate; the message for people reading logs.
      {
        line: 3,
        code: 'unknown_region',
        params: { region: 'KZ-99' },
        message: 'region "KZ-99" does not exist or is retired',
      },
      {
        line: 4,
        code: 'expected_invalid',
        params: { got: 'many', max: 1000000 },
        message: 'expected must be a whole number from 0 to 1000000 (got "many")',
      },
      {
        line: 5,
        code: 'region_twice',
        params: { region: 'KZ-39', first: 2 },
        message: 'region KZ-39 is listed twice (first on line 2)',
      },
      {
        line: 6,
        code: 'wrong_columns',
        params: { got: 1 },
        message: 'expected 2 columns (region_code,expected), got 1',
      },
    ]);
    expect(await rosterRows(sessionId)).toEqual([
      ['KZ-55', 124],
      ['KZ-59', 150],
    ]);

    const header = await importCsv(organizer, path, 'oblast,count\nKZ-39,10\n').expect(400);
    expect(header.body.details.errors).toEqual([
      {
        line: 1,
        code: 'bad_header',
        params: { got: 'oblast,count' },
        message: 'header must be region_code,expected (or region,expected); got "oblast,count"',
      },
    ]);
    const empty = await importCsv(organizer, path, '').expect(400);
    expect(empty.body.details.errors).toEqual([
      { line: 1, code: 'csv_empty', message: 'the CSV is empty: expected a header region_code,expected' },
    ]);
    const json = await h.http
      .post(`${path}/roster/import`)
      .set(organizer.auth)
      .send({ entries: [] })
      .expect(400);
    expect(json.body).toMatchObject({ error: 'csv_expected', message: expect.stringContaining('text/csv') });
    expect(await rosterRows(sessionId)).toEqual([
      ['KZ-55', 124],
      ['KZ-59', 150],
    ]);

    const program = await createProgram(h.ds);
    await importCsv(organizer, `/programs/${program.id}`, 'region_code;expected\nKZ-63;2600\n').expect(200);
    expect(await rosterRows(program.id)).toEqual([['KZ-63', 2600]]);
    await importCsv(organizer, `/programs/${randomUUID()}`, 'region_code,expected\nKZ-63,1\n').expect(404);
  });

  it('lets a coordinator read and edit only their regions’ lines', async () => {
    const sessionId = (await createSession(h.ds, (await createProgram(h.ds)).id)).id;
    const path = `/sessions/${sessionId}/roster`;
    await h.http
      .put(path)
      .set(organizer.auth)
      .send({
        entries: [
          { regionId: pavlodar.id, expected: 100 },
          { regionId: kostanay.id, expected: 50 },
        ],
      })
      .expect(200);
    await h.http.post(`/sessions/${sessionId}/registrations`).set(attendee.auth).send({}).expect(201);

    const seen = await h.http.get(path).set(coordinator.auth).expect(200);
    expect(seen.body.lines).toMatchObject([{ region: { code: 'KZ-39' }, expected: 50, registered: 0 }]);
    expect(seen.body.unassigned).toBeNull();

    const foreign = await h.http
      .put(path)
      .set(coordinator.auth)
      .send({ entries: [{ regionId: pavlodar.id, expected: 1 }] })
      .expect(403);
    expect(foreign.body.message).toMatch(/KZ-55/);
    await importCsv(coordinator, `/sessions/${sessionId}`, 'region_code,expected\nKZ-39,1\nKZ-55,1\n').expect(
      403,
    );
    expect(await rosterRows(sessionId)).toEqual([
      ['KZ-39', 50],
      ['KZ-55', 100],
    ]);

    const own = await h.http
      .put(path)
      .set(coordinator.auth)
      .send({ entries: [{ regionCode: 'KZ-39', expected: 64 }] })
      .expect(200);
    expect(own.body.lines).toMatchObject([{ region: { code: 'KZ-39' }, expected: 64 }]);
    await importCsv(coordinator, `/sessions/${sessionId}`, 'region_code,expected\nKZ-39,70\n').expect(200);
    // Emptying "the roster" as a coordinator empties only their own lines.
    expect(await rosterRows(sessionId)).toEqual([
      ['KZ-39', 70],
      ['KZ-55', 100],
    ]);
    await h.http.put(path).set(coordinator.auth).send({ entries: [] }).expect(200);
    expect(await rosterRows(sessionId)).toEqual([['KZ-55', 100]]);

    await h.http.get(path).set(attendee.auth).expect(403);
    await h.http.put(path).set(attendee.auth).send({ entries: [] }).expect(403);
    await importCsv(attendee, `/sessions/${sessionId}`, 'region_code,expected\n').expect(403);
    await h.http.get(path).expect(401);
    expect(await rosterRows(sessionId)).toEqual([['KZ-55', 100]]);
  });

  it('answers bad roster bodies with a precise 400 and writes nothing', async () => {
    const program = await createProgram(h.ds);
    const path = `/programs/${program.id}/roster`;
    await h.http
      .put(path)
      .set(organizer.auth)
      .send({ entries: [{ regionCode: 'KZ-55', expected: 9 }] })
      .expect(200);
    const put = (body: object) => h.http.put(path).set(organizer.auth).send(body).expect(400);

    expect((await put({ entries: [{ regionCode: 'KZ-55', expected: -1 }] })).body.message).toBe(
      'entries.0.expected must not be less than 0',
    );
    expect((await put({ entries: [{ regionCode: 'KZ-55', expected: 1_000_001 }] })).body.message).toMatch(
      /must not be greater than 1000000/,
    );
    expect((await put({ entries: [{ regionCode: 'KZ-55', expected: '5' }] })).body.message).toMatch(
      /expected must be an integer/,
    );
    expect((await put({ entries: [{ regionCode: 'KZ-55', expected: 5, note: 'x' }] })).body.message).toMatch(
      /property note should not exist/,
    );
    expect((await put({ entries: [], mode: 'merge' })).body.message).toMatch(
      /property mode should not exist/,
    );
    expect((await put({ entries: 'KZ-55' })).body.message).toMatch(/entries must be an array/);
    expect((await put({})).body.message).toMatch(/entries must be an array/);
    const unknown = await put({
      entries: [
        { regionCode: 'KZ-99', expected: 5 },
        { regionId: 9999, expected: 1 },
      ],
    });
    expect(unknown.body).toMatchObject({
      error: 'invalid_roster',
      message:
        'entries[0].regionCode: region "KZ-99" does not exist or is retired; entries[1].regionId: region 9999 does not exist or is retired',
    });
    expect(
      (await put({ entries: [{ regionId: pavlodar.id, regionCode: 'KZ-55', expected: 5 }] })).body.message,
    ).toBe('entries[0]: give exactly one of regionId or regionCode');
    expect((await put({ entries: [{ expected: 5 }] })).body.message).toBe(
      'entries[0]: give exactly one of regionId or regionCode',
    );
    expect(
      (
        await put({
          entries: [
            { regionId: pavlodar.id, expected: 5 },
            { regionCode: 'KZ-55', expected: 6 },
          ],
        })
      ).body.message,
    ).toBe('entries[1]: region KZ-55 is listed twice (first at entries[0])');
    expect(await rosterRows(program.id)).toEqual([['KZ-55', 9]]);

    await h.http
      .put(`/programs/${randomUUID()}/roster`)
      .set(organizer.auth)
      .send({ entries: [] })
      .expect(404);
    await h.http.get(`/sessions/${randomUUID()}/roster`).set(organizer.auth).expect(404);
    await h.http.get(`/sessions/abc/roster`).set(organizer.auth).expect(400);
  });
});
