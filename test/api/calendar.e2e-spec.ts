import ICAL from 'ical.js';
import { Registration, RegistrationStatus, Session } from '@qatys/domain';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { addSpeaker, createProgram, createSession, createSpeaker } from '../support/factories';

interface ParsedEvent {
  uid: string;
  sequence: number;
  status: string;
  dtstart: string;
  dtend: string;
  summary: string;
  description: string | null;
  location: string | null;
  url: string | null;
  alarmTrigger: string | null;
}

/** Parses with a real iCalendar parser and checks the RFC 5545 framing on the way. */
function parseIcs(text: string): { calendar: ICAL.Component; events: ParsedEvent[] } {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
  expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
  expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
  const raw = (v: ICAL.Component, name: string) => {
    const p = v.getFirstProperty(name);
    return p ? String(p.toICALString().split(':').slice(1).join(':')) : null;
  };
  const events = calendar.getAllSubcomponents('vevent').map((v) => {
    expect(raw(v, 'dtstamp')).toMatch(/^\d{8}T\d{6}Z$/);
    expect(raw(v, 'last-modified')).toMatch(/^\d{8}T\d{6}Z$/);
    const alarm = v.getFirstSubcomponent('valarm');
    if (alarm) {
      expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
      expect(alarm.getFirstPropertyValue('description')).toBeTruthy();
    }
    return {
      uid: String(v.getFirstPropertyValue('uid')),
      sequence: Number(v.getFirstPropertyValue('sequence')),
      status: String(v.getFirstPropertyValue('status')),
      dtstart: raw(v, 'dtstart')!,
      dtend: raw(v, 'dtend')!,
      summary: String(v.getFirstPropertyValue('summary')),
      description: (v.getFirstPropertyValue('description') as string | null) ?? null,
      location: (v.getFirstPropertyValue('location') as string | null) ?? null,
      url: (v.getFirstPropertyValue('url') as string | null) ?? null,
      alarmTrigger: alarm ? String(alarm.getFirstPropertyValue('trigger')) : null,
    };
  });
  return { calendar, events };
}

