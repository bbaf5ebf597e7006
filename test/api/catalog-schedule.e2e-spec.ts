import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import {
  addSpeaker,
  createModule,
  createOrganization,
  createProgram,
  createSession,
  createSpeaker,
  regionByCode,
} from '../support/factories';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import type { Session } from '@qatys/domain';

interface Item {
  id: string;
  title: { en?: string; ru?: string; kk?: string };
  startAt: { utc: string };
  speakers: { id: string; fullName: string }[];
  targetRegions: { code: string }[];
  sections?: unknown;
}

describe('catalog: schedule query GET /sessions (e2e)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;
  let attendee: SignedIn;
  let pavlodar: number;
  let kostanay: number;
  let programId: string;
  let otherProgramId: string;
  let moduleIds: string[];
  let speakerId: string;
  const s: Record<string, Session> = {};

  const list = async (query: string, who: SignedIn = attendee) => {
    const res = await h.http.get(`/sessions?${query}`).set(who.auth).expect(200);
    return res.body as { items: Item[]; page: number; pageSize: number; total: number };
  };
  const titles = async (query: string, who: SignedIn = attendee) =>
    (await list(query, who)).items.map((i) => i.title.en);

  beforeAll(async () => {
    h = await startApi();
    const org = await createOrganization(h.ds);
    organizer = await h.signIn({ roles: ['organizer'], organizationId: org.id });
    attendee = await h.signIn({ roles: ['attendee'], timeZone: 'Asia/Almaty' });
    pavlodar = (await regionByCode(h.ds, 'KZ-55')).id;
    kostanay = (await regionByCode(h.ds, 'KZ-39')).id;
    programId = (await createProgram(h.ds, { organizationId: org.id, status: 'published' })).id;
    otherProgramId = (await createProgram(h.ds, { organizationId: org.id, status: 'published' })).id;
    const draftId = (await createProgram(h.ds, { organizationId: org.id, status: 'draft' })).id;
    moduleIds = [(await createModule(h.ds, programId, 1)).id, (await createModule(h.ds, programId, 2)).id];
    const speaker = await createSpeaker(h.ds, { fullName: 'Aigerim Sadykova', affiliation: 'Academy' });
    speakerId = speaker.id;
    const second = await createSpeaker(h.ds, { fullName: 'Bolat Zhanov' });

    const at = (iso: string) => new Date(iso);
    // June 20 in Almaty/Pavlodar local time runs 2024-06-19T19:00Z .. 2024-06-20T19:00Z.
    s.early = await createSession(h.ds, programId, {
      title: { en: 'Early (local 04:00)', ru: 'Ранняя' },
      startAt: at('2024-06-19T23:00:00Z'),
      durationMinutes: 60,
      targetRegionIds: [pavlodar],
      moduleId: moduleIds[0],
    });
    s.day = await createSession(h.ds, programId, {
      title: { en: 'Day for Pavlodar and Kostanay', ru: 'Дневная' },
      localStart: '2024-06-20T10:00',
      targetRegionIds: [pavlodar, kostanay],
      moduleId: moduleIds[1],
    });
    s.kostanayOnly = await createSession(h.ds, programId, {
      title: { en: 'Kostanay only' },
      localStart: '2024-06-20T12:00',
      targetRegionIds: [kostanay],
    });
    s.everyone = await createSession(h.ds, otherProgramId, {
      title: { en: 'For everyone' },
      localStart: '2024-06-20T15:00',
      durationMinutes: 60,
    });
    s.lateNight = await createSession(h.ds, programId, {
      title: { en: 'Late night (local 23:30)' },
      localStart: '2024-06-20T23:30',
      durationMinutes: 20,
      targetRegionIds: [pavlodar],
    });
    s.nextDay = await createSession(h.ds, programId, {
      title: { en: 'Next day (local 01:00, UTC June 20)' },
      startAt: at('2024-06-20T20:00:00Z'),
      durationMinutes: 60,
      targetRegionIds: [pavlodar],
    });
    s.cancelled = await createSession(h.ds, programId, {
      title: { en: 'Cancelled' },
      localStart: '2024-06-20T11:00',
      status: 'cancelled',
    });
    s.draft = await createSession(h.ds, draftId, {
      title: { en: 'Draft program' },
      localStart: '2024-06-20T09:00',
    });
    await addSpeaker(h.ds, s.day.id, speakerId);
    await addSpeaker(h.ds, s.day.id, second.id);
    await addSpeaker(h.ds, s.lateNight.id, speakerId);
  });
  afterAll(() => h.close());

  it('answers "today in Pavlodar" with the local day of its zone, across the UTC day boundary', async () => {
    expect(await titles(`regionId=${pavlodar}&date=2024-06-20`)).toEqual([
      'Early (local 04:00)',
      'Day for Pavlodar and Kostanay',
      'Cancelled',
      'For everyone',
      'Late night (local 23:30)',
    ]);
    const late = (await list(`regionId=${pavlodar}&date=2024-06-20`)).items.find(
      (i) => i.id === s.lateNight.id,
    )!;
    expect(late.startAt.utc).toBe('2024-06-20T18:30:00.000Z');
    expect(await titles(`regionId=${pavlodar}&date=2024-06-21`)).toEqual([
      'Next day (local 01:00, UTC June 20)',
    ]);
    // the region's zone wins over the reader's
    expect(await titles(`regionId=${pavlodar}&date=2024-06-20&tz=America/New_York`)).toHaveLength(5);
  });

  it("reads a day without a region in ?tz= or the reader's own zone", async () => {
    // New York's June 20 is 04:00Z .. 04:00Z next day
    expect(await titles('date=2024-06-20&tz=America/New_York&status=scheduled')).toEqual([
      'Day for Pavlodar and Kostanay',
      'Kostanay only',
      'For everyone',
      'Late night (local 23:30)',
      'Next day (local 01:00, UTC June 20)',
    ]);
    const newYorker = await h.signIn({ roles: ['attendee'], timeZone: 'America/New_York' });
    expect(await titles('date=2024-06-20&status=scheduled', newYorker)).toEqual(
      await titles('date=2024-06-20&tz=America/New_York&status=scheduled'),
    );
    // the attendee's profile zone is Asia/Almaty
    expect(await titles('date=2024-06-20&status=scheduled')).toEqual([
      'Early (local 04:00)',
      'Day for Pavlodar and Kostanay',
      'Kostanay only',
      'For everyone',
      'Late night (local 23:30)',
    ]);
  });

  it('filters by region: sessions aimed at it or at everyone', async () => {
    const k = await titles(`regionId=${kostanay}&from=2024-06-01T00:00:00Z&to=2024-07-01T00:00:00Z`);
    expect(k).toEqual(['Day for Pavlodar and Kostanay', 'Cancelled', 'Kostanay only', 'For everyone']);
  });

  it('lists sessions overlapping a UTC window', async () => {
    // 'day' runs 05:00Z..09:00Z: a window starting inside it still lists it
    expect(await titles('from=2024-06-20T08:59:00Z&to=2024-06-20T09:30:00Z&status=scheduled')).toEqual([
      'Day for Pavlodar and Kostanay',
      'Kostanay only', // 07:00Z..11:00Z
    ]);
    expect(await titles('from=2024-06-20T09:00:00Z&to=2024-06-20T09:30:00Z&status=scheduled')).toEqual([
      'Kostanay only',
    ]);
    expect(await titles('from=2024-06-20T15:30:00%2B05:00&to=2024-06-20T20:30:00Z')).toEqual([
      'Kostanay only', // until 11:00Z = 16:00 local
      'For everyone',
      'Late night (local 23:30)',
      'Next day (local 01:00, UTC June 20)',
    ]);
  });

  it('filters by program, module, speaker and status, and hides drafts from attendees', async () => {
    expect(await titles(`programId=${otherProgramId}`)).toEqual(['For everyone']);
    expect(await titles(`moduleId=${moduleIds[1]}`)).toEqual(['Day for Pavlodar and Kostanay']);
    expect(await titles(`speakerId=${speakerId}`)).toEqual([
      'Day for Pavlodar and Kostanay',
      'Late night (local 23:30)',
    ]);
    expect(await titles('status=cancelled')).toEqual(['Cancelled']);
    expect(await titles('status=cancelled,scheduled&pageSize=100')).toHaveLength(7);
    expect(await titles('date=2024-06-20&status=scheduled', organizer)).toContain('Draft program');
    expect(await titles('pageSize=100')).not.toContain('Draft program');
  });

  it('gives each item its speakers (in order) and target regions, without sections', async () => {
    const [item] = (await list(`speakerId=${speakerId}&pageSize=1`)).items;
    expect(item.id).toBe(s.day.id);
    expect(item.speakers.map((x) => x.fullName)).toEqual(['Aigerim Sadykova', 'Bolat Zhanov']);
    expect(item.targetRegions.map((r) => r.code).sort()).toEqual(['KZ-39', 'KZ-55']);
    expect(item.sections).toBeUndefined();
    expect(item).not.toHaveProperty('description');
  });

  it('paginates with a total and sorts', async () => {
    const p1 = await list('pageSize=3&page=1');
    const p2 = await list('pageSize=3&page=2');
    const p3 = await list('pageSize=3&page=3');
    expect(p1).toMatchObject({ page: 1, pageSize: 3, total: 7 });
    expect(p3.items).toHaveLength(1);
    const ids = [...p1.items, ...p2.items, ...p3.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(7);
    const past = await list('pageSize=3&page=9');
    expect(past).toEqual({ items: [], page: 9, pageSize: 3, total: 7 });
    const dflt = await list('');
    expect(dflt).toMatchObject({ page: 1, pageSize: 20, total: 7 });

    const asc = (await list('sort=startAt')).items.map((i) => i.startAt.utc);
    expect(asc).toEqual([...asc].sort());
    const desc = (await list('sort=-startAt')).items.map((i) => i.startAt.utc);
    expect(desc).toEqual([...asc].reverse());
    const byTitle = (await list('sort=title')).items.map((i) => i.title.en);
    expect(byTitle[0]).toBe('Cancelled');
    const byCreated = (await list('sort=createdAt')).items.map((i) => i.id);
    expect(byCreated).toEqual(
      [s.early, s.day, s.kostanayOnly, s.everyone, s.lateNight, s.nextDay, s.cancelled].map((x) => x.id),
    );
    // russian readers get titles sorted by their language first
    const ru = await h.signIn({ roles: ['attendee'], language: 'ru' });
    const ruTitles = (await list(`programId=${programId}&sort=title&moduleId=${moduleIds[0]}`, ru)).items;
    expect(ruTitles[0].title.ru).toBe('Ранняя');
  });

  it.each([
    [
      'from without an offset',
      'from=2024-06-20T00:00',
      /from must be an ISO 8601 instant with Z or an offset/,
    ],
    [
      'from after to',
      'from=2024-06-21T00:00:00Z&to=2024-06-20T00:00:00Z',
      /from \(2024-06-21T00:00:00.000Z\) must be before to/,
    ],
    ['a bad date', 'date=20-06-2024', /date must be YYYY-MM-DD \(got "20-06-2024"\)/],
    ['an unknown region', 'regionId=999&date=2024-06-20', /regionId: region 999 does not exist/],
    ['a region id that is not a number', 'regionId=KZ-55', /regionId must be an integer number/],
    [
      'an unknown status',
      'status=scheduled,postponed',
      /status must be a comma-separated list of scheduled, live, ended, cancelled \(got "postponed"\)/,
    ],
    ['an unknown sort', 'sort=speaker', /sort must be one of the following values/],
    ['a page size over 100', 'pageSize=101', /pageSize must not be greater than 100/],
    ['page 0', 'page=0', /page must not be less than 1/],
    ['an unknown parameter', 'city=Pavlodar', /property city should not exist/],
    ['a program id that is not a UUID', 'programId=42', /programId must be a UUID/],
    ['an unknown zone', 'tz=Asia/Pavlodar&date=2024-06-20', /tz "Asia\/Pavlodar" is not an IANA time zone/],
  ])('refuses %s with a 400', async (_what, query, message) => {
    const res = await h.http.get(`/sessions?${query}`).set(attendee.auth).expect(400);
    expect(res.body.message).toMatch(message);
  });

  it('needs a token', async () => {
    await h.http.get('/sessions').expect(401);
  });

  it('runs a fixed number of SQL queries whatever the page size (no N+1)', async () => {
    // 60 more sessions, each with two speakers and a target region
    const sp = await createSpeaker(h.ds, { fullName: 'Many' });
    const sp2 = await createSpeaker(h.ds, { fullName: 'More' });
    for (let i = 0; i < 60; i++) {
      const x = await createSession(h.ds, otherProgramId, {
        localStart: `2024-08-${String(1 + (i % 28)).padStart(2, '0')}T${String(8 + (i % 10)).padStart(2, '0')}:00`,
        targetRegionIds: [pavlodar],
        durationMinutes: 30,
      });
      await addSpeaker(h.ds, x.id, sp.id);
      await addSpeaker(h.ds, x.id, sp2.id);
    }
    await list('pageSize=5'); // warms the region cache
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      const small = await list(`pageSize=5&regionId=${pavlodar}`);
      const smallQueries = spy.mock.calls.length;
      spy.mockClear();
      const big = await list(`pageSize=50&regionId=${pavlodar}&sort=-startAt`);
      const bigQueries = spy.mock.calls.length;
      expect(small.items).toHaveLength(5);
      expect(big.items).toHaveLength(50);
      expect(big.items.filter((i) => i.speakers.map((x) => x.fullName).join() === 'Many,More')).toHaveLength(
        50,
      );
      expect(bigQueries).toBe(smallQueries);
      expect(bigQueries).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });
});
