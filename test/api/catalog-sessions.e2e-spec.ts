import { DataSource } from 'typeorm';
import {
  createModule,
  createOrganization,
  createProgram,
  createSpeaker,
  regionByCode,
} from '../support/factories';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { catalogCounts, countRows } from '../support/catalog-fixtures';

const events = (ds: DataSource, type: string, sessionId: string) =>
  ds.query(`SELECT payload FROM domain_events WHERE type = $1 AND aggregate_id = $2 ORDER BY id`, [
    type,
    sessionId,
  ]);

describe('catalog: sessions (e2e)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;
  let attendee: SignedIn;
  let programId: string;
  let moduleId: string;
  let pavlodar: number;
  let kostanay: number;

  const newSession = (over: Record<string, unknown> = {}) => ({
    programId,
    title: { ru: 'Как проходит внутрипартийный отбор', en: 'How internal selection works' },
    start: '2024-03-02T12:00',
    end: '2024-03-02T16:00',
    timeZone: 'Asia/Almaty',
    format: 'online',
    joinUrl: 'https://meet.example.kz/primaries-1',
    ...over,
  });
  const create = async (over: Record<string, unknown> = {}) =>
    (await h.http.post('/sessions').set(organizer.auth).send(newSession(over)).expect(201)).body;

  beforeAll(async () => {
    h = await startApi();
    const org = await createOrganization(h.ds);
    organizer = await h.signIn({ roles: ['organizer'], organizationId: org.id, timeZone: 'Asia/Almaty' });
    attendee = await h.signIn({ roles: ['attendee'] });
    const program = await createProgram(h.ds, { organizationId: org.id, status: 'published' });
    programId = program.id;
    moduleId = (await createModule(h.ds, programId, 1)).id;
    pavlodar = (await regionByCode(h.ds, 'KZ-55')).id;
    kostanay = (await regionByCode(h.ds, 'KZ-39')).id;
  });
  afterAll(() => h.close());

  it('stores a wall time in Asia/Almaty as the right UTC instant on both sides of the 2024-03-01 change', async () => {
    const after = await create({ moduleId, targetRegionIds: [kostanay, pavlodar, pavlodar], capacity: 150 });
    expect(after.startAt).toEqual({
      utc: '2024-03-02T07:00:00.000Z',
      reader: { local: '2024-03-02T12:00:00+05:00', zone: 'Asia/Almaty', offsetMinutes: 300 },
      ofRecord: { local: '2024-03-02T12:00:00+05:00', zone: 'Asia/Almaty', offsetMinutes: 300 },
    });
    expect(after.endAt.utc).toBe('2024-03-02T11:00:00.000Z');
    expect(after).toMatchObject({
      timeZone: 'Asia/Almaty',
      status: 'scheduled',
      version: 1,
      capacity: 150,
      registeredCount: 0,
      format: 'online',
      program: { id: programId, status: 'published' },
      module: { id: moduleId, position: 1 },
      speakers: [],
      sections: [],
    });
    // targets are deduplicated and carry their code and names
    expect(after.targetRegions).toEqual(
      [
        { id: kostanay, code: 'KZ-39', names: expect.objectContaining({ en: 'Kostanay Region' }) },
        {
          id: pavlodar,
          code: 'KZ-55',
          names: { kk: 'Павлодар облысы', ru: 'Павлодарская область', en: 'Pavlodar Region' },
        },
      ].sort((a, b) => a.id - b.id),
    );

    const before = await create({ start: '2024-02-28T12:00', end: undefined, durationMinutes: 240 });
    expect(before.startAt.utc).toBe('2024-02-28T06:00:00.000Z');
    expect(before.startAt.ofRecord.local).toBe('2024-02-28T12:00:00+06:00');
    expect(before.endAt.utc).toBe('2024-02-28T10:00:00.000Z');
  });

  it("renders times in ?tz= and else in the reader's profile zone", async () => {
    const s = await create();
    const q = await h.http.get(`/sessions/${s.id}?tz=Asia/Qostanay`).set(attendee.auth).expect(200);
    expect(q.body.startAt.reader).toEqual({
      local: '2024-03-02T12:00:00+05:00',
      zone: 'Asia/Qostanay',
      offsetMinutes: 300,
    });
    const abroad = await h.signIn({ roles: ['attendee'], timeZone: 'Europe/Berlin' });
    const p = await h.http.get(`/sessions/${s.id}`).set(abroad.auth).expect(200);
    expect(p.body.startAt.reader).toEqual({
      local: '2024-03-02T08:00:00+01:00',
      zone: 'Europe/Berlin',
      offsetMinutes: 60,
    });
    expect(p.body.startAt.ofRecord.zone).toBe('Asia/Almaty');
    const bad = await h.http.get(`/sessions/${s.id}?tz=Mars/Olympus`).set(attendee.auth).expect(400);
    expect(bad.body.message).toBe('tz "Mars/Olympus" is not an IANA time zone');
  });

  it("defaults the zone to the program's", async () => {
    const p = await createProgram(h.ds, { defaultTimeZone: 'Asia/Qostanay' });
    const s = await create({
      programId: p.id,
      timeZone: undefined,
      start: '2024-02-28T12:00',
      end: '2024-02-28T13:00',
    });
    expect(s.timeZone).toBe('Asia/Qostanay');
    expect(s.startAt.utc).toBe('2024-02-28T06:00:00.000Z');
  });

  it.each([
    [
      'an ambiguous wall time',
      { start: '2024-02-29T23:30', end: '2024-03-01T01:00' },
      'ambiguous_wall_time',
      /start 2024-02-29T23:30 happens twice in Asia\/Almaty/,
    ],
    [
      'a wall time in a DST gap',
      { timeZone: 'Europe/Berlin', start: '2024-03-31T02:30', end: '2024-03-31T04:00' },
      'nonexistent_wall_time',
      /does not exist in Europe\/Berlin/,
    ],
    [
      'an impossible date',
      { start: '2024-02-30T10:00' },
      'invalid_wall_time',
      /start "2024-02-30T10:00" is not a real calendar date-time/,
    ],
    [
      'a time with an offset the zone does not have then',
      { start: '2024-03-02T12:00+06:00' },
      'invalid_wall_time',
      /start 2024-03-02T12:00\+06:00: Asia\/Almaty is at \+05:00 at 2024-03-02T12:00, not \+06:00/,
    ],
    [
      'a time that is not a wall time',
      { start: '2 March, noon' },
      'invalid_wall_time',
      /start must be a local date-time like 2024-03-02T12:00/,
    ],
    [
      'an unknown zone',
      { timeZone: 'Asia/Atlantis' },
      'unknown_time_zone',
      /^timeZone "Asia\/Atlantis" is not an IANA time zone$/,
    ],
    [
      'an end before the start',
      { end: '2024-03-02T11:00' },
      'end_before_start',
      /^end \(2024-03-02T11:00 Asia\/Almaty\) must be after start \(2024-03-02T12:00 Asia\/Almaty\)$/,
    ],
    ['an end equal to the start', { end: '2024-03-02T12:00' }, 'end_before_start', /must be after start/],
    [
      'both end and durationMinutes',
      { durationMinutes: 60 },
      'ambiguous_end',
      /either end or durationMinutes/,
    ],
    ['neither end nor durationMinutes', { end: undefined }, 'end_required', /durationMinutes is required/],
    [
      'an unknown region',
      { targetRegionIds: [999] },
      'unknown_region',
      /^targetRegionIds: region 999 does not exist or is retired$/,
    ],
    [
      'an unknown program',
      { programId: '00000000-0000-4000-8000-000000000000' },
      'unknown_program',
      /programId: program 00000000-0000-4000-8000-000000000000 does not exist/,
    ],
    [
      'an online session without a link',
      { joinUrl: undefined },
      'join_url_required',
      /joinUrl is required for an online session/,
    ],
    [
      'an offline session without a venue',
      { format: 'offline' },
      'venue_required',
      /venue is required for an offline session/,
    ],
    [
      'a hybrid session without a venue',
      { format: 'hybrid' },
      'venue_required',
      /venue is required for an hybrid session/,
    ],
    [
      'a link that is not http(s)',
      { joinUrl: 'ftp://files.example.kz' },
      'validation_failed',
      /joinUrl must be an http\(s\) URL/,
    ],
    [
      'an unknown field',
      { registeredCount: 5 },
      'validation_failed',
      /property registeredCount should not exist/,
    ],
    [
      'a capacity given as text',
      { capacity: '150' },
      'validation_failed',
      /capacity must be an integer number/,
    ],
    ['a zero capacity', { capacity: 0 }, 'validation_failed', /capacity must not be less than 1/],
    ['a start that is a number', { start: 1709380800000 }, 'validation_failed', /start must be a string/],
    [
      'region ids as text',
      { targetRegionIds: ['KZ-55'] },
      'validation_failed',
      /each value in targetRegionIds must be an integer number/,
    ],
    [
      'a bad format',
      { format: 'webinar' },
      'validation_failed',
      /format must be one of the following values: online, offline, hybrid/,
    ],
    [
      'a speaker id that is not a UUID',
      { speakerIds: ['aigerim'] },
      'validation_failed',
      /each value in speakerIds must be a UUID/,
    ],
    [
      'an unknown speaker',
      { speakerIds: ['00000000-0000-4000-8000-00000000abcd'] },
      'unknown_speaker',
      /speakerIds: speaker 00000000-0000-4000-8000-00000000abcd does not exist/,
    ],
    ['a missing title', { title: undefined }, 'validation_failed', /title must be an object/],
    [
      'repeated reminder offsets',
      { reminderOffsetsMinutes: [60, 60] },
      'validation_failed',
      /reminderOffsetsMinutes's elements must be unique/,
    ],
  ])('refuses %s with a precise 400 and writes nothing', async (_what, over, code, message) => {
    const before = await catalogCounts(h.ds);
    const res = await h.http.post('/sessions').set(organizer.auth).send(newSession(over)).expect(400);
    expect(res.body.error).toBe(code);
    expect(res.body.message).toMatch(message);
    expect(await catalogCounts(h.ds)).toEqual(before);
  });

  it('schedules either occurrence of a time that happens twice the way the 400 advises', async () => {
    const ambiguous = await h.http
      .post('/sessions')
      .set(organizer.auth)
      .send(newSession({ start: '2024-02-29T23:30', end: undefined, durationMinutes: 60 }))
      .expect(400);
    expect(ambiguous.body.details.choices).toEqual(['2024-02-29T23:30+06:00', '2024-02-29T23:30+05:00']);
    const [first, second] = await Promise.all(
      ambiguous.body.details.choices.map((start: string) =>
        create({ start, end: undefined, durationMinutes: 60 }),
      ),
    );
    expect([first.startAt.utc, second.startAt.utc]).toEqual([
      '2024-02-29T17:30:00.000Z',
      '2024-02-29T18:30:00.000Z',
    ]);
    expect(second.startAt.ofRecord.local).toBe('2024-02-29T23:30:00+05:00');
  });

  it('refuses retired regions and modules of another program, naming them', async () => {
    const ulytau = await regionByCode(h.ds, 'KZ-62');
    await h.ds.query('UPDATE regions SET retired_at = now() WHERE id = $1', [ulytau.id]);
    const other = await createProgram(h.ds);
    const foreignModule = await createModule(h.ds, other.id, 1);
    const before = await catalogCounts(h.ds);
    const retired = await h.http
      .post('/sessions')
      .set(organizer.auth)
      .send(newSession({ targetRegionIds: [pavlodar, ulytau.id, 998] }))
      .expect(400);
    expect(retired.body.message).toBe(
      `targetRegionIds: regions ${ulytau.id}, 998 do not exist or are retired`,
    );
    await h.ds.query('UPDATE regions SET retired_at = NULL WHERE id = $1', [ulytau.id]);

    const res = await h.http
      .post('/sessions')
      .set(organizer.auth)
      .send(newSession({ moduleId: foreignModule.id }))
      .expect(400);
    expect(res.body.message).toBe(
      `moduleId: module ${foreignModule.id} does not belong to program ${programId}`,
    );
    expect(await catalogCounts(h.ds)).toEqual(before);
  });

  it('needs a token and the organizer role for every write', async () => {
    const s = await create();
    const before = await catalogCounts(h.ds);
    await h.http.post('/sessions').send(newSession()).expect(401);
    await h.http.get(`/sessions/${s.id}`).expect(401);
    await h.http.post('/sessions').set(attendee.auth).send(newSession()).expect(403);
    await h.http.patch(`/sessions/${s.id}`).set(attendee.auth).send({ capacity: 1 }).expect(403);
    await h.http.post(`/sessions/${s.id}/cancel`).set(attendee.auth).send({}).expect(403);
    await h.http.post(`/sessions/${s.id}/status`).set(attendee.auth).send({ status: 'live' }).expect(403);
    await h.http.put(`/sessions/${s.id}/speakers`).set(attendee.auth).send({ speakerIds: [] }).expect(403);
    expect(await catalogCounts(h.ds)).toEqual(before);
  });

  it('hides sessions of unpublished programs from attendees but shows speakers their own', async () => {
    const draft = await createProgram(h.ds, { status: 'draft' });
    const speakerUser = await h.signIn({ roles: ['speaker'] });
    const speaker = await createSpeaker(h.ds, { userId: speakerUser.id });
    const s = await create({
      programId: draft.id,
      speakerIds: [speaker.id],
      start: '2030-01-01T10:00',
      end: '2030-01-01T11:00',
    });
    await h.http.get(`/sessions/${s.id}`).set(attendee.auth).expect(404);
    await h.http.get(`/sessions/${s.id}/sections`).set(attendee.auth).expect(404);
    const own = await h.http.get(`/sessions/${s.id}`).set(speakerUser.auth).expect(200);
    expect(own.body.speakers).toEqual([{ id: speaker.id, fullName: speaker.fullName, affiliation: null }]);
    const otherSpeaker = await h.signIn({ roles: ['speaker'] });
    await h.http.get(`/sessions/${s.id}`).set(otherSpeaker.auth).expect(404);
    await h.http.get(`/sessions/00000000-0000-4000-8000-000000000000`).set(organizer.auth).expect(404);
    const bad = await h.http.get(`/sessions/123`).set(organizer.auth).expect(400);
    expect(bad.body.message).toBe('id must be a UUID');
  });

  describe('speaker overlaps', () => {
    it('refuses a speaker in two overlapping sessions with 409 naming the other session, unless overridden', async () => {
      const aigerim = await createSpeaker(h.ds, { fullName: 'Aigerim Sadykova' });
      const bolat = await createSpeaker(h.ds, { fullName: 'Bolat Zhanov' });
      const first = await create({
        title: { en: 'Primaries 101' },
        start: '2024-06-20T10:00',
        end: '2024-06-20T14:00',
        speakerIds: [aigerim.id, bolat.id],
      });
      expect(first.speakers.map((s: { fullName: string }) => s.fullName)).toEqual([
        'Aigerim Sadykova',
        'Bolat Zhanov',
      ]);

      const before = await catalogCounts(h.ds);
      const clash = await h.http
        .post('/sessions')
        .set(organizer.auth)
        .send(
          newSession({
            title: { en: 'Oratory' },
            start: '2024-06-20T13:00',
            end: '2024-06-20T15:00',
            speakerIds: [bolat.id],
          }),
        )
        .expect(409);
      expect(clash.body.error).toBe('speaker_conflict');
      expect(clash.body.message).toContain(
        `Bolat Zhanov is already booked in "Primaries 101" (2024-06-20 10:00–14:00 Asia/Almaty, session ${first.id})`,
      );
      expect(clash.body.details.conflicts).toEqual([
        {
          speakerId: bolat.id,
          speakerName: 'Bolat Zhanov',
          sessionId: first.id,
          title: 'Primaries 101',
          startAt: '2024-06-20T05:00:00.000Z',
          endAt: '2024-06-20T09:00:00.000Z',
        },
      ]);
      expect(await catalogCounts(h.ds)).toEqual(before);

      // back to back is fine
      await create({ start: '2024-06-20T14:00', end: '2024-06-20T15:00', speakerIds: [bolat.id] });
      // the organizer may insist
      const forced = await create({
        start: '2024-06-20T13:00',
        end: '2024-06-20T15:00',
        speakerIds: [bolat.id],
        overrideSpeakerConflicts: true,
      });
      expect(forced.speakers).toHaveLength(1);

      // a cancelled session frees its speakers
      await h.http.post(`/sessions/${first.id}/cancel`).set(organizer.auth).send({}).expect(200);
      await create({ start: '2024-06-20T11:00', end: '2024-06-20T12:00', speakerIds: [aigerim.id] });
    });

    it('books a speaker once when organizers race for the same slot', async () => {
      const sp = await createSpeaker(h.ds, { fullName: 'Raced Speaker' });
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          h.http
            .post('/sessions')
            .set(organizer.auth)
            .send(
              newSession({
                title: { en: `Race ${i}` },
                start: '2024-09-01T10:00',
                end: '2024-09-01T12:00',
                speakerIds: [sp.id],
              }),
            ),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      expect(await countRows(h.ds, 'session_speakers', 'speaker_id = $1', [sp.id])).toBe(1);
    });

    it('lists every conflict and checks PUT /sessions/:id/speakers too', async () => {
      const a = await createSpeaker(h.ds, { fullName: 'Asel' });
      const b = await createSpeaker(h.ds, { fullName: 'Berik' });
      const s1 = await create({
        title: { en: 'Morning' },
        start: '2024-07-01T09:00',
        end: '2024-07-01T12:00',
        speakerIds: [a.id],
      });
      const s2 = await create({
        title: { en: 'Noon' },
        start: '2024-07-01T11:00',
        end: '2024-07-01T13:00',
        speakerIds: [b.id],
      });
      const s3 = await create({
        title: { en: 'Late morning' },
        start: '2024-07-01T10:00',
        end: '2024-07-01T12:30',
      });
      const res = await h.http
        .put(`/sessions/${s3.id}/speakers`)
        .set(organizer.auth)
        .send({ speakerIds: [b.id, a.id] })
        .expect(409);
      expect(res.body.message).toMatch(/Asel is already booked in "Morning"/);
      expect(res.body.message).toMatch(/Berik is already booked in "Noon"/);
      expect(res.body.details.conflicts.map((c: { sessionId: string }) => c.sessionId)).toEqual([
        s1.id,
        s2.id,
      ]);
      expect(await countRows(h.ds, 'session_speakers', 'session_id = $1', [s3.id])).toBe(0);

      const ok = await h.http
        .put(`/sessions/${s3.id}/speakers`)
        .set(organizer.auth)
        .send({ speakerIds: [b.id, a.id], overrideSpeakerConflicts: true })
        .expect(200);
      expect(ok.body.speakers.map((s: { id: string }) => s.id)).toEqual([b.id, a.id]);
      const replaced = await h.http
        .put(`/sessions/${s3.id}/speakers`)
        .set(organizer.auth)
        .send({ speakerIds: [] })
        .expect(200);
      expect(replaced.body.speakers).toEqual([]);
      await h.http
        .put(`/sessions/${s3.id}/speakers`)
        .set(organizer.auth)
        .send({ speakerIds: [a.id, a.id] })
        .expect(400);
    });

    it('re-checks the speakers when a session is rescheduled', async () => {
      const sp = await createSpeaker(h.ds, { fullName: 'Dana Omarova' });
      const fixed = await create({
        title: { en: 'Fixed' },
        start: '2024-07-10T10:00',
        end: '2024-07-10T12:00',
        speakerIds: [sp.id],
      });
      const moving = await create({
        title: { en: 'Moving' },
        start: '2024-07-10T14:00',
        end: '2024-07-10T16:00',
        speakerIds: [sp.id],
      });
      const res = await h.http
        .patch(`/sessions/${moving.id}`)
        .set(organizer.auth)
        .send({ start: '2024-07-10T11:00' })
        .expect(409);
      expect(res.body.message).toContain(
        `Dana Omarova is already booked in "Fixed" (2024-07-10 10:00–12:00 Asia/Almaty, session ${fixed.id})`,
      );
      const unchanged = await h.http.get(`/sessions/${moving.id}`).set(organizer.auth).expect(200);
      expect(unchanged.body.version).toBe(1);
      expect(await events(h.ds, 'session.rescheduled', moving.id)).toHaveLength(0);

      const forced = await h.http
        .patch(`/sessions/${moving.id}`)
        .set(organizer.auth)
        .send({ start: '2024-07-10T11:00', overrideSpeakerConflicts: true })
        .expect(200);
      expect(forced.body.version).toBe(2);
    });
  });

  describe('rescheduling, capacity, cancelling and status', () => {
    it("changes a session's own reminder offsets with PATCH, and null gives it the program's again", async () => {
      const s = await create({ reminderOffsetsMinutes: [60] });
      expect(s.reminderOffsetsMinutes).toEqual([60]);
      const changed = await h.http
        .patch(`/sessions/${s.id}`)
        .set(organizer.auth)
        .send({ reminderOffsetsMinutes: [10, 1440] })
        .expect(200);
      expect(changed.body.reminderOffsetsMinutes).toEqual([1440, 10]);
      expect(changed.body.version).toBe(1); // not a reschedule
      expect(await events(h.ds, 'session.reminders_changed', s.id)).toHaveLength(1);
      const bad = await h.http
        .patch(`/sessions/${s.id}`)
        .set(organizer.auth)
        .send({ reminderOffsetsMinutes: [0] })
        .expect(400);
      expect(bad.body.error).toBe('validation_failed');
      const back = await h.http
        .patch(`/sessions/${s.id}`)
        .set(organizer.auth)
        .send({ reminderOffsetsMinutes: null })
        .expect(200);
      expect(back.body.reminderOffsetsMinutes).toBeNull();
      expect(await events(h.ds, 'session.reminders_changed', s.id)).toHaveLength(2);
    });

    it('raises the version and writes exactly one session.rescheduled event per time change', async () => {
      const s = await create();
      const res = await h.http
        .patch(`/sessions/${s.id}`)
        .set(organizer.auth)
        .send({ start: '2024-03-03T10:00', title: { en: 'Moved' } })
        .expect(200);
      expect(res.body).toMatchObject({ version: 2, title: { en: 'Moved' } });
      expect(res.body.startAt.utc).toBe('2024-03-03T05:00:00.000Z');
      expect(res.body.endAt.utc).toBe('2024-03-03T09:00:00.000Z'); // keeps its 4 hours
      expect(await events(h.ds, 'session.rescheduled', s.id)).toEqual([
        {
          payload: {
            sessionId: s.id,
            oldStartAt: '2024-03-02T07:00:00.000Z',
            oldEndAt: '2024-03-02T11:00:00.000Z',
            newStartAt: '2024-03-03T05:00:00.000Z',
            newEndAt: '2024-03-03T09:00:00.000Z',
            version: 2,
          },
        },
      ]);

      // no time change: no version, no event
      const same = await h.http
        .patch(`/sessions/${s.id}`)
        .set(organizer.auth)
        .send({
          start: '2024-03-03T10:00',
          end: '2024-03-03T14:00',
          capacity: 30,
          targetRegionIds: [pavlodar],
        })
        .expect(200);
      expect(same.body).toMatchObject({ version: 2, capacity: 30 });
      expect(same.body.targetRegions.map((r: { code: string }) => r.code)).toEqual(['KZ-55']);
      expect(await events(h.ds, 'session.rescheduled', s.id)).toHaveLength(1);

      const longer = await h.http
        .patch(`/sessions/${s.id}`)
        .set(organizer.auth)
        .send({ durationMinutes: 300 })
        .expect(200);
      expect(longer.body.version).toBe(3);
      expect(longer.body.endAt.utc).toBe('2024-03-03T10:00:00.000Z');
      expect(await events(h.ds, 'session.rescheduled', s.id)).toHaveLength(2);

      const before = await catalogCounts(h.ds);
      const bad = await h.http
        .patch(`/sessions/${s.id}`)
        .set(organizer.auth)
        .send({ end: '2024-03-03T09:00' })
        .expect(400);
      expect(bad.body.error).toBe('end_before_start');
      await h.http
        .patch(`/sessions/${s.id}`)
        .set(organizer.auth)
        .send({ start: '2024-02-29T23:30' })
        .expect(400);
      await h.http.patch(`/sessions/${s.id}`).set(organizer.auth).send({ programId }).expect(400);
      await h.http.patch(`/sessions/${s.id}`).set(organizer.auth).send({ title: null }).expect(400);
      await h.http.patch(`/sessions/${s.id}`).set(organizer.auth).send({ joinUrl: null }).expect(400);
      await h.http
        .patch(`/sessions/${s.id}`)
        .set(organizer.auth)
        .send({ targetRegionIds: [999] })
        .expect(400);
      expect(await catalogCounts(h.ds)).toEqual(before);
      expect((await h.http.get(`/sessions/${s.id}`).set(organizer.auth).expect(200)).body.version).toBe(3);

      const hybrid = await h.http
        .patch(`/sessions/${s.id}`)
        .set(organizer.auth)
        .send({ format: 'hybrid', venue: 'Pavlodar, House of Friendship', capacity: null, moduleId })
        .expect(200);
      expect(hybrid.body).toMatchObject({
        format: 'hybrid',
        venue: 'Pavlodar, House of Friendship',
        capacity: null,
        module: { id: moduleId },
      });
      const noModule = await h.http
        .patch(`/sessions/${s.id}`)
        .set(organizer.auth)
        .send({ moduleId: null })
        .expect(200);
      expect(noModule.body.module).toBeNull();
    });

    it('refuses new or changed sessions in an archived program (409)', async () => {
      const archived = await createProgram(h.ds, { status: 'published' });
      const s = await create({ programId: archived.id });
      await h.ds.query(`UPDATE programs SET status = 'archived' WHERE id = $1`, [archived.id]);
      const before = await catalogCounts(h.ds);
      const res = await h.http
        .post('/sessions')
        .set(organizer.auth)
        .send(newSession({ programId: archived.id }))
        .expect(409);
      expect(res.body).toMatchObject({ error: 'program_archived' });
      await h.http.patch(`/sessions/${s.id}`).set(organizer.auth).send({ capacity: 5 }).expect(409);
      expect(await catalogCounts(h.ds)).toEqual(before);
    });

    it('refuses a capacity below the seats taken (409)', async () => {
      const s = await create({ capacity: 100 });
      await h.ds.query('UPDATE sessions SET registered_count = 40 WHERE id = $1', [s.id]);
      const res = await h.http
        .patch(`/sessions/${s.id}`)
        .set(organizer.auth)
        .send({ capacity: 39 })
        .expect(409);
      expect(res.body).toMatchObject({
        error: 'capacity_below_registered',
        message: 'capacity 39 is below the 40 seats already taken in this session',
      });
      const ok = await h.http
        .patch(`/sessions/${s.id}`)
        .set(organizer.auth)
        .send({ capacity: 40 })
        .expect(200);
      expect(ok.body).toMatchObject({ capacity: 40, registeredCount: 40 });
    });

    it('cancels once, records session.cancelled once, and freezes the session', async () => {
      const s = await create();
      const res = await h.http
        .post(`/sessions/${s.id}/cancel`)
        .set(organizer.auth)
        .send({ reason: 'Speaker ill' })
        .expect(200);
      expect(res.body.status).toBe('cancelled');
      const again = await h.http.post(`/sessions/${s.id}/cancel`).set(organizer.auth).send({}).expect(200);
      expect(again.body.status).toBe('cancelled');
      expect(await events(h.ds, 'session.cancelled', s.id)).toEqual([
        { payload: { sessionId: s.id, reason: 'Speaker ill', version: 1 } },
      ]);
      const edit = await h.http
        .patch(`/sessions/${s.id}`)
        .set(organizer.auth)
        .send({ title: { en: 'x' } })
        .expect(409);
      expect(edit.body).toMatchObject({
        error: 'session_cancelled',
        message: 'The session is cancelled and can no longer be changed',
      });
      await h.http.put(`/sessions/${s.id}/speakers`).set(organizer.auth).send({ speakerIds: [] }).expect(409);
      const live = await h.http
        .post(`/sessions/${s.id}/status`)
        .set(organizer.auth)
        .send({ status: 'live' })
        .expect(409);
      expect(live.body.message).toBe('The session is cancelled, which is final: it cannot become live');
      await h.http
        .post(`/sessions/${s.id}/cancel`)
        .set(organizer.auth)
        .send({ reason: 'x'.repeat(1001) })
        .expect(400);
    });

    it('moves scheduled -> live -> ended only forward', async () => {
      const s = await create();
      const url = `/sessions/${s.id}/status`;
      expect(
        (await h.http.post(url).set(organizer.auth).send({ status: 'live' }).expect(200)).body.status,
      ).toBe('live');
      expect(
        (await h.http.post(url).set(organizer.auth).send({ status: 'ended' }).expect(200)).body.status,
      ).toBe('ended');
      const back = await h.http.post(url).set(organizer.auth).send({ status: 'live' }).expect(409);
      expect(back.body.error).toBe('illegal_status_transition');
      await h.http.post(`/sessions/${s.id}/cancel`).set(organizer.auth).send({}).expect(409);
      await h.http.post(url).set(organizer.auth).send({ status: 'cancelled' }).expect(400);
      await h.http.post(url).set(organizer.auth).send({ status: 'scheduled' }).expect(400);

      const t = await create();
      expect(
        (
          await h.http
            .post(`/sessions/${t.id}/status`)
            .set(organizer.auth)
            .send({ status: 'ended' })
            .expect(200)
        ).body.status,
      ).toBe('ended');
      // Ending records session.ended (follow-ups hang off it); nothing else (besides its creation).
      expect(
        await countRows(
          h.ds,
          'domain_events',
          `aggregate_id = $1 AND type NOT IN ('session.ended', 'session.created')`,
          [t.id],
        ),
      ).toBe(0);
      expect(
        await countRows(h.ds, 'domain_events', `aggregate_id = $1 AND type = 'session.ended'`, [t.id]),
      ).toBe(1);
    });
  });
});