describe('calendar (e2e)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;
  let admin: SignedIn;
  let attendee: SignedIn;
  let programId: string;
  let draftProgramId: string;

  const title = { kk: 'Праймериз қалай өтеді', ru: 'Как проходят праймериз', en: 'How primaries work' };
  const ics = (id: string) => h.http.get(`/sessions/${id}/calendar.ics`);
  const register = (userId: string, sessionId: string, status: RegistrationStatus) =>
    h.ds.getRepository(Registration).save({
      userId,
      sessionId,
      status,
      waitlistedAt: status === 'waitlisted' ? new Date() : null,
      cancelledAt: status === 'cancelled' ? new Date() : null,
    });

  beforeAll(async () => {
    h = await startApi({ PUBLIC_BASE_URL: 'https://api.qatys.test/' });
    [organizer, admin, attendee] = await Promise.all([
      h.signIn({ roles: ['organizer'] }),
      h.signIn({ roles: ['admin'], language: 'en' }),
      h.signIn({ roles: ['attendee'], language: 'kk' }),
    ]);
    programId = (await createProgram(h.ds, { status: 'published' })).id;
    draftProgramId = (await createProgram(h.ds, { status: 'draft' })).id;
  });
  afterAll(() => h.close());

  it('serves a valid, public ICS whose times are right on both sides of the 2024-03-01 change', async () => {
    const after = await createSession(h.ds, programId, {
      localStart: '2024-03-02T12:00',
      timeZone: 'Asia/Almaty',
      title,
      description: { ru: 'Модуль 1; первичные организации, депутаты' },
      joinUrl: 'https://meet.example.kz/m1?pwd=a,b',
    });
    const speaker = await createSpeaker(h.ds, { fullName: 'Ерлан Қарин' });
    await addSpeaker(h.ds, after.id, speaker.id);
    const before = await createSession(h.ds, programId, {
      localStart: '2024-02-28T12:00',
      timeZone: 'Asia/Almaty',
      title,
    });

    const res = await ics(after.id).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="qatys-session-${after.id}.ics"`);
    const { calendar, events } = parseIcs(res.text);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Как проходят праймериз');
    expect(events).toHaveLength(1);
    expect(events[0]).toEqual({
      uid: `session-${after.id}@qatys`,
      sequence: 0,
      status: 'CONFIRMED',
      dtstart: '20240302T070000Z',
      dtend: '20240302T110000Z',
      summary: 'Как проходят праймериз',
      description:
        'Модуль 1; первичные организации, депутаты\n\nСпикеры: Ерлан Қарин\n\nСсылка для подключения: https://meet.example.kz/m1?pwd=a,b',
      location: 'https://meet.example.kz/m1?pwd=a,b',
      url: 'https://meet.example.kz/m1?pwd=a,b',
      alarmTrigger: '-PT15M',
    });
    // The escaped forms, as written on the wire (unfolded).
    const unfolded = res.text.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain('DESCRIPTION:Модуль 1\\; первичные организации\\, депутаты\\n\\nСпикеры');

    const earlier = parseIcs((await ics(before.id).expect(200)).text).events[0];
    expect(earlier.dtstart).toBe('20240228T060000Z');
    expect(earlier.dtend).toBe('20240228T100000Z');
  });

  it("speaks the reader's language: ?lang, else the signed-in reader's, else Russian, with fallback", async () => {
    const s = await createSession(h.ds, programId, { title });
    expect(parseIcs((await ics(s.id).query({ lang: 'kk' }).expect(200)).text).events[0].summary).toBe(
      title.kk,
    );
    expect(parseIcs((await ics(s.id).set(admin.auth).expect(200)).text).events[0].summary).toBe(title.en);
    expect(
      parseIcs((await ics(s.id).set(attendee.auth).query({ lang: 'ru' }).expect(200)).text).events[0].summary,
    ).toBe(title.ru);
    expect(parseIcs((await ics(s.id).expect(200)).text).events[0].summary).toBe(title.ru);
    // A broken token on a public link is ignored, not an error.
    expect(
      parseIcs((await ics(s.id).set('Authorization', 'Bearer junk').expect(200)).text).events[0].summary,
    ).toBe(title.ru);
    const enOnly = await createSession(h.ds, programId, { title: { en: 'Political oratory' } });
    expect(parseIcs((await ics(enOnly.id).query({ lang: 'kk' }).expect(200)).text).events[0].summary).toBe(
      'Political oratory',
    );

    const bad = await ics(s.id).query({ lang: 'de' }).expect(400);
    expect(bad.body.message).toBe('lang must be one of the following values: kk, ru, en');
    await ics(s.id).query({ foo: '1' }).expect(400);
  });

  it('raises SEQUENCE on a reschedule while the UID stays', async () => {
    const s = await createSession(h.ds, programId, { localStart: '2024-06-20T10:00', title });
    const first = parseIcs((await ics(s.id).expect(200)).text).events[0];
    expect(first).toMatchObject({ sequence: 0, dtstart: '20240620T050000Z' });

    const repo = h.ds.getRepository(Session);
    await repo.update(s.id, {
      startAt: new Date('2024-06-21T05:00:00Z'),
      endAt: new Date('2024-06-21T09:00:00Z'),
      version: () => 'version + 1',
    });
    const second = parseIcs((await ics(s.id).expect(200)).text).events[0];
    expect(second).toMatchObject({
      uid: first.uid,
      sequence: 1,
      dtstart: '20240621T050000Z',
      dtend: '20240621T090000Z',
    });

    await repo.update(s.id, {
      startAt: new Date('2024-06-22T05:00:00Z'),
      endAt: new Date('2024-06-22T09:00:00Z'),
      version: 3,
    });
    const third = parseIcs((await ics(s.id).expect(200)).text).events[0];
    expect(third).toMatchObject({ uid: first.uid, sequence: 2, dtstart: '20240622T050000Z' });
  });

  it('marks a cancelled session STATUS:CANCELLED without an alarm', async () => {
    const s = await createSession(h.ds, programId, {
      title,
      status: 'cancelled',
      version: 2,
      venue: 'Караганда, Дворец культуры горняков',
    });
    const e = parseIcs((await ics(s.id).expect(200)).text).events[0];
    expect(e).toMatchObject({
      status: 'CANCELLED',
      sequence: 1,
      alarmTrigger: null,
      location: 'Караганда, Дворец культуры горняков',
    });
  });

  it("hides a draft program's session from everyone but organizers and admins (404)", async () => {
    const s = await createSession(h.ds, draftProgramId, { title });
    const anon = await ics(s.id).expect(404);
    expect(anon.body).toMatchObject({ error: 'session_not_found', message: `Session ${s.id} not found` });
    await ics(s.id).set(attendee.auth).expect(404);
    await ics(s.id).set('Authorization', 'Bearer junk').expect(404);
    expect(parseIcs((await ics(s.id).set(organizer.auth).expect(200)).text).events[0].uid).toBe(
      `session-${s.id}@qatys`,
    );
    await ics(s.id).set(admin.auth).expect(200);
  });

  it('answers 404 for an unknown session and 400 for a malformed id', async () => {
    await ics('2b1f7f3e-5a55-4c1e-8f8e-000000000000').expect(404);
    const bad = await ics('not-a-uuid').expect(400);
    expect(bad.body.message).toBe('id must be a UUID');
  });

  it('folds long Kazakh and Russian text without breaking a character', async () => {
    const long = 'Өңірлік форум: бастауыш партия ұйымдарының төрағалары, мәслихат депутаттары. '.repeat(8);
    const s = await createSession(h.ds, programId, {
      title: { kk: long.slice(0, 150) },
      description: { kk: long },
    });
    const res = await ics(s.id).query({ lang: 'kk' }).expect(200);
    expect(res.text.split('\r\n').filter((l) => l.startsWith(' ')).length).toBeGreaterThan(10);
    const e = parseIcs(res.text).events[0];
    expect(e.summary).toBe(long.slice(0, 150).trim());
    expect(e.description).toBe(long.trim());
  });

  it('documents the calendar, region and user routes in OpenAPI', async () => {
    const doc = (await h.http.get('/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/sessions/{id}/calendar.ics',
        '/me/calendar.ics',
        '/me/calendar-token',
        '/regions',
        '/regions/{id}',
        '/regions/{id}/retire',
        '/regions/{id}/restore',
        '/regions/{id}/history',
        '/users',
        '/users/{id}',
        '/users/{id}/roles',
        '/users/{id}/disable',
        '/organizations',
      ]),
    );
    expect(doc.paths['/users/{id}/roles'].patch.description).toMatch(/next token/);
    expect(Object.keys(doc.paths['/sessions/{id}/calendar.ics'].get.responses['200'].content)).toEqual([
      'text/calendar',
    ]);
  });

  describe('personal feed', () => {
    it('issues a feed URL and serves my sessions: seats, waitlist places and cancelled ones, in my language', async () => {
      const other = await h.signIn({ roles: ['attendee'] });
      const registered = await createSession(h.ds, programId, { localStart: '2024-03-02T12:00', title });
      const waitlisted = await createSession(h.ds, programId, {
        localStart: '2024-03-03T12:00',
        title: { ru: 'Лист ожидания' },
      });
      const droppedByMe = await createSession(h.ds, programId, { localStart: '2024-03-04T12:00', title });
      const cancelled = await createSession(h.ds, programId, {
        localStart: '2024-02-28T12:00',
        title,
        status: 'cancelled',
        version: 2,
      });
      const cancelledStillRegistered = await createSession(h.ds, programId, {
        localStart: '2024-03-05T12:00',
        title,
        status: 'cancelled',
      });
      const draft = await createSession(h.ds, draftProgramId, { title });
      const notMine = await createSession(h.ds, programId, { title });
      await register(attendee.id, registered.id, 'registered');
      await register(attendee.id, waitlisted.id, 'waitlisted');
      await register(attendee.id, droppedByMe.id, 'cancelled');
      await register(attendee.id, cancelled.id, 'cancelled');
      await register(attendee.id, cancelledStillRegistered.id, 'registered');
      await register(attendee.id, draft.id, 'registered');
      await register(other.id, notMine.id, 'registered');

      const issued = await h.http.post('/me/calendar-token').set(attendee.auth).expect(201);
      expect(issued.body.token).toMatch(/^[\w-]{40,}$/);
      expect(issued.body.url).toBe(`https://api.qatys.test/me/calendar.ics?token=${issued.body.token}`);

      const path = new URL(issued.body.url);
      const res = await h.http.get(`${path.pathname}${path.search}`).expect(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(res.headers['cache-control']).toBe('private, no-store');
      const { calendar, events } = parseIcs(res.text);
      expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Qatys: менің сессияларым');
      expect(events.map((e) => [e.uid, e.status, e.dtstart, e.sequence])).toEqual([
        [`session-${cancelled.id}@qatys`, 'CANCELLED', '20240228T060000Z', 1],
        [`session-${registered.id}@qatys`, 'CONFIRMED', '20240302T070000Z', 0],
        [`session-${waitlisted.id}@qatys`, 'TENTATIVE', '20240303T070000Z', 0],
        [`session-${cancelledStillRegistered.id}@qatys`, 'CANCELLED', '20240305T070000Z', 0],
      ]);
      expect(events[1].summary).toBe(title.kk);
      expect(events[2].summary).toBe('Лист ожидания');
      expect(events[1].alarmTrigger).toBe('-PT15M');

      const en = parseIcs(
        (await h.http.get('/me/calendar.ics').query({ token: issued.body.token, lang: 'en' }).expect(200))
          .text,
      );
      expect(en.events[1].summary).toBe(title.en);
    });

    it('gives an empty but valid calendar to someone with no registrations', async () => {
      const nobody = await h.signIn();
      const { token } = (await h.http.post('/me/calendar-token').set(nobody.auth).expect(201)).body;
      const { events } = parseIcs((await h.http.get('/me/calendar.ics').query({ token }).expect(200)).text);
      expect(events).toEqual([]);
    });

    it('refuses missing, wrong, rotated and revoked tokens with 401', async () => {
      const user = await h.signIn();
      await h.http.post('/me/calendar-token').expect(401);
      await h.http.delete('/me/calendar-token').expect(401);

      const first = (await h.http.post('/me/calendar-token').set(user.auth).expect(201)).body.token;
      const second = (await h.http.post('/me/calendar-token').set(user.auth).expect(201)).body.token;
      expect(second).not.toBe(first);
      const rotated = await h.http.get('/me/calendar.ics').query({ token: first }).expect(401);
      expect(rotated.body).toMatchObject({
        error: 'unauthorized',
        message: 'Calendar feed token is invalid or revoked',
      });
      await h.http.get('/me/calendar.ics').query({ token: second }).expect(200);

      await h.http.delete('/me/calendar-token').set(user.auth).expect(204);
      await h.http.get('/me/calendar.ics').query({ token: second }).expect(401);

      const missing = await h.http.get('/me/calendar.ics').expect(401);
      expect(missing.body.message).toBe('Calendar feed token is required (?token=...)');
      await h.http
        .get('/me/calendar.ics')
        .query({ token: 'x'.repeat(43) })
        .expect(401);
      // A bearer token is not a feed token.
      await h.http.get('/me/calendar.ics').set(user.auth).expect(401);
      await h.http.get('/me/calendar.ics').query({ token: second, lang: 'de' }).expect(400);
    });
  });
});
