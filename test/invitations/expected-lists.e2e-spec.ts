/**
 * Expected lists through the real API on a real database: CSV and XLSX imports, matching known
 * accounts by e-mail and phone, accounts without a password for the rest, the roster's expected
 * figure taken from the list, coordinators limited to their regions, and bad files refused whole.
 */
import { Workbook } from 'exceljs';
import fc from 'fast-check';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createProgram, regionByCode } from '../support/factories';

jest.setTimeout(120_000);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const book = new Workbook();
  const sheet = book.addWorksheet('People');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('expected lists (e2e)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;
  let pavlodar: number;
  let kostanay: number;

  beforeAll(async () => {
    h = await startApi();
    organizer = await h.signIn({ roles: ['organizer'] });
    pavlodar = (await regionByCode(h.ds, 'KZ-55')).id;
    kostanay = (await regionByCode(h.ds, 'KZ-39')).id;
  });
  afterAll(() => h?.close());

  const count = async (programId: string) =>
    (await h.ds.query(`SELECT count(*)::int AS n FROM expected_people WHERE scope_id = $1`, [programId]))[0]
      .n as number;

  it('imports a CSV: known accounts matched by e-mail or phone, the rest get accounts without a password', async () => {
    const program = await createProgram(h.ds);
    const known = await h.signIn({ email: 'known.deputy@test.qatys' });
    const byPhone = await h.signIn({ email: 'phone.owner@test.qatys' });
    await h.ds.query(`UPDATE users SET phone = '+77010000099' WHERE id = $1`, [byPhone.id]);
    await h.http
      .put(`/programs/${program.id}/roster`)
      .set(organizer.auth)
      .send({
        entries: [
          { regionCode: 'KZ-39', expected: 80 },
          { regionCode: 'KZ-55', expected: 5 },
        ],
      })
      .expect(200);

    const csv =
      'name;email;phone;region_code;language;organization;position\n' +
      'Known Deputy;KNOWN.DEPUTY@test.qatys;;kz-55;ru;Маслихат;Депутат\n' +
      'Әлия Құрманова;aliya@test.qatys;8 (701) 000-00-01;KZ-55;kk;Мәслихат;Депутат\n' +
      'Phone Owner;;+7 701 000 00 99;KZ-55;en;;\n' +
      'Телефон Только;;87010000002;KZ-55;ru;;\n';
    const res = await h.http
      .post(`/programs/${program.id}/expected-people/import`)
      .set(organizer.auth)
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(res.body).toMatchObject({
      rows: 4,
      added: 4,
      updated: 0,
      accountsCreated: 1,
      accountsMatched: 2,
      regions: [{ code: 'KZ-55', expected: 4 }],
    });
    const [aliya] = await h.ds.query(
      `SELECT password_hash, phone, language, home_region_id, time_zone FROM users WHERE email = 'aliya@test.qatys'`,
    );
    expect(aliya).toEqual({
      password_hash: null,
      phone: '+77010000001',
      language: 'kk',
      home_region_id: pavlodar,
      time_zone: 'Asia/Almaty',
    });
    // An account without a password cannot sign in (same answer as a wrong password).
    await h.http
      .post('/auth/login')
      .send({ email: 'aliya@test.qatys', password: 'anything at all' })
      .expect(401);

    const list = await h.http.get(`/programs/${program.id}/expected-people`).set(organizer.auth).expect(200);
    expect(list.body.counts).toEqual({ listed: 4 });
    const byName = Object.fromEntries(list.body.items.map((p: { fullName: string }) => [p.fullName, p]));
    expect(byName['Known Deputy'].userId).toBe(known.id);
    expect(byName['Phone Owner'].userId).toBe(byPhone.id);
    expect(byName['Телефон Только'].userId).toBeNull();

    // The roster's expected figure for Pavlodar is now the list's head count; Kostanay keeps its number.
    const roster = await h.http.get(`/programs/${program.id}/roster`).set(organizer.auth).expect(200);
    const expected = Object.fromEntries(
      roster.body.lines.map((l: { region: { id: number }; expected: number }) => [l.region.id, l.expected]),
    );
    expect(expected).toEqual({ [pavlodar]: 4, [kostanay]: 80 });

    // Importing again updates the same people (no duplicates, no new accounts).
    const again = await h.http
      .post(`/programs/${program.id}/expected-people/import`)
      .set(organizer.auth)
      .set('content-type', 'text/csv')
      .send(csv.replace('Депутат', 'Хатшы'))
      .expect(200);
    expect(again.body).toMatchObject({ added: 0, updated: 4, accountsCreated: 0 });
    expect(await count(program.id)).toBe(4);
  });

  it('imports an XLSX workbook, phones typed as numbers and e-mails as links included', async () => {
    const program = await createProgram(h.ds);
    const book = await xlsx([
      ['Name', 'E-mail', 'Phone', 'Region', 'Language'],
      ['Ержан Сапаров', 'yerzhan@test.qatys', 77010000003, 'KZ-55', 'kk'],
      ['Анна Ким', 'anna@test.qatys', '', 'KZ-39', 'ru'],
    ]);
    const res = await h.http
      .post(`/programs/${program.id}/expected-people/import`)
      .set(organizer.auth)
      .set('content-type', XLSX)
      .send(book)
      .expect(200);
    expect(res.body).toMatchObject({ rows: 2, added: 2, accountsCreated: 2 });
    const [u] = await h.ds.query(`SELECT phone FROM users WHERE email = 'yerzhan@test.qatys'`);
    expect(u.phone).toBe('+77010000003');
  });

  it('refuses a bad file whole, naming every bad row: unknown region, duplicate, bad e-mail, no contact', async () => {
    const program = await createProgram(h.ds);
    const res = await h.http
      .post(`/programs/${program.id}/expected-people/import`)
      .set(organizer.auth)
      .set('content-type', 'text/csv')
      .send(
        'name,email,phone,region_code\n' +
          'Good One,good@test.qatys,,KZ-55\n' +
          'Nowhere,nowhere@test.qatys,,KZ-99\n' +
          'Twice,good@test.qatys,,KZ-55\n' +
          'Bad,not-an-address,,KZ-55\n' +
          'Silent,,,KZ-55\n',
      )
      .expect(400);
    expect(res.body.error).toBe('invalid_people_file');
    expect(res.body.details.errors).toEqual([
      {
        line: 3,
        message: 'region "KZ-99" does not exist or is retired',
        problems: [{ code: 'region_unknown', params: { region: 'KZ-99' } }],
      },
      {
        line: 4,
        message: 'duplicate: e-mail good@test.qatys is already on line 2',
        problems: [{ code: 'duplicate_email', params: { value: 'good@test.qatys', first: 2 } }],
      },
      {
        line: 5,
        message: '"not-an-address" is not an e-mail address',
        problems: [{ code: 'email_invalid', params: { value: 'not-an-address' } }],
      },
      { line: 6, message: 'give an e-mail or a phone number', problems: [{ code: 'contact_missing' }] },
    ]);
    expect(await count(program.id)).toBe(0);
    const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM users WHERE email = 'good@test.qatys'`);
    expect(n).toBe(0);
  });

  it('refuses a malformed workbook, a body that is no file, and an oversize file', async () => {
    const program = await createProgram(h.ds);
    const url = `/programs/${program.id}/expected-people/import`;
    const broken = await h.http
      .post(url)
      .set(organizer.auth)
      .set('content-type', XLSX)
      .send(Buffer.from('PK\u0003\u0004 definitely not a workbook'))
      .expect(400);
    expect(broken.body.error).toBe('invalid_xlsx');
    const json = await h.http.post(url).set(organizer.auth).send({ people: [] }).expect(400);
    expect(json.body.error).toBe('file_expected');
    await h.http
      .post(url)
      .set(organizer.auth)
      .set('content-type', XLSX)
      .send(Buffer.alloc(6 * 1024 * 1024, 1))
      .expect(413);
    expect(await count(program.id)).toBe(0);
  });

  it('answers any CSV text with 200 or a 4xx in the error shape, never a 5xx (fixed seed)', async () => {
    const program = await createProgram(h.ds);
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        '"',
        '""',
        ';',
        ',',
        '\n',
        '\r\n',
        'KZ-55',
        'kk',
        'a@b.kz',
        '8 701 000 00 00',
        '=cmd|x',
        '',
      ),
    );
    const csv = fc
      .array(fc.array(cell, { maxLength: 8 }), { maxLength: 6 })
      .map((rows) => ['name,email,phone,region_code,language', ...rows.map((r) => r.join(','))].join('\n'));
    await fc.assert(
      fc.asyncProperty(fc.oneof(csv, fc.string({ maxLength: 300 })), async (body) => {
        const r = await h.http
          .post(`/programs/${program.id}/expected-people/import`)
          .set(organizer.auth)
          .set('content-type', 'text/csv')
          .send(body);
        expect([200, 400]).toContain(r.status);
        if (r.status === 400) expect(typeof r.body.error).toBe('string');
      }),
      { seed: 14, numRuns: 150 },
    );
  });

  it('lets a coordinator import and read only their regions', async () => {
    const program = await createProgram(h.ds);
    const coordinator = await h.signIn({ roles: ['coordinator'], coordinatorRegionIds: [pavlodar] });
    const foreign = await h.http
      .post(`/programs/${program.id}/expected-people/import`)
      .set(coordinator.auth)
      .set('content-type', 'text/csv')
      .send('name,email,region_code\nMine,mine@test.qatys,KZ-55\nTheirs,theirs@test.qatys,KZ-39\n')
      .expect(400);
    expect(foreign.body.details.errors).toEqual([
      {
        line: 3,
        message: 'region KZ-39 is not one of your regions',
        problems: [{ code: 'region_not_yours', params: { region: 'KZ-39' } }],
      },
    ]);
    await h.http
      .post(`/programs/${program.id}/expected-people/import`)
      .set(organizer.auth)
      .set('content-type', 'text/csv')
      .send('name,email,region_code\nMine,mine@test.qatys,KZ-55\nTheirs,theirs@test.qatys,KZ-39\n')
      .expect(200);
    const seen = await h.http
      .get(`/programs/${program.id}/expected-people`)
      .set(coordinator.auth)
      .expect(200);
    expect(seen.body.items.map((p: { fullName: string }) => p.fullName)).toEqual(['Mine']);
    const attendee = await h.signIn();
    await h.http.get(`/programs/${program.id}/expected-people`).set(attendee.auth).expect(403);
  });
});
